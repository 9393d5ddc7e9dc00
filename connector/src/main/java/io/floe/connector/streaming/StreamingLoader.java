package io.floe.connector.streaming;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.conversion.RecordConverter;
import io.floe.connector.loading.BrokenRecords;
import io.floe.connector.loading.Ingestion;
import io.floe.connector.loading.ResumeCheck;
import io.floe.connector.loading.TaskMetrics;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.schema.TableSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads through Snowpipe Streaming: one channel per partition, the Kafka offset as offset token.
 * Exactly once rests on Snowflake committing a channel's rows and token together: a partition
 * resumes after its channel's committed token (not Kafka's committed offset), Kafka commits only
 * what Snowflake committed, and reopening a channel fences every older instance of it, so a zombie
 * task's rows are refused.
 */
public final class StreamingLoader implements Ingestion {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingLoader.class);

  private final StreamingSettings settings;
  private final ChannelOpener opener;
  private final Function<String, ObjectRef> tableForTopic;
  private final Consumer<ObjectRef> ensureTable;
  private final SinkTaskContext context;
  private final BrokenRecords broken;
  private final TaskMetrics metrics;
  private final LongSupplier nanos;
  private final Map<TopicPartition, PartitionChannel> channels = new LinkedHashMap<>();

  /** The channel found last: a batch's records come in runs of one partition. */
  private PartitionChannel last;

  private final ChannelRecovery recovery;
  private final ChannelOpens opens;

  /** With snowflake.enable.schematization: rows of the table's columns; else null. */
  private final SchematizedRows schematized;

  /**
   * @param opens opens a rebalance's channels, several at once
   * @param schemas with snowflake.enable.schematization, each table's columns (lines are then
   *     {@code {"RECORD_METADATA":{…},"COLUMN":value,…}}); null for RECORD_CONTENT rows
   */
  StreamingLoader(
      StreamingSettings settings,
      ChannelOpener opener,
      Function<String, ObjectRef> tableForTopic,
      Consumer<ObjectRef> ensureTable,
      SinkTaskContext context,
      BrokenRecords broken,
      TaskMetrics metrics,
      LongSupplier nanos,
      ChannelOpens opens,
      Function<ObjectRef, TableSchema> schemas) {
    this.opens = opens;
    this.schematized = schemas == null ? null : new SchematizedRows(schemas);
    this.settings = settings;
    this.opener = opener;
    this.tableForTopic = tableForTopic;
    this.ensureTable = ensureTable;
    this.context = context;
    this.broken = broken;
    this.metrics = metrics;
    this.nanos = nanos;
    this.recovery = new ChannelRecovery(opener, context, settings.maxRecoveries());
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    last = null; // channels change
    List<TopicPartition> list = List.copyOf(partitions);
    Map<TopicPartition, ObjectRef> tables = new HashMap<>();
    for (TopicPartition tp : list) {
      // On this thread, one table at a time: the table manager creates each table once.
      ObjectRef table = tableForTopic.apply(tp.topic());
      ensureTable.accept(table);
      tables.put(tp, table);
    }
    List<PartitionChannel> opened =
        opens.all(list, tp -> openChannel(tp, tables.get(tp)), pc -> pc.channel().close());
    Map<TopicPartition, Long> seekTo = new LinkedHashMap<>();
    for (PartitionChannel pc : opened) {
      channels.put(pc.partition(), pc);
      if (pc.resumeAt() >= 0) {
        seekTo.put(pc.partition(), pc.resumeAt());
      }
    }
    if (!seekTo.isEmpty()) {
      LOG.info("Resuming after the offsets Snowflake committed in each channel: {}", seekTo);
      context.offset(seekTo);
    }
  }

  /** Opens a partition's channel and reads where it resumes; called on the opening threads. */
  private PartitionChannel openChannel(TopicPartition tp, ObjectRef table) {
    Channel channel = opener.open(table, ChannelName.of(settings.connectorName(), tp));
    long committed = OffsetTokens.of(channel);
    if (committed < 0 && settings.adoptIncumbentOffsets()) {
      committed = IncumbentChannel.committedOffset(opener, table, tp);
    }
    return new PartitionChannel(tp, table, channel, committed);
  }

  @Override
  public boolean accepts(SinkRecord record) {
    PartitionChannel pc = channel(record);
    ResumeCheck check = pc.resume();
    long offset = record.kafkaOffset();
    switch (check.check(offset)) {
      case DROP:
        return false;
      case SEEK_AGAIN:
        LOG.info(
            "{}: offset {} is below {}, where Floe resumes; asking Kafka to seek there again",
            pc.partition(),
            offset,
            check.resumeAt());
        context.offset(pc.partition(), check.resumeAt());
        return false;
      case RESTARTED:
        throw new FloeException(
            ErrorCode.FLOE_3040,
            String.format(
                "Topic %s, partition %d: channel %s of table %s committed offsets up to %d, so"
                    + " Floe asked Kafka to resume at offset %d, but Kafka delivered offset %d"
                    + " after that seek.",
                pc.partition().topic(),
                pc.partition().partition(),
                pc.channel().name(),
                pc.table(),
                check.resumeAt() - 1,
                check.resumeAt(),
                offset));
      case ACCEPT:
      default:
        return pc.accepts(offset);
    }
  }

  @Override
  public void write(SinkRecord record, List<byte[]> lines) {
    PartitionChannel pc = channel(record);
    if (!pc.accepts(record.kafkaOffset())) {
      return;
    }
    if (lines.isEmpty()) {
      metrics.recordSkipped();
      pc.skipped(record.kafkaOffset());
      return;
    }
    List<Map<String, Object>> rows = new ArrayList<>(lines.size());
    long bytes = 0;
    for (byte[] line : lines) {
      rows.add(schematized == null ? RowColumns.of(line) : schematized.of(pc.table(), line));
      bytes += line.length;
    }
    if (schematized != null && !ChannelColumns.fit(pc, rows, () -> reopen(pc))) {
      return; // Kafka delivers the record again, into the reopened channel
    }
    metrics.recordsWritten(1);
    pc.add(record, rows, bytes, nanos.getAsLong());
    if (!settings.singleBuffer()
        && (pc.pending().size() >= settings.bufferRecords()
            || pc.pendingBytes() >= settings.bufferBytes())) {
      handOver(pc);
    }
  }

  @Override
  public void afterBatch() {
    long now = nanos.getAsLong();
    for (PartitionChannel pc : new ArrayList<>(channels.values())) {
      if (!pc.pending().isEmpty()
          && (settings.singleBuffer()
              || now - pc.pendingSinceNanos() >= settings.flushTime().toNanos())) {
        handOver(pc);
      }
      // After the handover: a seek it asks for (a reopened channel) takes effect before the next
      // batch, which must confirm it.
      pc.resume().batchEnded();
    }
  }

  /** Hands a partition's pending rows to its channel, all in one call when none is refused. */
  private void handOver(PartitionChannel pc) {
    List<PartitionChannel.Pending> pending = pc.pending();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (PartitionChannel.Pending p : pending) {
      rows.addAll(p.rows());
    }
    long first = pending.get(0).record().kafkaOffset();
    long last = pending.get(pending.size() - 1).record().kafkaOffset();
    try {
      pc.channel().insert(rows, Long.toString(first), Long.toString(last));
      pc.handed(last, nanos.getAsLong());
    } catch (Channel.RowsRejected e) {
      // Some record does not fit the table. Hand the records over one by one, so that the refused
      // ones are set aside (errors.tolerance) before any later offset can be committed past them.
      handOverOneByOne(pc, new ArrayList<>(pending));
    } catch (Channel.Invalidated e) {
      recovery.recover(pc, e);
    }
  }

  private void handOverOneByOne(PartitionChannel pc, List<PartitionChannel.Pending> pending) {
    long lastRow = -1;
    for (PartitionChannel.Pending p : pending) {
      String offset = Long.toString(p.record().kafkaOffset());
      try {
        pc.channel().insert(p.rows(), offset, offset);
        lastRow = p.record().kafkaOffset();
      } catch (Channel.RowsRejected e) {
        broken.handle(
            p.record(),
            RecordConverter.refused(
                p.record(),
                ErrorCode.FLOE_3041,
                "table " + pc.table() + " refused the row: " + e.getMessage()));
      } catch (Channel.Invalidated e) {
        recovery.recover(pc, e);
        return;
      }
    }
    pc.handed(lastRow, nanos.getAsLong());
  }

  /** Reopens the channel for a table that gained columns: an evolution, not a failure to count. */
  private void reopen(PartitionChannel pc) {
    recovery.progressed(pc.partition());
    recovery.recover(pc, ChannelColumns.evolved(pc));
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> committableOffsets(
      Map<TopicPartition, OffsetAndMetadata> consumed) {
    afterBatch();
    refreshCommitted();
    for (PartitionChannel pc : channels.values()) {
      // A channel reopened just now asked Kafka to rewind; that takes effect before the next
      // batch, which must confirm it rather than be dropped as if read before the rewind.
      pc.resume().batchEnded();
    }
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    for (PartitionChannel pc : channels.values()) {
      long offset = pc.resumeAt();
      OffsetAndMetadata kafka = consumed.get(pc.partition());
      if (kafka != null && kafka.offset() > offset && pc.settled()) {
        offset = kafka.offset();
      }
      if (offset >= 0) {
        out.put(pc.partition(), new OffsetAndMetadata(offset));
      }
      metrics.partition(
          pc.partition(), pc.written() + 1, pc.processed(), offset, pc.written() + 1 - offset);
    }
    long now = nanos.getAsLong();
    long lag = 0;
    for (PartitionChannel pc : channels.values()) {
      lag = Math.max(lag, pc.commitLagMillis(now));
    }
    metrics.channelCommitLag(lag);
    return out;
  }

  /** Asks Snowflake for every channel's committed token, in one request when all are valid. */
  private void refreshCommitted() {
    List<PartitionChannel> all = new ArrayList<>(channels.values());
    List<Channel> open = all.stream().map(PartitionChannel::channel).toList();
    if (open.isEmpty()) {
      return;
    }
    try {
      List<String> tokens = opener.committedTokens(open);
      for (int i = 0; i < all.size(); i++) {
        committed(all.get(i), tokens.get(i));
      }
    } catch (Channel.Invalidated e) {
      for (PartitionChannel pc : all) {
        try {
          committed(pc, pc.channel().committedToken());
        } catch (Channel.Invalidated invalid) {
          recovery.recover(pc, invalid);
        }
      }
    }
  }

  private void committed(PartitionChannel pc, String token) {
    long offset = OffsetTokens.of(pc.channel().name(), token);
    if (offset > pc.committed()) {
      recovery.progressed(pc.partition());
    }
    pc.committed(offset);
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    last = null; // channels change
    for (TopicPartition tp : partitions) {
      PartitionChannel pc = channels.remove(tp);
      if (pc == null) {
        continue;
      }
      // Pending rows are dropped: not committed, so the next owner reads them again.
      try {
        pc.channel().close();
      } catch (RuntimeException e) {
        LOG.warn("{}: closing channel {} failed: {}", tp, pc.channel().name(), e.toString());
      }
      recovery.progressed(tp);
      metrics.partitionClosed(tp);
    }
  }

  @Override
  public int generation(SinkRecord record) {
    return 0;
  }

  @Override
  public void close() {
    try {
      close(new ArrayList<>(channels.keySet()));
    } finally {
      opener.close();
    }
  }

  /** The record's channel, without a TopicPartition per record while its partition repeats. */
  private PartitionChannel channel(SinkRecord record) {
    PartitionChannel pc = last;
    if (pc != null
        && pc.partition().partition() == record.kafkaPartition()
        && pc.partition().topic().equals(record.topic())) {
      return pc;
    }
    pc = channels.get(new TopicPartition(record.topic(), record.kafkaPartition()));
    if (pc == null) {
      // Connect hands a task only records of partitions it opened: another topic means a
      // transform renamed it.
      throw new FloeException(
          ErrorCode.FLOE_3046,
          "Topic "
              + record.topic()
              + ", partition "
              + record.kafkaPartition()
              + ", offset "
              + record.kafkaOffset()
              + " is not a partition this task opened ("
              + channels.keySet()
              + ").");
    }
    last = pc;
    return pc;
  }
}
