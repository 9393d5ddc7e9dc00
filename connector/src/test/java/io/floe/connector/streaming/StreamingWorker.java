package io.floe.connector.streaming;

import io.floe.connector.loading.BrokenRecords;
import io.floe.connector.loading.TaskMetrics;
import io.floe.connector.loading.TaskThreads;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.testing.TaskContextStandIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A Kafka Connect worker reduced to what the streaming loader sees: a log per partition, a position
 * that seeks move (between batches, as Connect applies them), put() as the task does it, and
 * commits of what preCommit answers.
 */
final class StreamingWorker {
  static final String CONNECTOR = "orders-sink";
  static final ObjectRef TABLE = ObjectRef.of("DB", "PUBLIC", "ORDERS");

  final Map<TopicPartition, List<SinkRecord>> log = new LinkedHashMap<>();
  final Map<TopicPartition, Long> position = new HashMap<>();
  final Map<TopicPartition, Long> consumed = new HashMap<>();
  final Map<TopicPartition, Long> committed = new HashMap<>();
  final TaskContextStandIn context = new TaskContextStandIn(Map.of());
  final FakeStreaming snowflake;
  final List<SinkRecord> deadLetters = new ArrayList<>();
  StreamingLoader loader;
  final TaskMetrics metrics = new TaskMetrics();

  /** The loader's clock (nanoTime), moved by tests. */
  final long[] nanos = {0};

  BrokenRecords.Mode brokenMode = BrokenRecords.Mode.DEAD_LETTER_QUEUE;
  boolean singleBuffer = true;
  int maxRecoveries = 5;

  StreamingWorker(FakeStreaming snowflake) {
    this.snowflake = snowflake;
  }

  /** {@code count} records; a value "bad" where {@code bad} holds the offset. */
  void produce(TopicPartition tp, int count, Set<Long> bad) {
    List<SinkRecord> records = log.computeIfAbsent(tp, k -> new ArrayList<>());
    for (int i = 0; i < count; i++) {
      long offset = records.size();
      String value = bad.contains(offset) ? "bad" : "v" + offset;
      records.add(
          new SinkRecord(
              tp.topic(), tp.partition(), null, null, Schema.STRING_SCHEMA, value, offset));
    }
  }

  void start() {
    context.reporter(
        (record, error) -> {
          deadLetters.add(record);
          return java.util.concurrent.CompletableFuture.completedFuture(null);
        });
    BrokenRecords broken =
        new BrokenRecords(
            brokenMode,
            context.errantRecordReporter(),
            null,
            t -> null,
            CONNECTOR,
            r -> 0,
            new TaskMetrics());
    StreamingSettings settings =
        new StreamingSettings(
            CONNECTOR,
            singleBuffer,
            10_000,
            1 << 20,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            maxRecoveries,
            null,
            -1,
            Map.of(),
            false,
            true);
    loader =
        new StreamingLoader(
            settings,
            snowflake,
            topic -> TABLE,
            table -> {},
            context,
            broken,
            metrics,
            () -> nanos[0],
            new ChannelOpens(
                new TaskThreads(CONNECTOR, "task-0").factory("channel-open"),
                ChannelOpens.PARALLELISM),
            null);
    for (TopicPartition tp : log.keySet()) {
      position.put(tp, committed.getOrDefault(tp, 0L));
    }
    loader.open(log.keySet());
  }

  /** One poll of up to {@code max} records per partition and the task's put(); seeks first. */
  int poll(int max) {
    applySeeks();
    List<SinkRecord> batch = new ArrayList<>();
    for (Map.Entry<TopicPartition, List<SinkRecord>> e : log.entrySet()) {
      long from = position.get(e.getKey());
      long to = Math.min(e.getValue().size(), from + max);
      for (long o = from; o < to; o++) {
        batch.add(e.getValue().get((int) o));
      }
      position.put(e.getKey(), to);
      if (to > from) {
        consumed.put(e.getKey(), to);
      }
    }
    put(batch);
    return batch.size();
  }

  void drain(int max) {
    while (poll(max) > 0) {
      // keep polling
    }
    applySeeks();
  }

  /** What SnowflakeSinkTask.put does, with a stand-in converter. */
  void put(List<SinkRecord> batch) {
    for (SinkRecord r : batch) {
      if (!loader.accepts(r)) {
        continue;
      }
      String line =
          "{\"meta\":{\"offset\":"
              + r.kafkaOffset()
              + ",\"partition\":"
              + r.kafkaPartition()
              + "},\"content\":\""
              + r.value()
              + "\"}";
      loader.write(r, List.of(line.getBytes(StandardCharsets.UTF_8)));
    }
    loader.afterBatch();
  }

  Map<TopicPartition, Long> commit() {
    Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
    consumed.forEach((tp, o) -> current.put(tp, new OffsetAndMetadata(o)));
    loader.committableOffsets(current).forEach((tp, o) -> committed.put(tp, o.offset()));
    return Map.copyOf(committed);
  }

  void stop() {
    loader.close(log.keySet());
    loader.close();
  }

  private void applySeeks() {
    position.putAll(context.takeSeeks());
  }

  /** The Kafka offsets of the rows Snowflake committed for a partition's channel, in order. */
  List<Long> offsetsInTable(TopicPartition tp) {
    List<Long> out = new ArrayList<>();
    for (Map<String, Object> row : snowflake.rows(ChannelName.of(CONNECTOR, tp))) {
      String meta = (String) row.get(RowColumns.METADATA);
      String digits = meta.substring(meta.indexOf(':') + 1, meta.indexOf(','));
      out.add(Long.parseLong(digits));
    }
    return out;
  }
}
