package io.floe.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.it.Await;
import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.LocalSnowflakeExtension;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart's JDBC tools against the local Snowflake, through the real driver. */
class QuickstartToolsTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void keySetupRegistersAKeyThatLogsInAndCreatesTheSchema() throws Exception {
    Path keyFile = dir.resolve("key");
    KeySetup.main(
        args("--database", "QS_KEYS", "--schema", "LANDING", "--key-file", keyFile.toString()));

    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    // What the connector does with snowflake.private.key: a key-pair (JWT) login.
    PrivateKey key =
        KeyFactory.getInstance("RSA")
            .generatePrivate(
                new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(Files.readString(keyFile).trim())));
    LocalSnowflake sf = SNOWFLAKE.get();
    Properties p = new Properties();
    p.put("account", sf.account());
    p.put("user", sf.user());
    p.put("privateKey", key);
    p.put("ssl", "off");
    // Else the driver probes cloud metadata addresses at login.
    p.put("disablePlatformDetection", "true");
    try (Connection c = DriverManager.getConnection(sf.jdbcUrl(), p)) {
      c.createStatement().execute("create table QS_KEYS.LANDING.T (x number)");
      try (ResultSet rs =
          c.createStatement().executeQuery("select count(*) from QS_KEYS.LANDING.T")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1));
      }
    }
  }

  @Test
  void queryToolWaitsForTheTableAndPrintsTheRows() throws Exception {
    SNOWFLAKE.get().execute("create database if not exists QS_WAIT");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                runQueryTool(
                    out,
                    err,
                    "--table",
                    "QS_WAIT.PUBLIC.ORDERS",
                    "--expect",
                    "2",
                    "--timeout-seconds",
                    "60",
                    "--sql",
                    "select id, who from QS_WAIT.PUBLIC.ORDERS order by id"));
    Await.until("QueryTool to see no table", WAIT, () -> err.toString().contains("no table yet"));
    SNOWFLAKE.get().execute("create table QS_WAIT.PUBLIC.ORDERS (id number, who varchar)");
    SNOWFLAKE.get().execute("insert into QS_WAIT.PUBLIC.ORDERS values (1001, 'Ada')");
    Await.until("QueryTool to see one row", WAIT, () -> err.toString().contains("1 of 2 rows"));
    SNOWFLAKE.get().execute("insert into QS_WAIT.PUBLIC.ORDERS values (1002, null)");

    assertEquals(0, exit.get(60, TimeUnit.SECONDS), err::toString);
    assertEquals(
        String.join(
            "\n",
            "+------+------+",
            "| ID   | WHO  |",
            "+------+------+",
            "| 1001 | Ada  |",
            "| 1002 | NULL |",
            "+------+------+",
            "2 rows",
            ""),
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void queryToolGivesUpWhenRowsDoNotArrive() {
    SNOWFLAKE.get().execute("create database if not exists QS_EMPTY");
    SNOWFLAKE.get().execute("create table if not exists QS_EMPTY.PUBLIC.ORDERS (id number)");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        runQueryTool(
            out,
            err,
            "--table",
            "QS_EMPTY.PUBLIC.ORDERS",
            "--expect",
            "5",
            "--timeout-seconds",
            "1",
            "--sql",
            "select * from QS_EMPTY.PUBLIC.ORDERS");

    assertEquals(1, exit);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("timed out: QS_EMPTY.PUBLIC.ORDERS has 0 of 5"),
        err::toString);
  }

  private static int runQueryTool(
      ByteArrayOutputStream out, ByteArrayOutputStream err, String... options) {
    try {
      return QueryTool.run(
          args(options),
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The login options the script passes from the READY line, then {@code more}. */
  private static String[] args(String... more) {
    LocalSnowflake sf = SNOWFLAKE.get();
    List<String> all =
        new ArrayList<>(
            List.of(
                "--jdbc-url", sf.jdbcUrl(),
                "--account", sf.account(),
                "--user", sf.user(),
                "--password", sf.password()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
