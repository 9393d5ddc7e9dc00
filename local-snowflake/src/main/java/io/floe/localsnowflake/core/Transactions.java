package io.floe.localsnowflake.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Sessions' multi-statement transactions (BEGIN … COMMIT/ROLLBACK, or AUTOCOMMIT=FALSE). An open
 * transaction owns a DuckDB connection of its own with DuckDB's autocommit off; every statement of
 * that session runs on it ({@link DuckStore#boundTo}), so the session sees its own writes while
 * other sessions, on the shared connection, see them only after COMMIT (DuckDB's MVCC).
 *
 * <p>As in Snowflake: DDL commits the open transaction and then runs on its own; with AUTOCOMMIT
 * off, DML and queries begin a transaction implicitly; a BEGIN inside a transaction is ignored; a
 * session that ends with a transaction open has it rolled back; UPDATE, DELETE, MERGE and TRUNCATE
 * take Snowflake's table locks ({@link TableLocks}), which a transaction holds to its end. Unlike
 * Snowflake, a statement that fails inside DuckDB aborts the whole transaction (DuckDB has no
 * statement-level rollback): the local Snowflake then rolls it back and fails the session's
 * statements until COMMIT or ROLLBACK ends it.
 */
public final class Transactions {
  /** How a statement relates to an open transaction. */
  public enum Kind {
    /** Commits an open transaction first, then runs outside any transaction. */
    DDL,
    /** INSERT, UPDATE, DELETE, MERGE, TRUNCATE, COPY: begins one when AUTOCOMMIT is off. */
    DML,
    /** SELECT: begins one when AUTOCOMMIT is off, as in Snowflake. */
    QUERY,
    /** BEGIN, START TRANSACTION, COMMIT, ROLLBACK: they act on the transaction itself. */
    CONTROL,
    /** Runs in the open transaction if there is one (SHOW, USE, ALTER SESSION, …). */
    OTHER
  }

  private final DuckStore store;
  private final Map<SessionState, Open> open = new ConcurrentHashMap<>();

  private final TableLocks locks = new TableLocks();

  /** The session whose statement this thread is running through {@link #run}. */
  private final ThreadLocal<SessionState> running = new ThreadLocal<>();

  public Transactions(DuckStore store) {
    this.store = store;
  }

  /** Runs one statement of {@code session}, in its transaction when it has (or gets) one. */
  public <T> T run(SessionState session, Kind kind, Supplier<T> statement) {
    SessionState outer = running.get();
    running.set(session);
    try {
      return runFor(session, kind, statement);
    } finally {
      if (!open.containsKey(session)) {
        locks.releaseAll(session); // an autocommitted statement's
      }
      if (outer == null) {
        running.remove();
      } else {
        running.set(outer);
      }
    }
  }

  private <T> T runFor(SessionState session, Kind kind, Supplier<T> statement) {
    if (kind == Kind.DDL) {
      commit(session);
      return statement.get();
    }
    if (kind == Kind.CONTROL) {
      return statement.get();
    }
    if ((kind == Kind.DML || kind == Kind.QUERY) && !session.autocommit()) {
      begin(session);
    }
    Open t = open.get(session);
    if (t == null) {
      return statement.get();
    }
    if (t.aborted) {
      throw aborted();
    }
    copySessionSettings(t.connection);
    return store.boundTo(
        t.connection,
        () -> {
          try {
            return statement.get();
          } catch (RuntimeException e) {
            if (!usable(t.connection)) {
              t.aborted = true;
              rollbackQuietly(t.connection);
              locks.releaseAll(session);
            }
            throw e;
          }
        });
  }

  /**
   * Takes Snowflake's lock on a table that an UPDATE, DELETE, MERGE or TRUNCATE changes, waiting
   * while another session holds it ({@link TableLocks}). A transaction keeps it until it ends; an
   * autocommitted statement until it ends.
   */
  public void lockTable(SessionState session, String table) {
    // Outside run() (a router without transactions, the local Snowflake's own loads) there is no
    // statement end to release the lock at, and no session transaction to wait for.
    if (running.get() == session) {
      locks.acquire(session, table);
    }
  }

  /** For tests: waits until {@code count} statements wait for a table lock. */
  public boolean awaitLockWaiters(int count, Duration timeout) {
    return locks.awaitWaiters(count, timeout);
  }

  /** True when the session has a transaction open. */
  public boolean active(SessionState session) {
    return open.containsKey(session);
  }

  /** BEGIN: opens a transaction; false (and nothing changes) when one is already open. */
  public boolean begin(SessionState session) {
    if (open.containsKey(session)) {
      return false;
    }
    Connection c = store.openConnection();
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      close(c);
      throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
    }
    open.put(session, new Open(c));
    return true;
  }

  /** COMMIT: makes the session's writes visible to everyone; nothing when none is open. */
  public void commit(SessionState session) {
    Open t = open.remove(session);
    if (t == null) {
      return;
    }
    try {
      if (t.aborted) {
        throw SnowflakeError.unsupported(
            "COMMIT after a statement failed inside the transaction (the local Snowflake cannot"
                + " roll back one statement of a transaction): all of it was rolled back");
      }
      synchronized (t.connection) {
        t.connection.commit();
        store.catalogMayHaveChanged(); // its writes are visible to the shared connection now
      }
    } catch (SQLException e) {
      rollbackQuietly(t.connection);
      throw new SnowflakeError(
          "000603",
          "XX000",
          "SQL execution internal error:\nThe transaction could not be committed and was rolled"
              + " back: "
              + e.getMessage());
    } finally {
      close(t.connection);
      locks.releaseAll(session);
    }
  }

  /** ROLLBACK, and what a session's end does to its open transaction. */
  public void rollback(SessionState session) {
    Open t = open.remove(session);
    if (t != null) {
      rollbackQuietly(t.connection);
      close(t.connection);
      locks.releaseAll(session);
    }
  }

  /** Rolls back every open transaction: the store is closing. */
  void rollbackAll() {
    for (SessionState s : List.copyOf(open.keySet())) {
      rollback(s);
    }
  }

  private static SnowflakeError aborted() {
    return SnowflakeError.unsupported(
        "statements after a statement failed inside the transaction (the local Snowflake cannot"
            + " roll back one statement of a transaction, so it rolled back all of it); end it"
            + " with ROLLBACK");
  }

  /**
   * Per-connection DuckDB state (time zone, the clock's offset variable) as the shared connection
   * has it now, so that a transaction's statements compute what the others do.
   */
  private void copySessionSettings(Connection target) {
    List<String> sets =
        store.withConnection(
            c -> {
              List<String> out = new ArrayList<>();
              try (Statement s = c.createStatement();
                  ResultSet rs =
                      s.executeQuery(
                          "SELECT name, CAST(value AS VARCHAR), type FROM duckdb_variables()")) {
                while (rs.next()) {
                  out.add(
                      "SET VARIABLE "
                          + rs.getString(1)
                          + " = CAST("
                          + quote(rs.getString(2))
                          + " AS "
                          + rs.getString(3)
                          + ")");
                }
              }
              try (Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery("SELECT current_setting('TimeZone')")) {
                rs.next();
                out.add("SET TimeZone = " + quote(rs.getString(1)));
              }
              return out;
            });
    synchronized (target) {
      try (Statement s = target.createStatement()) {
        for (String set : sets) {
          s.execute(set);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
      }
    }
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** False once DuckDB has aborted the connection's transaction after a failed statement. */
  private static boolean usable(Connection c) {
    synchronized (c) {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT 1");
        return true;
      } catch (SQLException e) {
        return false;
      }
    }
  }

  private void rollbackQuietly(Connection c) {
    synchronized (c) {
      try {
        c.rollback();
      } catch (SQLException e) {
        // the connection is closed next; DuckDB drops its transaction with it
      }
    }
    store.catalogMayHaveChanged();
  }

  private static void close(Connection c) {
    synchronized (c) {
      try {
        c.close();
      } catch (SQLException e) {
        // best effort
      }
    }
  }

  private static final class Open {
    final Connection connection;
    volatile boolean aborted;

    Open(Connection connection) {
      this.connection = connection;
    }
  }
}
