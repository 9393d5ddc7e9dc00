package io.floe.connector.streaming;

import io.floe.connector.loading.ResumeCheck;
import io.floe.connector.snowflake.ObjectRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One partition's channel and what this task knows of its offsets. Kafka offsets are the channel's
 * offset tokens, so the committed token is the partition's exactly-once high-water mark: rows and
 * token are committed together.
 */
final class PartitionChannel {
  /** A record's rows waiting to be handed to the channel. */
  record Pending(SinkRecord record, List<Map<String, Object>> rows, long bytes) {}

  private final TopicPartition partition;
  private final ObjectRef table;
  private Channel channel;
  private ResumeCheck resume;
  private final List<Pending> pending = new ArrayList<>();
  private long pendingBytes;
  private long pendingSinceNanos;

  /** The highest offset written (rows buffered, or a record that loads nothing); -1 for none. */
  private long written = -1;

  /** The first offset written since the channel was opened; -1 for none. */
  private long firstWritten = -1;

  /** The highest offset of a row the channel took (or the committed one it was opened at). */
  private long handedRows = -1;

  /** The highest offset Snowflake committed, from the channel's token; -1 for none. */
  private long committed;

  /** Handovers not yet known committed, oldest first: {last row offset, nanoTime}. */
  private final ArrayDeque<long[]> uncommitted = new ArrayDeque<>();

  PartitionChannel(TopicPartition partition, ObjectRef table, Channel channel, long committed) {
    this.partition = partition;
    this.table = table;
    this.committed = committed;
    reopened(channel, new ResumeCheck(committed < 0 ? -1 : committed + 1));
  }

  /**
   * A fresh instance of the channel. Kafka resumes at {@code resume}'s point: offsets below it are
   * not written again.
   */
  void reopened(Channel channel, ResumeCheck resume) {
    this.channel = channel;
    this.resume = resume;
    this.pending.clear();
    this.pendingBytes = 0;
    this.written = resume.resumeAt() < 0 ? committed : resume.resumeAt() - 1;
    this.firstWritten = -1;
    this.handedRows = committed;
    this.uncommitted.clear();
  }

  TopicPartition partition() {
    return partition;
  }

  ObjectRef table() {
    return table;
  }

  Channel channel() {
    return channel;
  }

  ResumeCheck resume() {
    return resume;
  }

  /** Where Kafka resumes after this channel's committed rows: -1 when nothing is committed. */
  long resumeAt() {
    return committed < 0 ? -1 : committed + 1;
  }

  /** False for an offset already written: delivered again after Floe's seek. */
  boolean accepts(long offset) {
    return offset > written;
  }

  void add(SinkRecord record, List<Map<String, Object>> rows, long bytes, long nowNanos) {
    if (pending.isEmpty()) {
      pendingSinceNanos = nowNanos;
    }
    pending.add(new Pending(record, rows, bytes));
    pendingBytes += bytes;
    written(record.kafkaOffset());
  }

  private void written(long offset) {
    if (firstWritten < 0) {
      firstWritten = offset;
    }
    written = offset;
  }

  /** A record that loads nothing (skipped, or broken and handled): its offset is done. */
  void skipped(long offset) {
    written(offset);
  }

  List<Pending> pending() {
    return pending;
  }

  long pendingBytes() {
    return pendingBytes;
  }

  long pendingSinceNanos() {
    return pendingSinceNanos;
  }

  /**
   * The pending records were handed over: rows to the channel up to {@code lastRowOffset} (-1 when
   * every one was broken and set aside).
   */
  void handed(long lastRowOffset, long nowNanos) {
    pending.clear();
    pendingBytes = 0;
    if (lastRowOffset > handedRows) {
      uncommitted.addLast(new long[] {lastRowOffset, nowNanos});
    }
    handedRows = Math.max(handedRows, lastRowOffset);
  }

  /** Past the newest row handed to the channel: the processed offset. */
  long processed() {
    return handedRows + 1;
  }

  /** How long the oldest rows handed over have waited for a commit, in ms (0 when none wait). */
  long commitLagMillis(long nowNanos) {
    long[] oldest = uncommitted.peekFirst();
    return oldest == null ? 0 : (nowNanos - oldest[1]) / 1_000_000;
  }

  void committed(long offset) {
    committed = Math.max(committed, offset);
    while (!uncommitted.isEmpty() && uncommitted.peekFirst()[0] <= committed) {
      uncommitted.removeFirst();
    }
  }

  long committed() {
    return committed;
  }

  long written() {
    return written;
  }

  /**
   * Where Kafka must resume when this instance of the channel is lost: past the committed token,
   * or, with none, at the first offset written since the channel opened (-1 when nothing was).
   */
  long rewindTo() {
    return committed >= 0 ? committed + 1 : firstWritten;
  }

  /**
   * True when Snowflake committed every row handed over, so the records Connect consumed after the
   * last row (skipped, broken and set aside, or dropped before put()) are done as well.
   */
  boolean settled() {
    return pending.isEmpty() && committed >= handedRows && resume.settled();
  }
}
