package io.floe.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.floe.localsnowflake.http.Faults;
import io.floe.localsnowflake.http.HttpFront;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's JDBC tools against the local Snowflake's HTTP layer and the real driver. The SQL
 * side is a small double that understands just the statements the tools send, so what is tested is
 * the tools' login, key registration and read-back, not the SQL engine.
 */
class QuickstartToolsTest {
  private static final String ACCOUNT = "QSACC";
  private static final List<String> RSA_KEYS = new CopyOnWriteArrayList<>();
  private static final Set<String> CREATED = new CopyOnWriteArraySet<>();
  private static final AtomicInteger COUNT_QUERIES = new AtomicInteger();
  private static HttpFront front;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    front =
        new HttpFront(
            0,
            ACCOUNT,
            new OneAdmin(),
            new StatementRouter(List.of(new ToolStatements())),
            new NoPipes(),
            new Faults(),
            Duration.ofHours(1));
    front.start();
  }

  @AfterAll
  static void stop() {
    front.close();
  }

  @BeforeEach
  void reset() {
    RSA_KEYS.clear();
    CREATED.clear();
    COUNT_QUERIES.set(0);
  }

  @Test
  void keySetupRegistersAKeyThatLogsIn() throws Exception {
    Path keyFile = dir.resolve("key");
    KeySetup.main(
        args("--database", "QUICKSTART", "--schema", "PUBLIC", "--key-file", keyFile.toString()));

    assertEquals(1, RSA_KEYS.size());
    assertEquals(Set.of("DATABASE QUICKSTART", "SCHEMA QUICKSTART.PUBLIC"), CREATED);
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    // What the connector will do with snowflake.private.key: key-pair (JWT) login.
    String body = Files.readString(keyFile).trim();
    PrivateKey key =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    Properties p = new Properties();
    p.put("account", ACCOUNT);
    p.put("user", "admin");
    p.put("privateKey", key);
    p.put("ssl", "off");
    // Else the driver probes cloud metadata addresses at login.
    p.put("disablePlatformDetection", "true");
    try (Connection c = DriverManager.getConnection(jdbcUrl(), p);
        ResultSet rs = c.createStatement().executeQuery("select 1")) {
      assertTrue(rs.next());
    }
  }

  @Test
  void queryToolWaitsForTheTableAndPrintsTheRows() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        QueryTool.run(
            args("--table", "QUICKSTART.PUBLIC.ORDERS", "--expect", "2", "--sql", "SELECT orders"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(0, exit);
    // Missing table, then 1 row, then 2: the tool kept polling through all three.
    assertTrue(COUNT_QUERIES.get() >= 3, "count queries: " + COUNT_QUERIES.get());
    assertEquals(
        String.join(
            "\n",
            "+----------+----------+",
            "| ORDER_ID | CUSTOMER |",
            "+----------+----------+",
            "| 1001     | Ada      |",
            "| 1002     | NULL     |",
            "+----------+----------+",
            "2 rows",
            ""),
        out.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("2 of 2 rows"), err::toString);
  }

  @Test
  void queryToolGivesUpWhenRowsDoNotArrive() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        QueryTool.run(
            args(
                "--table", "QUICKSTART.PUBLIC.ORDERS",
                "--expect", "5",
                "--timeout-seconds", "1",
                "--sql", "SELECT orders"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(1, exit);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("timed out"), err::toString);
  }

  private static String[] args(String... more) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--jdbc-url",
                jdbcUrl(),
                "--account",
                ACCOUNT,
                "--user",
                "admin",
                "--password",
                "pw"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String jdbcUrl() {
    return "jdbc:snowflake://127.0.0.1:" + front.port() + "/";
  }

  /** ALTER USER … RSA_PUBLIC_KEY, CREATE … IF NOT EXISTS, a table filling up, a two-row SELECT. */
  private static final class ToolStatements implements StatementHandler {
    private static final Pattern ALTER_KEY =
        Pattern.compile("ALTER USER (\\w+) SET RSA_PUBLIC_KEY='([^']+)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE =
        Pattern.compile("CREATE (DATABASE|SCHEMA) IF NOT EXISTS ([\\w.]+)");

    @Override
    public boolean accepts(TokenCursor statement) {
      return true;
    }

    @Override
    public StatementResult execute(SessionState session, TokenCursor statement) {
      String sql = statement.sql();
      Matcher m;
      if ((m = ALTER_KEY.matcher(sql)).matches()) {
        RSA_KEYS.add(m.group(2));
        return StatementResult.Rows.status("Statement executed successfully.");
      }
      if ((m = CREATE.matcher(sql)).matches()) {
        CREATED.add(m.group(1) + " " + m.group(2));
        return StatementResult.Rows.status(m.group(1) + " successfully created.");
      }
      if (sql.equalsIgnoreCase("select 1")) {
        return rows(List.of(ResultColumn.number("1")), List.of(List.of("1")));
      }
      if (sql.startsWith("SELECT COUNT(*) FROM QUICKSTART.PUBLIC.ORDERS")) {
        int n = COUNT_QUERIES.getAndIncrement();
        if (n == 0) {
          throw SnowflakeError.objectMissing("Table", "QUICKSTART.PUBLIC.ORDERS");
        }
        String rows = String.valueOf(Math.min(n, 2));
        return rows(List.of(ResultColumn.number("COUNT(*)")), List.of(List.of(rows)));
      }
      if (sql.equals("SELECT orders")) {
        return rows(
            List.of(ResultColumn.number("ORDER_ID"), ResultColumn.text("CUSTOMER")),
            List.of(List.of("1001", "Ada"), Arrays.asList("1002", null)));
      }
      throw SnowflakeError.unsupported(sql);
    }

    private static StatementResult rows(List<ResultColumn> columns, List<List<String>> rows) {
      return new StatementResult.Rows(columns, rows, StatementResult.Rows.SELECT);
    }
  }

  /** User ADMIN, password "pw", with whatever keys ALTER USER registered. */
  private static final class OneAdmin implements Catalog {
    @Override
    public Optional<UserAccount> user(String loginName) {
      if (!loginName.equalsIgnoreCase("admin")) {
        return Optional.empty();
      }
      return Optional.of(
          new UserAccount("ADMIN", "pw", List.copyOf(RSA_KEYS), "SYSADMIN", null, null, false));
    }

    @Override
    public boolean roleGrantedTo(String user, String role) {
      return true;
    }

    @Override
    public boolean databaseExists(String database) {
      return true;
    }

    @Override
    public boolean schemaExists(String database, String schema) {
      return true;
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

  /** The tools never call Snowpipe. */
  private static final class NoPipes implements Snowpipe {
    @Override
    public List<String> insertFiles(String pipe, String user, List<String> paths) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Report insertReport(String pipe, String user, String beginMark) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<FileLoad> loadHistory(String pipe, String user, Instant start, Instant end) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void pauseLoading(boolean paused) {}
  }
}
