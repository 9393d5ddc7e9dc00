package io.floe.connector.snowflake;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * How Floe's Snowflake calls went, for metrics: counts of calls, retries and failures since the
 * task started, and the latency of recent calls (retries and their backoff included: what the
 * caller waited). Latencies go into power-of-two millisecond buckets of the current and the
 * previous minute, so a percentile describes the last one to two minutes, not the task's life.
 */
public final class CallStats {
  private static final int BUCKETS = 24; // up to about 2^23 ms, over two hours
  private static final long WINDOW_MILLIS = 60_000;

  /**
   * What a call was, so that a rebalance's cost can be read as Snowflake calls by kind (LIST per
   * partition or per topic, one insertFiles per pipe or per partition).
   */
  public enum Kind {
    /** A SQL statement other than LIST: DDL, SHOW, DESC, REMOVE. */
    SQL,
    LIST,
    UPLOAD,
    DOWNLOAD,
    INSERT_FILES,
    INSERT_REPORT,
    /** One page of loadHistoryScan. */
    LOAD_HISTORY
  }

  private final LongAdder calls = new LongAdder();
  private final LongAdder[] byKind = adders(Kind.values().length);

  private final LongAdder retries = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final Object rotation = new Object();
  private volatile AtomicLongArray current = new AtomicLongArray(BUCKETS);
  private volatile AtomicLongArray previous = new AtomicLongArray(BUCKETS);
  private volatile long windowStart = System.currentTimeMillis();

  /**
   * A call that took {@code nanos} in {@code attempts} attempts, and whether it failed in the end.
   */
  void record(long nanos, int attempts, boolean failed) {
    record(Kind.SQL, nanos, attempts, failed);
  }

  void record(Kind kind, long nanos, int attempts, boolean failed) {
    calls.increment();
    byKind[kind.ordinal()].increment();
    retries.add(Math.max(0, attempts - 1));
    if (failed) {
      failures.increment();
    }
    rotate();
    long millis = Math.max(0, nanos / 1_000_000);
    int bucket = millis == 0 ? 0 : Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(millis));
    current.incrementAndGet(bucket);
  }

  public long calls() {
    return calls.sum();
  }

  /** Calls of one kind (a retried call counts once). */
  public long calls(Kind kind) {
    return byKind[kind.ordinal()].sum();
  }

  public long retries() {
    return retries.sum();
  }

  public long failures() {
    return failures.sum();
  }

  /**
   * The latency at or below which {@code percent} % of the calls of the last one to two minutes
   * finished, in milliseconds (the upper bound of its bucket: 1, 2, 4, 8 … ms); 0 without calls.
   */
  public long percentileMillis(double percent) {
    rotate();
    long[] counts = new long[BUCKETS];
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] = current.get(i) + previous.get(i);
      total += counts[i];
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(percent / 100 * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return 1L << i;
      }
    }
    return 1L << (BUCKETS - 1);
  }

  private static LongAdder[] adders(int n) {
    LongAdder[] out = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      out[i] = new LongAdder();
    }
    return out;
  }

  private void rotate() {
    long now = System.currentTimeMillis();
    if (now - windowStart < WINDOW_MILLIS) {
      return;
    }
    synchronized (rotation) {
      if (now - windowStart >= WINDOW_MILLIS) {
        // More than two windows idle: the previous one is stale too.
        previous = now - windowStart >= 2 * WINDOW_MILLIS ? new AtomicLongArray(BUCKETS) : current;
        current = new AtomicLongArray(BUCKETS);
        windowStart = now;
      }
    }
  }
}
