package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.StatementRouter;
import io.floe.localsnowflake.driver.DriverGeneration;
import io.floe.localsnowflake.driver.StageStreams;
import io.floe.localsnowflake.http.Faults;
import io.floe.localsnowflake.http.HttpFront;
import io.floe.localsnowflake.sql.DuckCatalog;
import io.floe.localsnowflake.sql.SqlHandler;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
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
 * with the real SQL engine behind it: the connector's role (LOADER) creates its tables, stages and
 * pipes, and rows are checked with SELECT. Each test uses its own stage and table.
 */
class StageDriverTest {
  private static final String ACCOUNT = "TESTACC";
  private static final KeyPair KEY = RsaKeys.generate();

  @TempDir static Path dir;
  private static DuckStore store;
  private static LocalStages stages;
  private static HttpFront front;

  @BeforeAll
  static void start() throws Exception {
    store = DuckStore.open(null);
    DuckCatalog catalog = new DuckCatalog(store);
    catalog.bootstrap("ADMIN", "admin");
    stages = LocalStages.open(store, catalog, dir.resolve("stages"));
    front =
        new HttpFront(
            0,
            ACCOUNT,
            catalog,
            new StatementRouter(List.of(stages.handler(), new SqlHandler(catalog))),
            stages.snowpipe(),
            new Faults(),
            Duration.ofHours(1));
    front.start();
    String key = Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded());
    try (Connection c = connect("admin", "admin");
        Statement s = c.createStatement()) {
      s.execute("create database db1");
      s.execute("create role loader");
      s.execute(
          "create user tester password = 'secret' default_role = loader rsa_public_key = '"
              + key
              + "'");
      s.execute("grant role loader to user tester");
      s.execute("grant usage on database db1 to role loader");
      s.execute("grant usage on schema db1.public to role loader");
      s.execute(
          "grant create table, create stage, create pipe on schema db1.public to role loader");
      s.execute("create role nobody");
      s.execute("create user outsider password = 'pw' default_role = nobody");
      s.execute("grant role nobody to user outsider");
      s.execute("grant usage on database db1 to role nobody");
      s.execute("grant usage on schema db1.public to role nobody");
    }
  }

  @AfterAll
  static void stop() {
    front.close();
    stages.close();
    store.close();
  }

  private static Connection connect() throws SQLException {
    return connect("tester", "secret");
  }

  private static Connection connect(String user, String password) throws SQLException {
    Properties p = new Properties();
    p.put("user", user);
    p.put("password", password);
    p.put("account", ACCOUNT);
    p.put("db", "db1");
    p.put("schema", "public");
    p.put("ssl", "off");
    p.put("disablePlatformDetection", "true");
    return DriverManager.getConnection("jdbc:snowflake://127.0.0.1:" + front.port() + "/", p);
  }

  private static void createKafkaTable(Statement s, String name) throws SQLException {
    s.execute("create table " + name + " (record_metadata variant, record_content variant)");
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

      StageStreams.of(c)
          .upload(
              "put_stage",
              "stream/prefix",
              "fromstream.json",
              new ByteArrayInputStream("{\"s\":1}".getBytes(StandardCharsets.UTF_8)),
              false);
      StageStreams.of(c)
          .upload(
              "@put_stage",
              "stream/prefix",
              "fromstream2.json",
              new ByteArrayInputStream("{\"s\":2}".getBytes(StandardCharsets.UTF_8)),
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
  void stagesArePrivateToTheirOwnerRole() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create stage private_stage");
      s.execute("PUT file://" + local("p.json", "{}") + " @private_stage");
    }
    try (Connection c = connect("outsider", "pw");
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> query(s, "LIST @private_stage"));
      assertEquals(2003, e.getErrorCode());
      assertTrue(query(s, "show stages like 'private%'").isEmpty());
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("grant read on stage private_stage to role nobody");
    }
    try (Connection c = connect("outsider", "pw");
        Statement s = c.createStatement()) {
      assertEquals(1, query(s, "LIST @private_stage").size());
    }
  }

  @Test
  void copyBothFormsWithLoadMetadataAndForce() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      createKafkaTable(s, "kafka_t");
      s.execute("create table whole_t (v variant)");
      s.execute("create stage copy_stage");
      StageStreams.of(c)
          .upload(
              "copy_stage",
              "p",
              "f1.json",
              stream(
                  "{\"meta\":{\"offset\":0},\"content\":{\"n\":1}}"
                      + "{\"meta\":{\"offset\":1},\"content\":{\"n\":2}}"),
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
          List.of(List.of("0", "{\"n\":1}"), List.of("1", "{\"n\":2}")),
          query(
              s,
              "select record_metadata:offset::int, to_json(record_content) from kafka_t"
                  + " order by 1"));

      // Loaded before: skipped. executeUpdate: the driver sums rows_loaded into the count.
      assertEquals(List.of(List.of("Copy executed with 0 files processed.")), query(s, copy));
      assertEquals(
          2, s.executeUpdate("copy into whole_t from @copy_stage file_format = (type = json)"));
      assertEquals(List.of(List.of("2")), query(s, "select count(*) from whole_t"));
      assertEquals(2, s.executeUpdate(copy + " force = true"));
      assertEquals(List.of(List.of("4")), query(s, "select count(*) from kafka_t"));
    }
  }

  @Test
  void copyOnErrorCasesThroughJdbc() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create table err_t (v variant)");
      s.execute("create stage err_stage file_format = (type = json)");
      s.execute("PUT file://" + local("good.json", "{\"ok\":1}") + " @err_stage");
      s.execute("PUT file://" + local("bad.json", "{\"ok\":2}\n{\"broken\":\n") + " @err_stage");

      SQLException abort =
          assertThrows(SQLException.class, () -> s.executeQuery("copy into err_t from @err_stage"));
      assertEquals(100069, abort.getErrorCode());
      assertEquals("22P02", abort.getSQLState());
      assertTrue(
          abort.getMessage().startsWith("Error parsing JSON: incomplete object value"),
          abort.getMessage());
      assertTrue(
          abort.getMessage().contains("File 'err_stage/bad.json.gz', line 3"), abort.getMessage());
      assertEquals(List.of(List.of("0")), query(s, "select count(*) from err_t"));

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
      assertEquals(
          List.of(List.of("1"), List.of("2")), query(s, "select v:ok::int from err_t order by 1"));

      List<List<String>> skip =
          query(s, "copy into err_t from @err_stage on_error = skip_file force = true");
      assertEquals("LOAD_FAILED", skip.get(0).get(1));
      assertEquals("LOADED", skip.get(1).get(1));
      assertEquals(List.of(List.of("3")), query(s, "select count(*) from err_t"));
    }
  }

  @Test
  void copyNeedsInsertOnTheTable() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create table guarded_t (v variant)");
      s.execute("create stage guarded_stage file_format = (type = json)");
      s.execute("PUT file://" + local("g1.json", "{}") + " @guarded_stage");
      s.execute("grant read on stage guarded_stage to role nobody");
      s.execute("grant select on table guarded_t to role nobody");
    }
    try (Connection c = connect("outsider", "pw");
        Statement s = c.createStatement()) {
      // A table the role cannot see at all is "does not exist"; one it can read needs INSERT.
      SQLException e =
          assertThrows(
              SQLException.class, () -> query(s, "copy into guarded_t from @guarded_stage"));
      assertEquals(3001, e.getErrorCode());
      assertEquals("42501", e.getSQLState());
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("grant insert on table guarded_t to role nobody");
    }
    try (Connection c = connect("outsider", "pw");
        Statement s = c.createStatement()) {
      assertEquals("LOADED", query(s, "copy into guarded_t from @guarded_stage").get(0).get(1));
    }
  }

  @Test
  void pipeDdlThroughJdbcBinds() throws Exception {
    String definition =
        "copy into PIPE_DDL_T(RECORD_METADATA, RECORD_CONTENT) from (select $1:meta, $1:content"
            + " from @PIPE_DDL_STAGE t) file_format = (type = 'json')";
    try (Connection c = connect()) {
      try (Statement s = c.createStatement()) {
        createKafkaTable(s, "pipe_ddl_t");
      }
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
          assertEquals("LOADER", rs.getString("owner"));
          assertFalse(rs.next());
        }
      }
      try (ResultSet rs =
          c.createStatement().executeQuery("show pipes like 'pipe_ddl' in schema db1.public")) {
        assertTrue(rs.next());
        assertEquals("DB1", rs.getString("database_name"));
        Instant created = rs.getTimestamp("created_on").toInstant();
        assertTrue(Duration.between(created, Instant.now()).abs().toMinutes() < 5, created + "");
      }
    }
  }

  @Test
  void snowpipeThroughTheIngestSdk() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      createKafkaTable(s, "pipe_t");
      s.execute("create stage pipe_stage");
      s.execute(
          "create pipe pipe1 as copy into pipe_t(RECORD_METADATA, RECORD_CONTENT) from"
              + " (select $1:meta, $1:content from @pipe_stage t) file_format = (type = 'json')");
      StageStreams sf = StageStreams.of(c);
      sf.upload(
          "pipe_stage",
          "p",
          "a.json",
          stream("{\"meta\":1,\"content\":{\"a\":1}}{\"meta\":2,\"content\":{\"a\":2}}"),
          true);
      sf.upload("pipe_stage", "p", "bad.json", stream("{\"meta\":3,\"content\":"), true);
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
                front.port());
        Connection c = connect();
        Statement s = c.createStatement()) {
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
      assertEquals(
          List.of(List.of("1", "1"), List.of("2", "2")),
          query(s, "select record_metadata::int, record_content:a::int from pipe_t order by 1"));

      // Submitted again: skipped, loaded once; the next report from the mark is empty.
      IngestResponse again =
          ingest.ingestFile(new StagedFileWrapper("p/a.json.gz", null), null, true);
      assertEquals(List.of("p/a.json.gz"), again.getSkippedFiles());
      assertTrue(stages.snowpipe().awaitIdle(Duration.ofSeconds(30)));
      assertEquals(List.of(List.of("2")), query(s, "select count(*) from pipe_t"));
      HistoryResponse next = ingest.getHistory(null, null, history.getNextBeginMark());
      assertTrue(next.files.isEmpty(), next.toString());

      // A new file shows up after the mark, and only it.
      StageStreams.of(c)
          .upload("pipe_stage", "p", "c.json", stream("{\"meta\":4,\"content\":{}}"), true);
      ingest.ingestFile(new StagedFileWrapper("p/c.json.gz", null), null);
      assertTrue(stages.snowpipe().awaitIdle(Duration.ofSeconds(30)));
      HistoryResponse third = ingest.getHistory(null, null, history.getNextBeginMark());
      assertEquals(
          List.of("p/c.json.gz"),
          third.files.stream().map(HistoryResponse.FileEntry::getPath).toList());

      HistoryRangeResponse range =
          ingest.getHistoryRange(null, start.toString(), Instant.now().plusSeconds(1).toString());
      assertEquals(3, range.files.size());
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
}
