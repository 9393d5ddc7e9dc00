package io.floe.connector.loading;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions this task owns, each with a number of its own for every open() that gave it to the
 * task. A file is uploaded and submitted only while the ownership it was written under lasts: after
 * close() — or after a close and a new open() of the same partition, whose recovery never saw that
 * file — a late upload is neither sent nor submitted, so a revoked partition's next owner is the
 * only task that touches its files. Thread-safe: upload and submit threads ask.
 */
final class Ownership {
  private final Map<TopicPartition, Long> owned = new ConcurrentHashMap<>();
  private final AtomicLong opens = new AtomicLong();

  /** The partition is this task's from now on, under a new number. */
  long take(TopicPartition tp) {
    long epoch = opens.incrementAndGet();
    owned.put(tp, epoch);
    return epoch;
  }

  void release(TopicPartition tp) {
    owned.remove(tp);
  }

  /** The number of the current ownership, or -1 when the task does not own the partition. */
  long current(TopicPartition tp) {
    return owned.getOrDefault(tp, -1L);
  }

  boolean owns(TopicPartition tp, long epoch) {
    Long e = owned.get(tp);
    return e != null && e == epoch;
  }
}
