package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The table DDL file-mode schematization needs, through the real snowflake-jdbc: tables with
 * ENABLE_SCHEMA_EVOLUTION, DESC TABLE's types, and columns added and relaxed with ALTER TABLE, also
 * by several sessions at once. Each test uses its own schema.
 */
class SchematizationDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final DriverSql db = new DriverSql(SNOWFLAKE);

  @BeforeAll
  static void database() {
    SNOWFLAKE.get().execute("create database db");
  }

  @Test
  void schemaEvolutionIsATablePropertyShownBySHOWTABLES() throws Exception {
    db.sql(
        "create schema db.props",
        "create table db.props.evolving (a number) enable_schema_evolution = true",
        "create table db.props.fixed (a number)");
    assertEquals("Y", db.showTables("db.props", "EVOLVING", "enable_schema_evolution"));
    assertEquals("N", db.showTables("db.props", "FIXED", "enable_schema_evolution"));
    db.sql("alter table db.props.fixed set enable_schema_evolution = true");
    assertEquals("Y", db.showTables("db.props", "FIXED", "enable_schema_evolution"));
    db.sql("alter table db.props.fixed unset enable_schema_evolution");
    assertEquals("N", db.showTables("db.props", "FIXED", "enable_schema_evolution"));
  }

  @Test
  void descTablePrintsSnowflakesTypes() throws Exception {
    db.sql(
        "create schema db.types",
        "create table db.types.t (i int, n number(10,2), s string, f double, b boolean,"
            + " v variant, o object, a array, ts timestamp_ntz, tz timestamp_tz, d date,"
            + " tm time, bin binary not null comment 'raw')");
    List<List<String>> desc = db.query("desc table db.types.t");
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
        DriverSql.column(desc, 1));
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
        db.labels("describe table db.types.t"));
    // Only tables with schema evolution show the SchemaEvolutionRecord column (bcr-1377).
    db.sql("alter table db.types.t set enable_schema_evolution = true");
    assertEquals("schema evolution record", db.labels("desc table db.types.t").get(12));
  }

  @Test
  void alterTableAddsColumnsAndDropsNotNullInSnowflakesSyntax() throws Exception {
    db.sql(
        "create schema db.alter",
        "create table db.alter.t (record_metadata variant, id number not null, name string not"
            + " null)");
    // The incumbent connector's statements, then the ALTER COLUMN and MODIFY forms.
    db.sql(
        "alter table db.alter.t add column if not exists \"CITY\" VARCHAR comment 'from Kafka',"
            + " if not exists \"ZIP\" NUMBER(38,0) NULL",
        "alter table db.alter.t add column if not exists city varchar",
        "alter table db.alter.t add column score float",
        "alter table db.alter.t alter id drop not null, name comment 'relaxed'",
        "alter table db.alter.t modify column name drop not null");
    List<List<String>> desc = db.query("desc table db.alter.t");
    assertEquals(
        List.of("RECORD_METADATA", "ID", "NAME", "CITY", "ZIP", "SCORE"),
        DriverSql.column(desc, 0));
    assertEquals(
        List.of("VARIANT", "NUMBER(38,0)", "VARCHAR(16777216)", "VARCHAR(16777216)"),
        DriverSql.column(desc, 1).subList(0, 4));
    assertEquals(List.of("Y", "Y", "Y", "Y", "Y", "Y"), DriverSql.column(desc, 3));
    assertEquals("from Kafka", desc.get(3).get(9));
    assertEquals("relaxed", desc.get(2).get(9));
    SQLException duplicate =
        assertThrows(
            SQLException.class, () -> db.sql("alter table db.alter.t add column city int"));
    assertTrue(
        duplicate.getMessage().contains("column 'CITY' already exists"), duplicate.getMessage());
    db.sql("insert into db.alter.t (city) values ('Oslo')");
    assertEquals(List.of(Arrays.asList(null, "Oslo")), db.query("select id, city from db.alter.t"));
  }

  @Test
  void sessionsAddingTheSameColumnAtOnceAllSucceed() throws Exception {
    int sessions = 8;
    db.sql("create schema db.race");
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    List<Connection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < sessions; i++) {
        connections.add(SNOWFLAKE.get().connect());
      }
      for (int round = 0; round < 10; round++) {
        String table = "db.race.t" + round;
        db.sql("create table " + table + " (record_metadata variant, id number not null)");
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
        List<String> names = DriverSql.column(db.query("desc table " + table), 0);
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
}
