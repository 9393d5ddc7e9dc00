package io.floe.connector.apply;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The applier's own JDBC session. It is not one of {@code Connections}' per-thread sessions: a
 * transaction holds its session until COMMIT, and the task thread's DDL and listings must not run
 * inside it. A session that failed is dropped, so a retry starts on a fresh one (and a broken
 * session's open transaction is rolled back when Snowflake ends it).
 */
final class ApplySession implements AutoCloseable {
  private final SessionSource source;
  private Connection connection;

  ApplySession(SessionSource source) {
    this.source = source;
  }

  Connection get() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = source.open();
    }
    return connection;
  }

  /** Drops the session after a failure; closing it rolls back a transaction left open. */
  void discard() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // gone either way
      }
    }
  }

  @Override
  public void close() {
    discard();
  }
}
