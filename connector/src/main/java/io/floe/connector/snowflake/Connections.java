package io.floe.connector.snowflake;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.snowflake.client.jdbc.SnowflakeDriver;
import org.slf4j.MDC;

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

  /**
   * How long Floe waits for a login before reporting that Snowflake does not answer (FLOE-1010 in
   * validate and at the first connection; a transient failure the task retries later on). Logins
   * take a second or two; 30 s leaves room for a slow proxy and keeps validate well inside
   * Connect's 90 s REST timeout.
   */
  public static final Duration LOGIN_DEADLINE = Duration.ofSeconds(30);

  /** How much longer than Floe's deadline the driver itself keeps trying to log in. */
  static final Duration DRIVER_GRACE = Duration.ofSeconds(10);

  /** TCP connect timeout of the driver's HTTP client. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Read timeout of the driver's HTTP client (its default is 300 s). Snowflake answers a running
   * query within about 45 s with "still running" and the driver polls, so a minute is enough.
   */
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

  private final SessionSettings settings;
  private final Duration loginDeadline;
  private final Map<Thread, Connection> byThread = new ConcurrentHashMap<>();

  public Connections(SessionSettings settings) {
    this.settings = settings;
    this.loginDeadline = loginDeadline(settings.jdbcOverrides());
  }

  /**
   * {@link #LOGIN_DEADLINE}, or the driver's {@code loginTimeout} when snowflake.jdbc.map sets one
   * (a user who gives the login more or less time means Floe's wait too).
   */
  static Duration loginDeadline(Map<String, String> jdbcOverrides) {
    for (Map.Entry<String, String> e : jdbcOverrides.entrySet()) {
      if (e.getKey().equalsIgnoreCase("loginTimeout")
          && e.getValue().trim().matches("[0-9]{1,6}")) {
        int seconds = Integer.parseInt(e.getValue().trim());
        if (seconds > 0) { // 0 is the driver's "no limit"; Floe keeps its own
          return Duration.ofSeconds(seconds);
        }
      }
    }
    return LOGIN_DEADLINE;
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

  /**
   * A new session, not managed: the caller closes it. Fails with a {@link SQLTimeoutException}
   * (SQLSTATE 08001, so {@link Retrier} treats it as transient) when the login takes longer than
   * the login deadline ({@link #loginDeadline}).
   */
  public Connection open() throws SQLException {
    return open(loginDeadline);
  }

  /**
   * The driver's own timeouts bound a login only loosely: it checks its login timeout between
   * attempts, each attempt waits out the HTTP read timeout (300 s by default; validate against an
   * endpoint that never answers took 602 s), and that read timeout belongs to the driver's shared
   * HTTP client, fixed when the first session with the same proxy settings built it (a later
   * session's value does not apply). So the login runs on a thread of its own and the caller stops
   * waiting at the deadline; a session that arrives later is closed. The driver's timeouts (see
   * {@link #properties}; Floe passes the same ones to every session) make the abandoned thread end
   * within about a minute.
   */
  Connection open(Duration deadline) throws SQLException {
    CompletableFuture<Connection> login = new CompletableFuture<>();
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    Thread t =
        new Thread(
            () -> {
              if (mdc != null) {
                MDC.setContextMap(mdc);
              }
              try {
                Connection c =
                    DriverManager.getConnection(settings.jdbcUrl(), properties(settings, token()));
                if (!login.complete(c)) {
                  closeQuietly(c); // the caller gave up on this login
                }
              } catch (Throwable e) {
                login.completeExceptionally(e);
              }
            },
            // Named after the thread that asked (the task's, an upload thread, or Connect's REST
            // thread during validate), whose name and MDC say which connector it serves.
            Thread.currentThread().getName() + "-snowflake-login");
    t.setDaemon(true);
    t.start();
    try {
      return login.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return abandon(login, t, noAnswer(deadline));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return abandon(login, t, new SQLException("Interrupted while logging in to Snowflake", e));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        if (settings.oauth() != null && Failures.isOAuthTokenRefused(sql)) {
          // Expired or revoked early (e.g. clocks apart): the next login fetches a fresh one.
          settings.oauth().invalidate();
        }
        throw sql;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new SQLException(cause);
    }
  }

  private static Connection abandon(
      CompletableFuture<Connection> login, Thread t, SQLException failure) throws SQLException {
    if (!login.completeExceptionally(failure)) {
      return login.join(); // the session arrived just now after all
    }
    t.interrupt();
    throw failure;
  }

  private SQLTimeoutException noAnswer(Duration deadline) {
    return new SQLTimeoutException(
        settings.scheme()
            + "://"
            + settings.host()
            + ":"
            + settings.port()
            + " did not answer the login within "
            + deadline.toSeconds()
            + " s"
            + proxyNote(),
        "08001");
  }

  private String proxyNote() {
    return HttpProxy.of(settings.jdbcOverrides())
        .filter(p -> !p.bypasses(settings.host()))
        .map(p -> " (through the proxy " + p.host() + ":" + p.port() + ")")
        .orElse("");
  }

  /**
   * Opens a session and maps refusals to numbered errors naming the settings to check; used by
   * config validation and task start, where a clear first error matters most.
   */
  public Connection openChecked() {
    try {
      return open();
    } catch (SQLTimeoutException e) {
      throw new FloeException(ErrorCode.FLOE_1010, e.getMessage() + ".", e);
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

  /**
   * The OAuth access token for the next login (fetched or refreshed if needed), or null for a
   * key-pair login. Each new session gets a token with time left; a session the driver renews with
   * its master token lives on without one.
   */
  private String token() throws SQLException {
    return settings.oauth() == null ? null : settings.oauth().accessToken();
  }

  static Properties properties(SessionSettings s, String oauthToken) {
    Properties p = new Properties();
    p.put("user", s.user());
    p.put("account", s.account());
    if (oauthToken != null) {
      p.put("authenticator", "oauth");
      p.put("token", oauthToken);
    } else {
      p.put("privateKey", s.privateKey());
    }
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
    // The driver's own limits, so that a login Floe stopped waiting for (see open) ends too:
    // loginTimeout bounds its retries of the login request (seconds), the HTTP timeouts (ms)
    // each attempt. loginTimeout is a little longer than Floe's deadline so that Floe's clear
    // FLOE-1010 comes first, not the driver's generic error. snowflake.jdbc.map can override them.
    p.put("loginTimeout", String.valueOf(LOGIN_DEADLINE.plus(DRIVER_GRACE).toSeconds()));
    p.put("HTTP_CLIENT_CONNECTION_TIMEOUT", String.valueOf(CONNECT_TIMEOUT.toMillis()));
    p.put("HTTP_CLIENT_SOCKET_TIMEOUT", String.valueOf(SOCKET_TIMEOUT.toMillis()));
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
