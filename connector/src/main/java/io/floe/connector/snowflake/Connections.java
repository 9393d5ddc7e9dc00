package io.floe.connector.snowflake;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import net.snowflake.client.jdbc.SnowflakeDriver;

/**
 * JDBC sessions to Snowflake, one per thread that asks: the task thread runs DDL and listings while
 * upload threads move files, and separate sessions keep a slow upload from blocking a listing. A
 * session that broke is replaced on the next request.
 */
public final class Connections implements AutoCloseable {
  static {
    // Before the driver's first class loads: it picks its logger once, when it initialises.
    DriverLogging.install();
    // Make sure the driver is registered with DriverManager in the plugin's class loader.
    new SnowflakeDriver();
  }

  private final SessionSettings settings;
  private final Map<Thread, Connection> byThread = new ConcurrentHashMap<>();

  public Connections(SessionSettings settings) {
    this.settings = settings;
  }

  /** This thread's open session, opening one if needed. */
  public Connection get() throws SQLException {
    Thread me = Thread.currentThread();
    Connection c = byThread.get(me);
    if (c != null && !c.isClosed()) {
      return c;
    }
    c = open();
    byThread.put(me, c);
    return c;
  }

  /** Drops this thread's session (after a failure that may have broken it). */
  public void discard() {
    Connection c = byThread.remove(Thread.currentThread());
    closeQuietly(c);
  }

  /** A new session, not managed: the caller closes it. */
  public Connection open() throws SQLException {
    return DriverManager.getConnection(settings.jdbcUrl(), properties(settings));
  }

  /**
   * Opens a session and maps refusals to numbered errors naming the settings to check; used by
   * config validation and task start, where a clear first error matters most.
   */
  public Connection openChecked() {
    try {
      return open();
    } catch (SQLException e) {
      if (Failures.isLoginRefused(e)) {
        throw new FloeException(ErrorCode.FLOE_1002, e.getMessage(), e);
      }
      if (Failures.isRoleRefused(e)) {
        throw new FloeException(ErrorCode.FLOE_1003, e.getMessage(), e);
      }
      throw new FloeException(ErrorCode.FLOE_1001, settings + ": " + e.getMessage(), e);
    }
  }

  static Properties properties(SessionSettings s) {
    Properties p = new Properties();
    p.put("user", s.user());
    p.put("account", s.account());
    p.put("privateKey", s.privateKey());
    p.put("db", s.database());
    p.put("schema", s.schema());
    if (s.role() != null && !s.role().isBlank()) {
      p.put("role", s.role());
    }
    if ("http".equals(s.scheme())) {
      p.put("ssl", "off");
    }
    p.put("application", "Floe");
    // Newer drivers probe cloud metadata endpoints at every login (about a second each, and
    // alarming SEVERE log lines on machines outside a cloud); the information is only telemetry.
    p.put("disablePlatformDetection", "true");
    s.jdbcOverrides().forEach(p::put);
    return p;
  }

  @Override
  public void close() {
    byThread.values().forEach(Connections::closeQuietly);
    byThread.clear();
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      // the session is gone either way
    }
  }
}
