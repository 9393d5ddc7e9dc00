package io.floe.connector.loading;

import java.time.Duration;

/**
 * The three flush triggers: record count, uncompressed size, and age of the oldest buffered record.
 * Age is checked on every put() — Connect calls put() with empty batches when a topic is idle, so a
 * quiet partition is still flushed on time.
 */
record FlushPolicy(long maxRecords, long maxBytes, Duration maxAge) {

  boolean full(PartitionBuffer b) {
    return b.records() >= maxRecords || b.uncompressedBytes() >= maxBytes;
  }

  boolean due(PartitionBuffer b, long nowNanos) {
    return !b.isEmpty() && nowNanos - b.createdNanos() >= maxAge.toNanos();
  }
}
