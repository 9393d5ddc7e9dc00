package io.floe.localsnowflake;

import io.floe.localsnowflake.core.ClockSteps;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.LocalClock;
import io.floe.localsnowflake.core.StatementRouter;
import io.floe.localsnowflake.http.Faults;
import io.floe.localsnowflake.http.HttpFront;
import io.floe.localsnowflake.sql.DuckCatalog;
import io.floe.localsnowflake.sql.SqlHandler;
import io.floe.localsnowflake.stage.LocalStages;
import io.floe.localsnowflake.stage.SnowpipeService;
import io.floe.localsnowflake.streaming.StreamingCalls;
import io.floe.localsnowflake.streaming.StreamingService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A local Snowflake: Snowflake's REST protocol on 127.0.0.1 over plain http, backed by embedded
 * DuckDB, for the real snowflake-jdbc driver and Snowpipe SDK (Snowpipe's REST API and the Snowpipe
 * Streaming client, whose blobs go to a LOCAL_FS stage). In memory unless given a data directory.
 * PUT and GET answer as real accounts do (GCS-style presigned URLs on the same port, client-side
 * encryption, files stored encrypted) unless started in LOCAL_FS mode. Start one with {@link
 * #start()} or {@link #builder()}; in JUnit 5 tests use {@link LocalSnowflakeExtension}; from a
 * shell use {@code bin/local-snowflake}. Its clock can be moved forward ({@link #advanceClock}) to
 * make sessions, tokens and load history age. See docs/local-snowflake.md.
 */
public final class LocalSnowflake implements AutoCloseable {
  public static final String DEFAULT_ACCOUNT = "LOCAL";
  public static final String DEFAULT_USER = "ADMIN";
  public static final String DEFAULT_PASSWORD = "admin";

  private final String account;
  private final String user;
  private final String password;
  private final DuckStore store;
  private final LocalClock clock;
  private final LocalStages stages;
  private final HttpFront front;
  private final StreamingService streaming;
  private final Faults faults;
  private final Path root;
  private final Path tempDir;
  private final boolean localFs;

  private LocalSnowflake(Builder b) throws IOException {
    this.account = b.account;
    this.user = b.user;
    this.password = b.password;
    this.faults = new Faults();
    Path dataDir = b.dataDir;
    this.tempDir = dataDir == null ? Files.createTempDirectory("local-snowflake") : null;
    this.root = dataDir == null ? tempDir : dataDir;
    this.localFs = b.localFs;
    Files.createDirectories(root);
    this.store = DuckStore.open(dataDir == null ? null : dataDir.resolve("catalog.duckdb"));
    this.clock = new LocalClock(Clock.systemUTC(), ClockSteps.in(store), b.clockStart);
    DuckCatalog catalog = new DuckCatalog(store);
    catalog.bootstrap(user, password);
    Path stageRoot = root.resolve("stages");
    // Presigned URLs name this server's port, known once the HTTP server below is bound.
    this.stages =
        localFs
            ? LocalStages.open(store, catalog, stageRoot, clock)
            : LocalStages.openCloud(store, catalog, stageRoot, clock, this::url);
    StatementRouter router =
        new StatementRouter(
            List.of(stages.handler(), new SqlHandler(catalog)), store.transactions());
    // Blobs land in a LOCAL_FS directory beside the stages, written by the SDK itself.
    this.streaming = new StreamingService(store, catalog, clock, stageRoot.resolve("streaming"));
    this.front =
        new HttpFront(
            b.port,
            account,
            catalog,
            router,
            stages.snowpipe(),
            stages.objects(),
            streaming,
            faults,
            b.tokenValidity,
            clock);
    front.start();
  }

  /** A local Snowflake on a free port, in memory, with the default account, user and password. */
  public static LocalSnowflake start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  public int port() {
    return front.port();
  }

  public String account() {
    return account;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** {@code http://127.0.0.1:PORT}: what Floe's snowflake.url.name takes. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** A JDBC URL the real driver can use as is (plain http, account given). */
  public String jdbcUrl() {
    return "jdbc:snowflake://127.0.0.1:" + port() + "/?ssl=off&account=" + account;
  }

  /** Driver properties for a password login as the admin user. */
  public Properties connectionProperties() {
    Properties p = new Properties();
    p.put("user", user);
    p.put("password", password);
    p.put("account", account);
    p.put("ssl", "off");
    // Newer drivers probe cloud metadata endpoints at login; nothing to find on 127.0.0.1.
    p.put("disablePlatformDetection", "true");
    return p;
  }

  /** A password session as the admin user (role ACCOUNTADMIN). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), connectionProperties());
  }

  /** Runs statements as the admin user, e.g. to create databases or register keys. */
  public void execute(String... statements) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("local Snowflake: " + e.getMessage(), e);
    }
  }

  /** Registers {@code key} as {@code userName}'s RSA public key for key-pair logins. */
  public void registerPublicKey(String userName, PublicKey key) {
    String body = Base64.getEncoder().encodeToString(key.getEncoded());
    execute("alter user " + userName + " set rsa_public_key = '" + body + "'");
  }

  /**
   * Registers an OAuth client (as CREATE SECURITY INTEGRATION … TYPE = OAUTH would) whose id and
   * secret {@code POST /oauth/token-request} accepts as Basic authentication.
   */
  public void registerOAuthClient(String clientId, String clientSecret) {
    front.registerOAuthClient(clientId, clientSecret);
  }

  /**
   * A refresh token for {@code userName} through a registered client, standing in for the
   * authorization-code flow a user would go through. It lives 90 days; the access tokens a
   * refresh_token grant issues with it live ten minutes ({@code expires_in} 600), by the local
   * clock. Log in with them through JDBC's {@code authenticator=oauth&token=…}.
   */
  public String issueOAuthRefreshToken(String clientId, String userName) {
    return front.issueOAuthRefreshToken(clientId, userName);
  }

  /** Revokes a refresh token: the token endpoint then answers {@code invalid_grant}. */
  public void revokeOAuthRefreshToken(String refreshToken) {
    front.revokeOAuthRefreshToken(refreshToken);
  }

  /** Injects faults into the next calls of an endpoint (503, session expiry, stalls). */
  public Faults faults() {
    return faults;
  }

  /** Snowpipe's loader: await its queue, pause and resume loading. */
  public SnowpipeService snowpipe() {
    return stages.snowpipe();
  }

  /**
   * Stops loading submitted files (insertFiles keeps queueing them) until {@link #resumeSnowpipe}.
   */
  public void pauseSnowpipe() {
    stages.snowpipe().pauseLoading(true);
  }

  public void resumeSnowpipe() {
    stages.snowpipe().pauseLoading(false);
  }

  /** Waits until Snowpipe has loaded every queued file; false on timeout or while paused. */
  public boolean awaitSnowpipeIdle(Duration timeout) {
    return stages.snowpipe().awaitIdle(timeout);
  }

  /**
   * Where the data lives: the data directory, or a temporary one (deleted on close) when in memory.
   * Stage files are under {@code stages/}.
   */
  public Path dataDirectory() {
    return root;
  }

  /** True in LOCAL_FS mode; false (the default) when PUT and GET answer as cloud storage. */
  public boolean localFs() {
    return localFs;
  }

  /** The local Snowflake's time now: the wall clock plus every {@link #advanceClock}. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Moves the local Snowflake's time forward (never back) and returns the new time. Everything
   * time-based follows: session tokens (one hour by default) and master tokens (four hours) expire,
   * key-pair JWTs signed before the advance age by it, insertReport forgets events older than 10
   * minutes, Snowpipe reloads paths it last received more than 14 days ago, COPY's load metadata
   * expires after 64 days, and LIST shows files as older. See docs/local-snowflake.md, "Time".
   */
  public Instant advanceClock(Duration amount) {
    return clock.advance(amount);
  }

  /**
   * A Snowpipe Streaming channel's committed state (client and row sequencers, offset token) as the
   * server keeps it, or empty when there is no such channel. Names resolve as in SQL: {@code
   * streamingChannel("db", "public", "t", "c")} is channel C of DB.PUBLIC.T.
   */
  public Optional<StreamingCalls.ChannelState> streamingChannel(
      String database, String schema, String table, String channel) {
    return streaming.channel(database, schema, table, channel);
  }

  /**
   * Waits until {@code count} statements are blocked on rows another session's open transaction has
   * changed (they run once it ends, as Snowflake's lock waits do); false on timeout.
   */
  public boolean awaitLockWaiters(int count, Duration timeout) {
    return store.transactions().awaitLockWaiters(count, timeout);
  }

  /**
   * Every offset token commit of a table's Snowpipe Streaming channels, oldest first, with its
   * time: when the rows up to each token became queryable, for latency figures that do not poll the
   * table. Names resolve as in SQL.
   */
  public List<StreamingCalls.ChannelCommit> streamingCommits(
      String database, String schema, String table) {
    return streaming.commits(database, schema, table);
  }

  /** Makes every session token expire now; drivers renew them with their master token. */
  public void expireSessions() {
    front.expireAllSessionTokens();
  }

  @Override
  public void close() {
    front.close();
    streaming.close();
    stages.close();
    store.close();
    if (tempDir != null) {
      deleteQuietly(tempDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }

  /** Options for {@link LocalSnowflake}. */
  public static final class Builder {
    private int port;
    private Path dataDir;
    private String account = DEFAULT_ACCOUNT;
    private String user = DEFAULT_USER;
    private String password = DEFAULT_PASSWORD;
    private Duration tokenValidity = Duration.ofHours(1);
    private boolean localFs;
    private Instant clockStart;

    private Builder() {}

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Persist databases, tables, stages, pipes and load history here (default: in memory). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder account(String account) {
      this.account = account.toUpperCase(java.util.Locale.ROOT);
      return this;
    }

    public Builder user(String user, String password) {
      this.user = user.toUpperCase(java.util.Locale.ROOT);
      this.password = password;
      return this;
    }

    /** How long session tokens live before drivers must renew them (default one hour). */
    public Builder tokenValidity(Duration tokenValidity) {
      this.tokenValidity = tokenValidity;
      return this;
    }

    /**
     * LOCAL_FS mode (default false): PUT and GET answers name the stage directory and the driver
     * copies files itself, so client and server must share a file system; files are stored plain
     * and the driver's downloadStream does not work. The default answers as real accounts do.
     */
    public Builder localFs(boolean localFs) {
      this.localFs = localFs;
      return this;
    }

    /**
     * Where the clock starts (default: the wall clock's time); it then runs on at wall-clock speed.
     * With a data directory this applies only the first time: a data directory's clock goes on from
     * where it stopped.
     */
    public Builder startClockAt(Instant start) {
      this.clockStart = start;
      return this;
    }

    public LocalSnowflake start() {
      try {
        return new LocalSnowflake(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
