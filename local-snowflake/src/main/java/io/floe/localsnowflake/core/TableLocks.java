package io.floe.localsnowflake.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Snowflake's table locks, which DuckDB does not have: UPDATE, DELETE, MERGE and TRUNCATE lock
 * their table, an autocommitted statement until it ends and a transaction's until COMMIT or
 * ROLLBACK. Another session's statement that needs the lock waits, up to its LOCK_TIMEOUT. Without
 * this, two sessions' changes to one table would race in DuckDB, whose optimistic concurrency
 * control catches two updates of a row but lets a delete and an update of it both "succeed" (one is
 * lost). INSERT and COPY take no lock, as in Snowflake. A wait that would close a cycle (a
 * deadlock) fails at once instead of waiting for the timeout: Snowflake too aborts the newest
 * statement.
 */
final class TableLocks {
  private final Map<String, SessionState> holders = new HashMap<>();
  private final Map<SessionState, String> waitingFor = new HashMap<>();

  /**
   * Takes the lock on {@code table} for {@code session}, waiting while another session holds it.
   */
  synchronized void acquire(SessionState session, String table) {
    long deadline = System.nanoTime() + session.lockTimeoutSeconds() * 1_000_000_000L;
    try {
      while (true) {
        SessionState holder = holders.get(table);
        if (holder == null || holder == session) {
          holders.put(table, session);
          return;
        }
        if (closesCycle(session, holder)) {
          throw new SnowflakeError(
              "000625",
              "57014",
              "Statement was aborted: waiting for table '"
                  + table
                  + "' would deadlock with another session's transaction.");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SnowflakeError(
              "000625",
              "57014",
              "Statement was aborted: table '"
                  + table
                  + "' stayed locked by another session's transaction for LOCK_TIMEOUT ("
                  + session.lockTimeoutSeconds()
                  + " s).");
        }
        waitingFor.put(session, table);
        notifyAll();
        wait(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a table lock", e);
    } finally {
      waitingFor.remove(session);
    }
  }

  /** Releases every lock {@code session} holds. */
  synchronized void releaseAll(SessionState session) {
    if (holders.values().removeIf(h -> h == session)) {
      notifyAll();
    }
  }

  /** Waits until {@code count} sessions wait for a lock; false on timeout. */
  synchronized boolean awaitWaiters(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (waitingFor.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private boolean closesCycle(SessionState session, SessionState holder) {
    SessionState next = holder;
    for (int hops = 0; next != null && hops <= holders.size(); hops++) {
      if (next == session) {
        return true;
      }
      String wanted = waitingFor.get(next);
      next = wanted == null ? null : holders.get(wanted);
    }
    return false;
  }
}
