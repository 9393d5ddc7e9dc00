package io.floe.localsnowflake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.ResultColumn;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Snowpipe;
import io.floe.localsnowflake.core.StatementHandler;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.StatementRouter;
import io.floe.localsnowflake.core.TokenCursor;
import io.floe.localsnowflake.driver.DriverGeneration;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.connection.IngestResponse;
import net.snowflake.ingest.connection.IngestResponseException;
import net.snowflake.ingest.utils.StagedFileWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer against the real JDBC driver and Snowpipe SDK, with the catalog and SQL engine
 * replaced by small doubles: login (password, key pair), errors, token renewal, injected faults and
 * Snowpipe authentication are all the HTTP layer's own behaviour.
 */
class HttpFrontDriverTest {
  private static final String ACCOUNT = "TESTACC";
  private static final KeyPair KEY = RsaKeys.generate();
  private static final KeyPair OTHER_KEY = RsaKeys.generate();
  private static final List<String> SUBMITTED = new CopyOnWriteArrayList<>();
  private static final Faults FAULTS = new Faults();
  private static HttpFront front;

  @BeforeAll
  static void start() throws Exception {
    StatementRouter router = new StatementRouter(List.of(new SelectOne()));
    front =
        new HttpFront(
            0, ACCOUNT, new OneUser(), router, new RecordingPipe(), FAULTS, Duration.ofHours(1));
    front.start();
  }

  @AfterAll
  static void stop() {
    front.close();
  }

  @AfterEach
  void clearFaults() {
    FAULTS.clear();
  }

