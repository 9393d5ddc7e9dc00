package io.floe.quickstart;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When each record of the latency phase became queryable, seen as a user sees it: a thread queries
 * the table's highest offset per partition every {@value #EVERY_MS} ms, and a record counts as
 * queryable at the first poll that shows its offset. Works for every ingestion method (Snowpipe
 * Streaming has no load history); the figures are late by up to one poll and one query.
 */
final class VisibleTimes implements AutoCloseable {
  private static final long EVERY_MS = 1000;

  private final Connection connection;
  private final Map<Integer, long[]> seen = new HashMap<>(); // partition -> [offset, at] pairs
  private final Map<Integer, Long> highest = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread poller;
  private volatile Exception failure;

  /** Starts polling; the records sent after this are measured. */
  VisibleTimes(Connection connection) {
    this.connection = connection;
    this.poller = new Thread(this::run, "bench-visible-times");
    poller.setDaemon(true);
    poller.start();
  }

  private void run() {
    while (running.get()) {
      try {
        poll();
        Thread.sleep(EVERY_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        failure = e;
        return;
      }
    }
  }

  private void poll() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select record_metadata:partition::number, max(record_metadata:offset::number)"
                    + " from BENCH.PUBLIC.BENCH group by 1")) {
      long now = System.currentTimeMillis();
      synchronized (this) {
        while (rs.next()) {
          int partition = rs.getInt(1);
          long offset = rs.getLong(2);
          Long before = highest.put(partition, offset);
          if (before == null || offset > before) {
            long[] pairs = seen.getOrDefault(partition, new long[0]);
            long[] more = Arrays.copyOf(pairs, pairs.length + 2);
            more[pairs.length] = offset;
            more[pairs.length + 1] = now;
            seen.put(partition, more);
          }
        }
      }
    }
  }

  /**
   * Per record sent, milliseconds from send to the first poll that showed it, sorted. Call once all
   * rows are in the table: it stops the poller and polls a last time.
   */
  long[] latencies(BenchRecords.Sent sent) throws Exception {
    close();
    if (failure != null) {
      throw failure;
    }
    poll();
    return computed(sent);
  }

  private synchronized long[] computed(BenchRecords.Sent sent) {
    long[] out = new long[(int) sent.count()];
    int n = 0;
    for (int p = 0; p < sent.sizes().length; p++) {
      long[] pairs = seen.getOrDefault(p, new long[0]);
      for (int i = 0; i < sent.sizes()[p]; i++) {
        long offset = sent.firstOffset()[p] + i;
        long at = -1;
        for (int j = 0; j < pairs.length; j += 2) {
          if (pairs[j] >= offset) {
            at = pairs[j + 1];
            break;
          }
        }
        if (at < 0) {
          throw new IllegalStateException("partition " + p + " offset " + offset + " never seen");
        }
        out[n++] = at - sent.sendTime(p, offset);
      }
    }
    Arrays.sort(out);
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    poller.join();
  }
}
