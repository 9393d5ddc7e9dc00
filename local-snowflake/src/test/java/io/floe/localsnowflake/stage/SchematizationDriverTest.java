package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.driver.DriverGeneration;
import io.floe.localsnowflake.driver.StageStreams;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.utils.StagedFileWrapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What file-mode schematization needs from Snowflake, through the real snowflake-jdbc: tables with
 * ENABLE_SCHEMA_EVOLUTION, columns added and relaxed with ALTER TABLE (also by several sessions at
 * once), DESC TABLE's types, and COPY with MATCH_BY_COLUMN_NAME loading each top-level key into its
 * column, with conversion errors under ON_ERROR and the table evolving for new keys. Each test uses
 * its own schema.
 */
class SchematizationDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @BeforeAll
  static void database() {
    SNOWFLAKE.get().execute("create database db");
  }

  @Test
  void schemaEvolutionIsATablePropertyShownBySHOWTABLES() throws Exception {
    sql(
        "create schema db.props",
        "create table db.props.evolving (a number) enable_schema_evolution = true",
        "create table db.props.fixed (a number)");
    assertEquals("Y", showTables("db.props", "EVOLVING", "enable_schema_evolution"));
    assertEquals("N", showTables("db.props", "FIXED", "enable_schema_evolution"));
    sql("alter table db.props.fixed set enable_schema_evolution = true");
    assertEquals("Y", showTables("db.props", "FIXED", "enable_schema_evolution"));
    sql("alter table db.props.fixed unset enable_schema_evolution");
    assertEquals("N", showTables("db.props", "FIXED", "enable_schema_evolution"));
  }

  @Test
  void descTablePrintsSnowflakesTypes() throws Exception {
    sql(
        "create schema db.types",
        "create table db.types.t (i int, n number(10,2), s string, f double, b boolean,"
            + " v variant, o object, a array, ts timestamp_ntz, tz timestamp_tz, d date,"
            + " tm time, bin binary not null comment 'raw')");
    List<List<String>> desc = query("desc table db.types.t");
    assertEquals(
        List.of(
            "NUMBER(38,0)",
            "NUMBER(10,2)",
            "VARCHAR(16777216)",
            "FLOAT",
            "BOOLEAN",
            "VARIANT",
            "OBJECT",
            "ARRAY",
            "TIMESTAMP_NTZ(9)",
            "TIMESTAMP_TZ(9)",
            "DATE",
            "TIME(9)",
            "BINARY(8388608)"),
        column(desc, 1));
    assertEquals(List.of("BIN", "BINARY(8388608)", "COLUMN", "N"), desc.get(12).subList(0, 4));
    assertEquals("raw", desc.get(12).get(9));
    assertEquals(
        List.of(
            "name",
            "type",
            "kind",
            "null?",
            "default",
            "primary key",
            "unique key",
            "check",
            "expression",
            "comment",
            "policy name",
            "privacy domain"),
        labels("describe table db.types.t"));
    // Only tables with schema evolution show the SchemaEvolutionRecord column (bcr-1377).
    sql("alter table db.types.t set enable_schema_evolution = true");
    assertEquals("schema evolution record", labels("desc table db.types.t").get(12));
  }

  @Test
  void alterTableAddsColumnsAndDropsNotNullInSnowflakesSyntax() throws Exception {
    sql(
        "create schema db.alter",
        "create table db.alter.t (record_metadata variant, id number not null, name string not"
            + " null)");
    // The incumbent connector's statements, then the ALTER COLUMN and MODIFY forms.
    sql(
        "alter table db.alter.t add column if not exists \"CITY\" VARCHAR comment 'from Kafka',"
            + " if not exists \"ZIP\" NUMBER(38,0) NULL",
        "alter table db.alter.t add column if not exists city varchar",
        "alter table db.alter.t add column score float",
        "alter table db.alter.t alter id drop not null, name comment 'relaxed'",
        "alter table db.alter.t modify column name drop not null");
    List<List<String>> desc = query("desc table db.alter.t");
    assertEquals(List.of("RECORD_METADATA", "ID", "NAME", "CITY", "ZIP", "SCORE"), column(desc, 0));
    assertEquals(
        List.of("VARIANT", "NUMBER(38,0)", "VARCHAR(16777216)", "VARCHAR(16777216)"),
        column(desc, 1).subList(0, 4));
    assertEquals(List.of("Y", "Y", "Y", "Y", "Y", "Y"), column(desc, 3));
    assertEquals("from Kafka", desc.get(3).get(9));
    assertEquals("relaxed", desc.get(2).get(9));
    SQLException duplicate =
        assertThrows(SQLException.class, () -> sql("alter table db.alter.t add column city int"));
    assertTrue(
        duplicate.getMessage().contains("column 'CITY' already exists"), duplicate.getMessage());
    sql("insert into db.alter.t (city) values ('Oslo')");
    assertEquals(List.of(Arrays.asList(null, "Oslo")), query("select id, city from db.alter.t"));
  }

  @Test
  void sessionsAddingTheSameColumnAtOnceAllSucceed() throws Exception {
    int sessions = 8;
    sql("create schema db.race");
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    List<Connection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < sessions; i++) {
        connections.add(SNOWFLAKE.get().connect());
      }
      for (int round = 0; round < 10; round++) {
        String table = "db.race.t" + round;
        sql("create table " + table + " (record_metadata variant, id number not null)");
        CyclicBarrier start = new CyclicBarrier(sessions);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
          Connection c = connections.get(i);
          int session = i;
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    try (Statement s = c.createStatement()) {
                      s.execute(
                          "alter table "
                              + table
                              + " add column if not exists shared varchar,"
                              + " if not exists own_"
                              + session
                              + " number");
                      s.execute("alter table " + table + " alter id drop not null");
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(); // an exception here is a session that failed
        }
        List<String> names = column(query("desc table " + table), 0);
        assertEquals(3 + sessions, names.size(), names.toString());
        assertEquals(1, names.stream().filter("SHARED"::equals).count());
      }
    } finally {
      pool.shutdownNow();
      for (Connection c : connections) {
        c.close();
      }
    }
  }

  @Test
  void matchByColumnNameLoadsEachTopLevelKeyIntoItsColumn() throws Exception {
    sql(
        "create schema db.match",
        "create stage db.match.st",
        "create table db.match.t (id number, name varchar, price number(10,2), ok boolean,"
            + " at timestamp_ntz, tags variant, \"lower\" varchar)");
    upload(
        "@db.match.st",
        "a.json",
        "{\"ID\":1,\"name\":\"ann\",\"Price\":\"9.5\",\"ok\":true,\"at\":\"2026-01-02 03:04:05\","
            + "\"tags\":[\"x\",{\"k\":1}],\"lower\":\"l\",\"extra\":\"ignored\"}\n"
            + "{\"id\":2}\n");
    List<List<String>> result =
        query(
            "copy into db.match.t from @db.match.st file_format = (type = json)"
                + " match_by_column_name = case_insensitive");
    assertEquals("LOADED", result.get(0).get(1));
    assertEquals(
        List.of(
            Arrays.asList(
                "1", "ann", "9.50", "TRUE", "2026-01-02 03:04:05", "[\"x\",{\"k\":1}]", "l"),
            Arrays.asList("2", null, null, null, null, null, null)),
        query(
            "select id, name, price, ok, at::varchar,"
                + " to_json(tags), \"lower\" from db.match.t order by id"));

    // CASE_SENSITIVE: only keys spelled like the column load ("lower" and "tags" here).
    sql("truncate table db.match.t");
    query(
        "copy into db.match.t from @db.match.st file_format = (type = json)"
            + " match_by_column_name = case_sensitive force = true");
    assertEquals(
        List.of(Arrays.asList("1", null, "l"), Arrays.asList(null, null, null)),
        query("select id, name, \"lower\" from db.match.t order by \"lower\" nulls last"));
  }

  @Test
  void theStreamedAndTheTreePathLoadTheSameRowsAndErrors() throws Exception {
    String columns =
        " (id number not null, n number(10,2), f float, s varchar, b boolean, v variant,"
            + " o object, a array, d date, ts timestamp_ntz, tz timestamp_tz)";
    sql(
        "create schema db.paths",
        "create stage db.paths.st",
        "create table db.paths.streamed" + columns,
        "create table db.paths.tree" + columns);
    upload(
        "@db.paths.st",
        "p.json",
        String.join(
            "\n",
            "{\"id\":1,\"n\":\"12.345\",\"f\":1e3,\"s\":42,\"b\":\"yes\","
                + "\"v\":{\"z\":1,\"a\":[1.50,-0,1e400]},\"o\":{\"y\":null,\"x\":\"\\u00e9\"},"
                + "\"a\":[3,2],\"d\":\"2026-01-02\",\"ts\":\"2026-01-02 03:04:05.123456789\","
                + "\"tz\":\"2026-01-02T03:04:05+02:00\"}",
            "{\"ID\":2,\"id\":3,\"S\":true,\"v\":null,\"N\":null,\"f\":\"2.5\","
                + "\"b\":0,\"s2\":\"ignored\"}",
            "{\"id\":4,\"n\":\"abc\"}",
            "[1,2]",
            "{\"id\":5,\"n\":123456789.5}",
            "{\"id\":6,\"b\":\"maybe\",\"f\":{\"k\":1}}",
            "{\"id\":12345678901234567890123,\"s\":1.50}",
            "{\"id\":7,\"d\":\"not a date\"}",
            "{\"id\":8,\"s\":\"tab\\there\",\"v\":\"text\",\"a\":\"not an array\"}"));
    String options =
        " from @db.paths.st match_by_column_name = case_insensitive on_error = continue"
            + " file_format = (type = json";
    List<List<String>> streamed = query("copy into db.paths.streamed" + options + ")");
    // ALLOW_DUPLICATE sends a COPY down the tree path; the file has no duplicate keys.
    List<List<String>> tree =
        query("copy into db.paths.tree" + options + " allow_duplicate = true)");
    // The same outcome, up to the table's name in the failing column's.
    assertEquals(tree.toString().replace("\"TREE\"", "\"STREAMED\""), streamed.toString());
    assertEquals("PARTIALLY_LOADED", streamed.get(0).get(1));
    String select = "select * from db.paths.%s order by id";
    assertEquals(query(select.formatted("tree")), query(select.formatted("streamed")));
    assertEquals(4, query(select.formatted("streamed")).size(), "rows that loaded");
  }

  @Test
  void aLargeLoadIntoTypedColumnsStoresWhatASmallOneStores() throws Exception {
    String columns =
        " (id number, n number(10,2), f float, s varchar, b boolean, v variant, d date,"
            + " ts timestamp_ntz, tz timestamp_tz, t time)";
    sql(
        "create schema db.typed",
        "create stage db.typed.st",
        "create table db.typed.many" + columns,
        "create table db.typed.one" + columns);
    StringBuilder many = new StringBuilder();
    String seven = null;
    for (int i = 0; i < 500; i++) {
      String row =
          "{\"id\":"
              + i
              + ",\"n\":"
              + i
              + ".25,\"f\":"
              + (i % 5 == 0 ? "null" : Double.toString(i / 3.0))
              + ",\"s\":\"x"
              + i
              + "\",\"b\":"
              + (i % 2 == 0)
              + ",\"v\":{\"k\":"
              + i
              + "},\"d\":\"2026-01-03\",\"ts\":\"2026-01-02 03:04:05.123456\","
              + "\"tz\":\"2026-01-02T03:04:05+02:00\",\"t\":\"10:11:12.5\"}";
      many.append(row).append('\n');
      if (i == 7) {
        seven = row;
      }
    }
    upload("@db.typed.st", "many.json", many.toString());
    upload("@db.typed.st", "one.json", seven + "\n");
    String copy = " file_format = (type = json) match_by_column_name = case_insensitive pattern = ";
    // 500 rows take the staging table, one row the batch of inserts.
    query("copy into db.typed.many from @db.typed.st" + copy + "'.*many.json'");
    query("copy into db.typed.one from @db.typed.st" + copy + "'.*one.json'");
    assertEquals(
        List.of(List.of("500", "124750", "124750.00", "250", "400")),
        query(
            "select count(*), sum(id), sum(n) - 125, sum(iff(b, 1, 0)), count(f) from"
                + " db.typed.many"));
    assertEquals(
        query("select * from db.typed.one"), query("select * from db.typed.many where id = 7"));
    assertEquals(
        List.of(
            List.of(
                "7",
                "7.25",
                "x7",
                "2026-01-03",
                "2026-01-02 03:04:05.123456",
                "2026-01-02 01:04:05",
                "10:11:12.5")),
        query(
            "select id, n, s, d::varchar, ts::varchar, to_varchar(tz::timestamp_ntz),"
                + " t::varchar from db.typed.one"));
  }

  @Test
  void aValueThatDoesNotFitItsColumnIsALoadErrorUnderOnError() throws Exception {
    sql(
        "create schema db.bad",
        "create stage db.bad.st",
        "create table db.bad.t (id number, name varchar)");
    upload("@db.bad.st", "b.json", "{\"id\":1,\"name\":\"a\"}\n{\"id\":\"abc\",\"name\":\"b\"}\n");
    String copy =
        "copy into db.bad.t from @db.bad.st file_format = (type = json)"
            + " match_by_column_name = case_insensitive";
    SQLException abort = assertThrows(SQLException.class, () -> query(copy));
    assertTrue(
        abort.getMessage().contains("Numeric value 'abc' is not recognized"), abort.getMessage());
    assertEquals(List.of(), query("select id from db.bad.t"));

    List<String> partial = query(copy + " on_error = continue").get(0);
    assertEquals(
        List.of(
            "st/p/b.json",
            "PARTIALLY_LOADED",
            "2",
            "1",
            "2",
            "1",
            "Numeric value 'abc' is not recognized",
            "2",
            "1",
            "\"T\"[\"ID\":1]"),
        partial);
    assertEquals(List.of(List.of("1", "a")), query("select id, name from db.bad.t"));
  }

  @Test
  void matchByColumnNameRefusesATransformAndTheColumnListFormWorks() throws Exception {
    sql(
        "create schema db.form",
        "create stage db.form.st",
        "create table db.form.t (a number, b varchar)");
    upload("@db.form.st", "f.json", "{\"a\":1,\"b\":\"x\"}\n");
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                query(
                    "copy into db.form.t(a, b) from (select $1:a, $1:b from @db.form.st)"
                        + " file_format = (type = json) match_by_column_name = case_insensitive"));
    assertTrue(
        e.getMessage().contains("match_by_column_name is not supported with copy transform"),
        e.getMessage());
    query(
        "copy into db.form.t(a, b) from (select $1:a, $1:b from @db.form.st)"
            + " file_format = (type = json)");
    assertEquals(List.of(List.of("1", "x")), query("select a, b from db.form.t"));
  }

  @Test
  void copyEvolvesATableWithSchemaEvolution() throws Exception {
    sql(
        "create schema db.evolve",
        "create stage db.evolve.st",
        "create table db.evolve.t (record_metadata variant, id number not null)"
            + " enable_schema_evolution = true",
        "create table db.evolve.fixed (record_metadata variant, id number not null)");
    upload(
        "@db.evolve.st",
        "e.json",
        "{\"record_metadata\":{\"offset\":1},\"id\":1,\"city\":\"Oslo\",\"score\":1.5,"
            + "\"n\":3,\"tags\":[1],\"nothing\":null}\n"
            + "{\"record_metadata\":{\"offset\":2},\"city\":\"Rome\",\"n\":2.5}\n");
    List<String> loaded =
        query(
                "copy into db.evolve.t from @db.evolve.st file_format = (type = json)"
                    + " match_by_column_name = case_insensitive")
            .get(0);
    assertEquals("LOADED", loaded.get(1));
    List<List<String>> desc = query("desc table db.evolve.t");
    assertEquals(List.of("RECORD_METADATA", "ID", "CITY", "SCORE", "N", "TAGS"), column(desc, 0));
    assertEquals(
        List.of("VARIANT", "NUMBER(38,0)", "VARCHAR(16777216)", "FLOAT", "FLOAT", "VARIANT"),
        column(desc, 1));
    assertEquals(List.of("Y", "Y", "Y", "Y", "Y", "Y"), column(desc, 3));
    assertNull(desc.get(0).get(12));
    assertTrue(
        desc.get(1).get(12).contains("\"evolutionType\":\"DROP_NOT_NULL\""), desc.get(1).get(12));
    String added = desc.get(2).get(12);
    assertTrue(added.contains("\"evolutionType\":\"ADD_COLUMN\""), added);
    assertTrue(added.contains("\"evolutionMode\":\"COPY\""), added);
    assertTrue(added.contains("\"fileName\":\"st/p/e.json"), added);
    assertTrue(added.contains("\"queryId\":"), added);
    assertEquals(
        List.of(List.of("1", "Oslo", "1.5", "3"), Arrays.asList(null, "Rome", null, "2.5")),
        query("select id, city, score, n from db.evolve.t order by city"));

    // Without the property the extra keys are ignored, and NOT NULL stays.
    List<String> fixed =
        query(
                "copy into db.evolve.fixed from @db.evolve.st file_format = (type = json)"
                    + " match_by_column_name = case_insensitive on_error = continue")
            .get(0);
    assertEquals(List.of("PARTIALLY_LOADED", "1"), List.of(fixed.get(1), fixed.get(3)));
    assertEquals(List.of("RECORD_METADATA", "ID"), column(query("desc table db.evolve.fixed"), 0));
  }

  @Test
  void onlyARoleThatMayEvolveTheTableEvolvesIt() throws Exception {
    sql(
        "create schema db.roles",
        "create stage db.roles.st",
        "create table db.roles.t (a number) enable_schema_evolution = true",
        "create role loader",
        "grant role loader to user " + SNOWFLAKE.get().user(),
        "grant usage on database db to role loader",
        "grant usage on schema db.roles to role loader",
        "grant read on stage db.roles.st to role loader",
        "grant insert, select on table db.roles.t to role loader");
    upload("@db.roles.st", "r.json", "{\"a\":1,\"b\":2}\n");
    String copy =
        "copy into db.roles.t from @db.roles.st file_format = (type = json)"
            + " match_by_column_name = case_insensitive force = true";
    asRole("loader", copy);
    assertEquals(List.of("A"), column(query("desc table db.roles.t"), 0));
    sql("grant evolve schema on table db.roles.t to role loader");
    asRole("loader", copy);
    assertEquals(List.of("A", "B"), column(query("desc table db.roles.t"), 0));
  }

  @Test
  void aLoadAddsAtMostAHundredColumns() throws Exception {
    sql(
        "create schema db.wide",
        "create stage db.wide.st",
        "create table db.wide.t (id number) enable_schema_evolution = true");
    StringBuilder json = new StringBuilder("{\"id\":1");
    for (int i = 0; i < 105; i++) {
      json.append(",\"c").append(i).append("\":").append(i);
    }
    upload("@db.wide.st", "w.json", json.append("}\n").toString());
    String copy =
        "copy into db.wide.t from @db.wide.st file_format = (type = json)"
            + " match_by_column_name = case_insensitive force = true";
    query(copy);
    assertEquals(101, query("desc table db.wide.t").size());
    query(copy);
    assertEquals(106, query("desc table db.wide.t").size());
  }

  @Test
  void aPipeWithMatchByColumnNameEvolvesTheTable() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    LocalSnowflake sf = SNOWFLAKE.get();
    KeyPair key = RsaKeys.generate();
    sf.registerPublicKey(sf.user(), key.getPublic());
    sql(
        "create schema db.pipe",
        "create stage db.pipe.st",
        "create table db.pipe.t (record_metadata variant, id number not null)"
            + " enable_schema_evolution = true",
        "create pipe db.pipe.p as copy into db.pipe.t from @db.pipe.st"
            + " file_format = (type = json) match_by_column_name = case_insensitive");
    upload("@db.pipe.st", "1.json", "{\"record_metadata\":{\"offset\":0},\"id\":1}\n");
    upload(
        "@db.pipe.st",
        "2.json",
        "{\"record_metadata\":{\"offset\":1},\"Colour\":\"red\"}\n"
            + "{\"record_metadata\":{\"offset\":2},\"id\":\"x\",\"colour\":\"blue\"}\n");
    try (SimpleIngestManager ingest =
        new SimpleIngestManager(
            sf.account(),
            sf.user(),
            "db.pipe.p",
            key.getPrivate(),
            "http",
            "127.0.0.1",
            sf.port())) {
      ingest.ingestFiles(
          List.of(new StagedFileWrapper("p/1.json"), new StagedFileWrapper("p/2.json")), null);
      assertTrue(sf.awaitSnowpipeIdle(Duration.ofSeconds(30)));
      List<String> statuses =
          ingest.getHistory(null, null, null).files.stream()
              .map(f -> f.getPath() + " " + f.getStatus() + " " + f.getFirstError())
              .sorted()
              .toList();
      // 2.json's second record has an id that is no number: the pipe's ON_ERROR skips the file.
      assertEquals(
          List.of(
              "p/1.json LOADED null", "p/2.json LOAD_FAILED Numeric value 'x' is not recognized"),
          statuses);
    }
    List<List<String>> desc = query("desc table db.pipe.t");
    assertEquals(List.of("RECORD_METADATA", "ID", "COLOUR"), column(desc, 0));
    assertEquals(List.of("Y", "Y", "Y"), column(desc, 3));
    String added = desc.get(2).get(12);
    assertTrue(added.contains("\"evolutionMode\":\"SNOWPIPE\""), added);
    assertTrue(added.contains("\"pipeId\":"), added);
    assertEquals(List.of(Arrays.asList("1", null)), query("select id, colour from db.pipe.t"));
  }

  // ---- helpers

  private static void sql(String... statements) throws SQLException {
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static void asRole(String role, String statement) throws SQLException {
    LocalSnowflake sf = SNOWFLAKE.get();
    Properties p = sf.connectionProperties();
    p.put("role", role);
    try (Connection c = java.sql.DriverManager.getConnection(sf.jdbcUrl(), p);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static List<List<String>> query(String sql) throws SQLException {
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      int width = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static List<String> labels(String sql) throws SQLException {
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData m = rs.getMetaData();
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        out.add(m.getColumnLabel(i));
      }
      return out;
    }
  }

  private static String showTables(String schema, String table, String column) throws SQLException {
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show tables like '" + table + "' in schema " + schema)) {
      assertTrue(rs.next(), table);
      return rs.getString(column);
    }
  }

  private static List<String> column(List<List<String>> rows, int index) {
    return rows.stream().map(r -> r.get(index)).toList();
  }

  private static void upload(String stage, String name, String content) throws SQLException {
    try (Connection c = SNOWFLAKE.get().connect()) {
      StageStreams.of(c)
          .upload(
              stage,
              "p",
              name,
              new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
              false);
    }
  }
}