  @Test
  void passwordLoginRunsQueries() throws SQLException {
    try (Connection c = connect(password("secret"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
      assertEquals("DB1", c.getCatalog());
      assertEquals("PUBLIC", c.getSchema());
    }
  }

  @Test
  void wrongPasswordIsRefusedWithSnowflakesCode() {
    SQLException e = assertThrows(SQLException.class, () -> connect(password("nope")));
    assertEquals(390100, e.getErrorCode());
    assertEquals("08001", e.getSQLState());
  }

  @Test
  void keyPairLoginIsVerifiedAgainstTheRegisteredKey() throws SQLException {
    try (Connection c = connect(keyPair(KEY));
        ResultSet rs = c.createStatement().executeQuery("select 1")) {
      assertTrue(rs.next());
    }
    SQLException e = assertThrows(SQLException.class, () -> connect(keyPair(OTHER_KEY)));
    assertEquals(390144, e.getErrorCode());
  }

  @Test
  void sqlErrorsCarryCodeAndSqlState() throws SQLException {
    try (Connection c = connect(password("secret"));
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select * from t"));
      assertEquals(2003, e.getErrorCode());
      assertEquals("42S02", e.getSQLState());
      assertTrue(e.getMessage().contains("Object 'T' does not exist or not authorized."));
    }
  }

  @Test
  void expiredSessionIsRenewedByTheDriver() throws SQLException {
    try (Connection c = connect(password("secret"));
        Statement s = c.createStatement()) {
      front.expireAllSessionTokens();
      try (ResultSet rs = s.executeQuery("select 1")) {
        assertTrue(rs.next());
      }
      FAULTS.expireSession(Faults.Endpoint.QUERY, 1);
      try (ResultSet rs = s.executeQuery("select 1")) {
        assertTrue(rs.next());
      }
      assertEquals(0, FAULTS.pending());
    }
  }

  @Test
  void http503IsRetriedByTheDriver() throws SQLException {
    try (Connection c = connect(password("secret"));
        Statement s = c.createStatement()) {
      FAULTS.failQueries("select", 2);
      try (ResultSet rs = s.executeQuery("select 1")) {
        assertTrue(rs.next());
      }
      assertEquals(0, FAULTS.pending());
    }
  }

  @Test
  void snowpipeCallsAreAuthenticatedByJwt() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    SimpleIngestManager good = ingest(KEY);
    IngestResponse r = good.ingestFile(new StagedFileWrapper("p/a.json.gz", null), null);
    assertEquals("SUCCESS", r.getResponseCode());
    assertTrue(SUBMITTED.contains("DB1.PUBLIC.PIPE1:p/a.json.gz"));

    SimpleIngestManager bad = ingest(OTHER_KEY);
    Exception e =
        assertThrows(
            Exception.class,
            () -> bad.ingestFile(new StagedFileWrapper("p/b.json.gz", null), null));
    assertTrue(
        e instanceof SecurityException || e instanceof IngestResponseException, e.toString());
    assertTrue(SUBMITTED.stream().noneMatch(p -> p.endsWith("p/b.json.gz")));
  }

  private static SimpleIngestManager ingest(KeyPair key) throws Exception {
    return new SimpleIngestManager(
        ACCOUNT, "tester", "DB1.PUBLIC.PIPE1", key.getPrivate(), "http", "127.0.0.1", front.port());
  }

  private static Properties password(String password) {
    Properties p = base();
    p.put("password", password);
    return p;
  }

  private static Properties keyPair(KeyPair key) {
    Properties p = base();
    p.put("privateKey", key.getPrivate());
    return p;
  }

  private static Properties base() {
    Properties p = new Properties();
    p.put("user", "tester");
    p.put("account", ACCOUNT);
    p.put("db", "db1");
    p.put("schema", "public");
    p.put("ssl", "off");
    p.put("disablePlatformDetection", "true");
    return p;
  }

  private static Connection connect(Properties p) throws SQLException {
    return DriverManager.getConnection("jdbc:snowflake://127.0.0.1:" + front.port() + "/", p);
  }

  /** Answers {@code select 1}; every other statement names a missing table T. */
  private static final class SelectOne implements StatementHandler {
    @Override
    public boolean accepts(TokenCursor statement) {
      return true;
    }

    @Override
    public StatementResult execute(SessionState session, TokenCursor statement) {
      if (statement.sql().equalsIgnoreCase("select 1")) {
        return new StatementResult.Rows(
            List.of(ResultColumn.number("1")), List.of(List.of("1")), StatementResult.Rows.SELECT);
      }
      throw SnowflakeError.objectMissing("Object", "T");
    }
  }

  /** One user, TESTER, with password "secret" and {@link #KEY} registered. */
  private static final class OneUser implements Catalog {
    @Override
    public Optional<UserAccount> user(String loginName) {
      if (!loginName.equalsIgnoreCase("tester")) {
        return Optional.empty();
      }
      String key = Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded());
      return Optional.of(
          new UserAccount("TESTER", "secret", List.of(key), "SYSADMIN", null, null, false));
    }

    @Override
    public boolean roleGrantedTo(String user, String role) {
      return role.equals("SYSADMIN") || role.equals("PUBLIC");
    }

    @Override
    public boolean databaseExists(String database) {
      return database.equals("DB1");
    }

    @Override
    public boolean schemaExists(String database, String schema) {
      return database.equals("DB1") && schema.equals("PUBLIC");
    }

    @Override
    public TableInfo table(SessionState session, ObjectName name, String privilege) {
      throw SnowflakeError.objectMissing("Table", name.toString());
    }

    @Override
    public long insert(
        SessionState session, TableInfo table, List<String> columns, List<List<Object>> rows) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void requirePrivilege(
        SessionState session, String privilege, String objectType, ObjectName on) {}
  }

  /** Records submitted paths as PIPE:path. */
  private static final class RecordingPipe implements Snowpipe {
    @Override
    public List<String> insertFiles(String pipe, String user, List<String> paths) {
      paths.forEach(p -> SUBMITTED.add(pipe + ":" + p));
      return List.of();
    }

    @Override
    public Report insertReport(String pipe, String user, String beginMark) {
      return new Report(new ArrayList<>(), "1_0", true, 0);
    }

    @Override
    public HistoryRange loadHistory(String pipe, String user, Instant start, Instant end) {
      return new HistoryRange(List.of(), true, start, end == null ? start : end);
    }

    @Override
    public void pauseLoading(boolean paused) {}
  }
}
