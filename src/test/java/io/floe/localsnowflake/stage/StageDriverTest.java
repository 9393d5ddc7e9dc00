package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.StatementRouter;
import io.floe.localsnowflake.http.Faults;
import io.floe.localsnowflake.http.HttpFront;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import net.snowflake.client.jdbc.SnowflakeConnection;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.connection.HistoryRangeResponse;
import net.snowflake.ingest.connection.HistoryResponse;
import net.snowflake.ingest.connection.IngestResponse;
import net.snowflake.ingest.connection.IngestStatus;
import net.snowflake.ingest.utils.StagedFileWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stages, COPY and Snowpipe through the real snowflake-jdbc and Snowpipe SDK over the HTTP layer,
 * with the in-memory catalog of this package's tests standing in for the SQL engine (rows are
 * checked in that catalog). Each test uses its own stage and table.
 */
class StageDriverTest {
  private static final String ACCOUNT = "TESTACC";
  private static final KeyPair KEY = newKeyPair();

  @TempDir static Path dir;
  private static DuckStore store;
  private static InMemoryCatalog catalog;
  private static LocalStages stages;
  private static HttpFront front;

  @BeforeAll
  static void start() throws Exception {
    store = DuckStore.open(null);
    catalog = new InMemoryCatalog();
    catalog.addSchema("DB1", "PUBLIC");
    catalog.addUser(
        "TESTER",
        "SYSADMIN",
        "secret",
        List.of(Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded())));
    stages = LocalStages.open(store, catalog, dir.resolve("stages"));
    front =
        new HttpFront(
            0,
            ACCOUNT,
            catalog,
            new StatementRouter(List.of(stages.handler())),
            stages.snowpipe(),
            new Faults(),
            Duration.ofHours(1));
    front.start();
  }

  @AfterAll
  static void stop() {
    front.close();
    stages.close();
    store.close();
  }

  private static Connection connect() throws SQLException {
    Properties p = new Properties();
    p.put("user", "tester");
    p.put("password", "secret");
    p.put("account", ACCOUNT);
    p.put("db", "db1");
    p.put("schema", "public");
    p.put("ssl", "off");
    p.put("disablePlatformDetection", "true");
    return DriverManager.getConnection("jdbc:snowflake://127.0.0.1:" + front.port() + "/", p);
  }

  private static ObjectName table(String name, String... columns) {
    ObjectName t = new ObjectName("DB1", "PUBLIC", name);
    catalog.addTable(t, "SYSADMIN", columns);
    return t;
  }

  private static List<List<String>> query(Statement s, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Path local(String name, String content) throws Exception {
    Path p = dir.resolve("local").resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  @Test
  void putListAndRemoveThroughJdbc() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create stage if not exists put_stage");
      Path plain = local("plain.json", "{\"a\":1}\n");
      List<List<String>> put = query(s, "PUT file://" + plain + " @put_stage/some/prefix");
      assertEquals("plain.json", put.get(0).get(0));
      assertEquals("plain.json.gz", put.get(0).get(1));
      assertEquals("UPLOADED", put.get(0).get(6));
      // Same file again without OVERWRITE: the driver sees the identical copy and skips it.
      assertEquals(
          "SKIPPED", query(s, "PUT file://" + plain + " @put_stage/some/prefix").get(0).get(6));

      c.unwrap(SnowflakeConnection.class)
          .uploadStream(
              "put_stage",
              "stream/prefix",
              new ByteArrayInputStream("{\"s\":1}".getBytes(StandardCharsets.UTF_8)),
              "fromstream.json",
              false);
      c.unwrap(SnowflakeConnection.class)
          .uploadStream(
              "@put_stage",
              "stream/prefix",
              new ByteArrayInputStream("{\"s\":2}".getBytes(StandardCharsets.UTF_8)),
              "fromstream2.json",
              true);

      List<List<String>> list = query(s, "LIST @put_stage");
      assertEquals(
          List.of(
              "put_stage/some/prefix/plain.json.gz",
              "put_stage/stream/prefix/fromstream.json",
              "put_stage/stream/prefix/fromstream2.json.gz"),
          list.stream().map(r -> r.get(0)).toList());
      assertEquals("7", list.get(1).get(1));
      assertEquals(32, list.get(1).get(2).length());
      assertTrue(list.get(1).get(3).endsWith(" GMT"));

      List<List<String>> removed = query(s, "REMOVE @put_stage/stream/");
      assertEquals(List.of("put_stage/stream/prefix/fromstream.json", "removed"), removed.get(0));
      assertEquals(2, removed.size());
      assertEquals(1, query(s, "ls @put_stage").size());

      SQLException missing =
          assertThrows(SQLException.class, () -> query(s, "LIST @no_such_stage"));
      assertEquals(2003, missing.getErrorCode());
    }
  }

  @Test
  void copyBothFormsWithLoadMetadataAndForce() throws Exception {
    ObjectName kafka = table("KAFKA_T", "RECORD_METADATA VARIANT", "RECORD_CONTENT VARIANT");
    ObjectName whole = table("WHOLE_T", "V VARIANT");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create stage copy_stage");
      c.unwrap(SnowflakeConnection.class)
          .uploadStream(
              "copy_stage",
              "p",
              new ByteArrayInputStream(
                  ("{\"meta\":{\"offset\":0},\"content\":{\"n\":1.10}}"
                          + "{\"meta\":{\"offset\":1},\"content\":{\"n\":2}}")
                      .getBytes(StandardCharsets.UTF_8)),
              "f1.json",
              true);
      String copy =
          "copy into kafka_t(RECORD_METADATA, RECORD_CONTENT) from (select $1:meta, $1:content"
              + " from @copy_stage t) file_format = (type = 'json')";
      List<List<String>> result = query(s, copy);
      assertEquals(
          Arrays.asList(
              "copy_stage/p/f1.json.gz", "LOADED", "2", "2", "1", "0", null, null, null, null),
          result.get(0));
      assertEquals(
          List.of("{\"n\":1.10}", "{\"n\":2}"),
          catalog.rows(kafka).stream().map(r -> r.get("RECORD_CONTENT")).toList());

      assertEquals(List.of(List.of("Copy executed with 0 files processed.")), query(s, copy));
      // executeUpdate: the driver turns COPY's rows_loaded into the update count.
      assertEquals(
          2, s.executeUpdate("copy into whole_t from @copy_stage file_format = (type = json)"));
      assertEquals(2, catalog.rows(whole).size());
      assertEquals(2, s.executeUpdate(copy + " force = true"));
      assertEquals(4, catalog.rows(kafka).size());
    }
  }

  @Test
  void copyOnErrorCasesThroughJdbc() throws Exception {
    ObjectName t = table("ERR_T", "V VARIANT");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create stage err_stage file_format = (type = json)");
      Path good = local("good.json", "{\"ok\":1}");
      Path bad = local("bad.json", "{\"ok\":2}\n{\"broken\":\n");
      s.execute("PUT file://" + good + " @err_stage");
      s.execute("PUT file://" + bad + " @err_stage");

      SQLException abort =
          assertThrows(SQLException.class, () -> s.executeQuery("copy into err_t from @err_stage"));
      assertEquals(100069, abort.getErrorCode());
      assertEquals("22P02", abort.getSQLState());
      assertTrue(
          abort.getMessage().startsWith("Error parsing JSON: incomplete object value"),
          abort.getMessage());
      assertTrue(
          abort.getMessage().contains("File 'err_stage/bad.json.gz', line 3"), abort.getMessage());
      assertTrue(catalog.rows(t).isEmpty());

      List<List<String>> cont = query(s, "copy into err_t from @err_stage on_error = continue");
      assertEquals(
          Arrays.asList(
              "err_stage/bad.json.gz",
              "PARTIALLY_LOADED",
              "2",
              "1",
              "2",
              "1",
              "Error parsing JSON: incomplete object value",
              "3",
              "1",
              "\"ERR_T\"[\"V\":1]"),
          cont.get(0));
      assertEquals("LOADED", cont.get(1).get(1));
      assertEquals(2, catalog.rows(t).size());

      List<List<String>> skip =
          query(s, "copy into err_t from @err_stage on_error = skip_file force = true");
      assertEquals("LOAD_FAILED", skip.get(0).get(1));
      assertEquals(3, catalog.rows(t).size());
    }
  }

  @Test
  void pipeDdlThroughJdbcBinds() throws Exception {
    table("PIPE_DDL_T", "RECORD_METADATA VARIANT", "RECORD_CONTENT VARIANT");
    String definition =
        "copy into PIPE_DDL_T(RECORD_METADATA, RECORD_CONTENT) from (select $1:meta, $1:content"
            + " from @PIPE_DDL_STAGE t) file_format = (type = 'json')";
    try (Connection c = connect()) {
      try (PreparedStatement p = c.prepareStatement("create stage if not exists identifier(?)")) {
        p.setString(1, "PIPE_DDL_STAGE");
        p.execute();
      }
      try (PreparedStatement p =
          c.prepareStatement("create pipe if not exists identifier(?) as " + definition)) {
        p.setString(1, "PIPE_DDL");
        p.execute();
      }
      try (PreparedStatement p = c.prepareStatement("desc pipe identifier(?)")) {
        p.setString(1, "PIPE_DDL");
        try (ResultSet rs = p.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(definition, rs.getString("definition"));
          assertEquals("PIPE_DDL", rs.getString("name"));
          assertFalse(rs.next());
        }
      }
      try (ResultSet rs = c.createStatement().executeQuery("show pipes like 'pipe_ddl'")) {
        assertTrue(rs.next());
        assertEquals("DB1", rs.getString("database_name"));
        Instant created = rs.getTimestamp("created_on").toInstant();
        assertTrue(Duration.between(created, Instant.now()).abs().toMinutes() < 5, created + "");
      }
    }
  }

  @Test
  void snowpipeThroughTheIngestSdk() throws Exception {
    ObjectName t = table("PIPE_T", "RECORD_METADATA VARIANT", "RECORD_CONTENT VARIANT");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create stage pipe_stage");
      s.execute(
          "create pipe pipe1 as copy into pipe_t(RECORD_METADATA, RECORD_CONTENT) from"
              + " (select $1:meta, $1:content from @pipe_stage t) file_format = (type = 'json')");
      SnowflakeConnection sf = c.unwrap(SnowflakeConnection.class);
      sf.uploadStream(
          "pipe_stage",
          "p",
          stream("{\"meta\":1,\"content\":{\"a\":1}}" + "{\"meta\":2,\"content\":{\"a\":2}}"),
          "a.json",
          true);
      sf.uploadStream("pipe_stage", "p", stream("{\"meta\":3,\"content\":"), "bad.json", true);
    }
    Instant start = Instant.now().minusSeconds(1);
    try (SimpleIngestManager ingest =
        new SimpleIngestManager(
            ACCOUNT,
            "tester",
            "DB1.PUBLIC.PIPE1",
            KEY.getPrivate(),
            "http",
            "127.0.0.1",
            front.port())) {
      IngestResponse r =
          ingest.ingestFiles(
              List.of(
                  new StagedFileWrapper("p/a.json.gz", null),
                  new StagedFileWrapper("p/bad.json.gz", null)),
              null);
      assertEquals("SUCCESS", r.getResponseCode());
      assertTrue(stages.snowpipe().awaitIdle(Duration.ofSeconds(30)));

      HistoryResponse history = ingest.getHistory(null, null, null);
      assertEquals(2, history.files.size());
      HistoryResponse.FileEntry a = entry(history, "p/a.json.gz");
      assertEquals(IngestStatus.LOADED, a.getStatus());
      assertEquals(2L, a.getRowsInserted());
      assertTrue(a.isComplete());
      HistoryResponse.FileEntry bad = entry(history, "p/bad.json.gz");
      assertEquals(IngestStatus.LOAD_FAILED, bad.getStatus());
      assertEquals("Error parsing JSON: incomplete object value", bad.getFirstError());
      assertEquals(1L, bad.getFirstErrorLineNum());
      assertEquals(2, catalog.rows(t).size());

      // Submitted again: skipped, loaded once.
      IngestResponse again =
          ingest.ingestFile(new StagedFileWrapper("p/a.json.gz", null), null, true);
      assertEquals(List.of("p/a.json.gz"), again.getSkippedFiles());
      assertTrue(stages.snowpipe().awaitIdle(Duration.ofSeconds(30)));
      assertEquals(2, catalog.rows(t).size());
      HistoryResponse next = ingest.getHistory(null, null, history.getNextBeginMark());
      assertTrue(next.files.isEmpty(), next.toString());

      HistoryRangeResponse range =
          ingest.getHistoryRange(null, start.toString(), Instant.now().plusSeconds(1).toString());
      assertEquals(2, range.files.size());
    }
  }

  @Test
  void getDownloadsFromALocalFsStage() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create stage get_stage");
      s.execute("PUT file://" + local("g.json", "{\"g\":1}") + " @get_stage/p");
      Path target = Files.createDirectories(dir.resolve("downloads"));
      List<List<String>> got = query(s, "GET @get_stage/p file://" + target + "/");
      assertEquals(1, got.size(), got.toString());
      assertTrue(Files.exists(target.resolve("g.json.gz")));
    }
  }

  private static HistoryResponse.FileEntry entry(HistoryResponse h, String path) {
    return h.files.stream().filter(f -> f.getPath().equals(path)).findFirst().orElseThrow();
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
