package io.floe.connector.loading;

import io.floe.connector.table.TableObjects;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition's progress from records to committed offsets: the open buffer, the sealed files not
 * yet submitted to Snowpipe (in offset order), and what may be committed. Used by the task thread
 * only; upload threads touch {@link SealedFile}s, never this class.
 */
final class PartitionWriter {
  private final TopicPartition partition;
  private final TableObjects objects;
  private final FlushPolicy policy;
  private final ResumeCheck resume;
  private final Deque<SealedFile> pending = new ArrayDeque<>();
  private PartitionBuffer buffer;

  /** The generation of file names this partition's new files get ({@link FileNames}). */
  private int generation;

  /** Highest offset already staged or buffered: records at or below it are not written again. */
  private long highestSeen;

  /** Next offset to commit (everything below it is staged and submitted), or -1 if unknown. */
  private long committable;

  PartitionWriter(
      TopicPartition partition,
      TableObjects objects,
      FlushPolicy policy,
      int generation,
      long recoveredLast,
      boolean sought) {
    this.partition = partition;
    this.objects = objects;
    this.policy = policy;
    this.generation = generation;
    this.highestSeen = recoveredLast;
    this.committable = recoveredLast < 0 ? -1 : recoveredLast + 1;
    // Floe asks Kafka to resume just past what is staged (nothing when nothing is), unless the
    // partition feeds several tables (see Writers#start).
    this.resume = new ResumeCheck(sought ? committable : -1);
  }

  /** Whether Kafka resumed where Floe asked, for this partition. */
  ResumeCheck resume() {
    return resume;
  }

  int generation() {
    return generation;
  }

  /**
   * Starts the next generation of file names: the partition's offsets restarted below what is
   * staged, so what was staged says nothing about the new offsets. Only before anything of this
   * partition was buffered since it was opened.
   */
  void startNextGeneration() {
    if (buffer != null || !pending.isEmpty()) {
      throw new IllegalStateException(
          partition + " has records buffered in generation " + generation);
    }
    generation++;
    highestSeen = -1;
    committable = -1;
  }

  TopicPartition partition() {
    return partition;
  }

  TableObjects objects() {
    return objects;
  }

  /**
   * True when the record is new; false for an offset already staged (re-delivered after a restart
   * or rebalance), which must be dropped to keep files from overlapping.
   */
  boolean accepts(long offset) {
    return offset > highestSeen;
  }

  /** Adds a record's rows; returns a sealed file when a size or count threshold is reached. */
  SealedFile add(long offset, List<byte[]> lines, long nowNanos) {
    if (buffer == null) {
      buffer = new PartitionBuffer(nowNanos);
    }
    buffer.add(offset, lines);
    highestSeen = offset;
    if (policy.full(buffer)) {
      return seal();
    }
    return null;
  }

  /**
   * Seals the buffer if it has waited long enough, or if none of its records produced a row: such a
   * range stages no file, so waiting would only hold its offsets back from being committed.
   */
  SealedFile sealIfDue(long nowNanos) {
    if (buffer != null && (policy.due(buffer, nowNanos) || buffer.rows() == 0)) {
      return seal();
    }
    return null;
  }

  SealedFile seal() {
    PartitionBuffer b = buffer;
    buffer = null;
    byte[] bytes = b.rows() == 0 ? null : b.seal();
    SealedFile file =
        new SealedFile(partition, generation, b.firstOffset(), b.lastOffset(), b.rows(), bytes);
    pending.addLast(file);
    return file;
  }

  /**
   * The oldest sealed file whose upload has not finished (or failed), or null. A partition's
   * uploads run in order and a failure fails every later file too, so this is the one to wait for
   * or to report.
   */
  SealedFile oldestUploading() {
    for (SealedFile f : pending) {
      if (f.state() == SealedFile.State.SEALED) {
        return f;
      }
    }
    return null;
  }

  /**
   * The offset Kafka may commit: just past the last file that, with every file before it, is staged
   * and submitted. Empty while nothing new is safe.
   */
  OptionalLong committable() {
    while (!pending.isEmpty() && pending.peekFirst().state() == SealedFile.State.SUBMITTED) {
      committable = pending.removeFirst().last + 1;
    }
    return committable < 0 ? OptionalLong.empty() : OptionalLong.of(committable);
  }

  /**
   * True when every record handed to this writer is staged and submitted (nothing buffered, no file
   * on its way): what Kafka consumed beyond it never reached the task.
   */
  boolean settled() {
    committable();
    return buffer == null && pending.isEmpty();
  }

  /** Drops the open buffer (its records will be read again from Kafka by the next owner). */
  void discardBuffer() {
    if (buffer != null) {
      buffer.discard();
      buffer = null;
    }
  }

  /** Memory the open buffer holds (0 without one): for the memory cap. */
  long bufferMemory() {
    return buffer == null ? 0 : buffer.memoryBytes();
  }

  /** The buffer being filled, or null. For metrics. */
  PartitionBuffer openBuffer() {
    return buffer;
  }

  /** Sealed files not yet submitted. For metrics. */
  int filesWaiting() {
    return pending.size();
  }

  /** Just past the newest record this partition was handed (or recovered), or -1. */
  long consumed() {
    return highestSeen < 0 ? -1 : highestSeen + 1;
  }

  /**
   * Records handed to this partition that Kafka may not commit yet: from the committable offset
   * (or, before anything was committable, the oldest record still held) to the newest handed.
   */
  long lag() {
    long consumed = consumed();
    if (consumed < 0) {
      return 0;
    }
    long from = committable;
    if (from < 0) {
      from =
          !pending.isEmpty()
              ? pending.peekFirst().first
              : buffer != null ? buffer.firstOffset() : consumed;
    }
    return Math.max(0, consumed - from);
  }

  /** The offset last found committable, without settling newly submitted files; or -1. */
  long committableOffset() {
    return committable;
  }
}
