package io.floe.connector.table;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.config.FloeSinkConfig;
import io.floe.connector.snowflake.CallStats;
import io.floe.connector.snowflake.Connections;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.Retrier;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowflakeClient.Column;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.table.schema.TableColumns;
import io.floe.connector.table.schema.TableSchema;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.StepClock;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schematized tables: which existing tables are accepted, the pipe that loads them by column name,
 * and tasks evolving one table at once, against the local Snowflake through the real JDBC driver.
 */
class SchematizedTablesTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final ObjectRef T = ObjectRef.of("db", "public", "orders");

  @Test
  void acceptsNotNullColumnsOfTypesFloeWritesAndNamesTheOthers() {
    assertDoesNotThrow(
        () ->
            SchematizedTables.check(
                T,
                List.of(
                    new Column("RECORD_METADATA", "VARIANT", true),
                    new Column("ID", "NUMBER(38,0)", false),
                    new Column("RECORD_CONTENT", "VARIANT", true))));
    FloeException notNull =
        assertThrows(
            FloeException.class,
            () ->
                SchematizedTables.check(
                    T,
                    List.of(
                        new Column("RECORD_METADATA", "VARIANT", true),
                        new Column("PLACE", "GEOGRAPHY", false))));
    assertEquals(ErrorCode.FLOE_2010, notNull.code());
    assertTrue(
        notNull.getMessage().contains("column PLACE is GEOGRAPHY NOT NULL"), notNull.getMessage());
    FloeException metadata =
        assertThrows(
            FloeException.class,
            () ->
                SchematizedTables.check(
                    T, List.of(new Column("RECORD_METADATA", "VARCHAR(16777216)", true))));
    assertEquals(ErrorCode.FLOE_2010, metadata.code());
    FloeException missing =
        assertThrows(
            FloeException.class,
            () -> SchematizedTables.check(T, List.of(new Column("ID", "NUMBER(38,0)", true))));
    assertTrue(missing.getMessage().contains("has no RECORD_METADATA"), missing.getMessage());
  }

  @Test
  void createsTheTableWithEvolutionAndAPipeLoadingByColumnNameThatOtherTasksAccept()
      throws SQLException {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "schematized_pipe");
    ObjectRef table = ObjectRef.of(f.database(), "PUBLIC", "EVENTS");
    try (Connections connections = connections(f)) {
      SnowflakeClient client = client(connections);
      TableObjects objects = new TableManager(client, "c", true).ensure(table);
      assertDoesNotThrow(() -> new TableManager(client, "c", true).ensure(table));
      assertEquals(
          List.of(List.of("RECORD_METADATA", "VARIANT")),
          f.query("desc table " + table.sql()).stream().map(r -> r.subList(0, 2)).toList());
      assertEquals("Y", schemaEvolution(f, "EVENTS"));
      assertTrue(
          client.pipeDefinition(objects.pipe()).orElseThrow().contains("match_by_column_name"));

      // The same connector without schematization does not load into this pipe's table.
      FloeException e =
          assertThrows(FloeException.class, () -> new TableManager(client, "c").ensure(table));
      assertEquals(ErrorCode.FLOE_2001, e.code());
    }
  }

  @Test
  void tasksAddingTheSameColumnsAtOnceAllSucceedAndSeeOneType() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "schematized_race");
    ObjectRef table = ObjectRef.of(f.database(), "PUBLIC", "RACE");
    int tasks = 4;
    List<Connections> opened = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(tasks);
    try {
      List<TableManager> managers = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        Connections c = connections(f);
        opened.add(c);
        TableManager m = new TableManager(client(c), "race", true);
        m.ensure(table);
        managers.add(m);
      }
      CyclicBarrier start = new CyclicBarrier(tasks);
      List<Future<TableColumns>> results = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        TableManager m = managers.get(i);
        // Half think ID is a number, half a string: the first ADD wins for all.
        ColumnType type = i % 2 == 0 ? ColumnType.INTEGER : ColumnType.VARCHAR;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return m.schema(table)
                      .evolve(
                          Map.of(
                              new ColumnName("ID"),
                              type,
                              new ColumnName("NAME"),
                              ColumnType.VARCHAR),
                          Set.of());
                }));
      }
      List<String> seen = new ArrayList<>();
      for (Future<TableColumns> r : results) {
        TableColumns columns = r.get();
        seen.add(columns.get(new ColumnName("ID")).described());
        assertTrue(columns.get(new ColumnName("NAME")) != null);
      }
      String winner =
          f.query("desc table " + table.sql()).stream()
              .filter(row -> row.get(0).equals("ID"))
              .findFirst()
              .orElseThrow()
              .get(1);
      assertEquals(List.of(winner, winner, winner, winner), seen);
      assertEquals(3, f.query("desc table " + table.sql()).size());
    } finally {
      pool.shutdownNow();
      opened.forEach(Connections::close);
    }
  }

  @Test
  void aTableWithSchemaEvolutionOffIsSeenSoAndReadAgainOnlyAfterTheInterval() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "schematized_fixed");
    ObjectRef table = ObjectRef.of(f.database(), "PUBLIC", "FIXED");
    f.query("create table " + table.sql() + " (RECORD_METADATA VARIANT, ID NUMBER)");
    StepClock clock = new StepClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Connections connections = connections(f)) {
      SchematizedTables tables = new SchematizedTables(client(connections), clock);
      tables.ensure(table);
      TableSchema schema = tables.schema(table);
      assertFalse(schema.evolves());

      // The user's remedy, while the connector runs.
      f.query("alter table " + table.sql() + " set enable_schema_evolution = true");
      f.query("alter table " + table.sql() + " add column NOTE VARCHAR");
      clock.advance(EvolvingTable.REREAD_INTERVAL.minusSeconds(1));
      assertEquals(2, schema.reread().all().size(), "not read again within the interval");
      assertFalse(schema.evolves());
      clock.advance(Duration.ofSeconds(1));
      assertEquals(3, schema.reread().all().size());
      assertTrue(schema.evolves());
    }
  }

  private static String schemaEvolution(FloeFixture f, String table) throws SQLException {
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "show tables like '" + table + "' in schema " + f.database() + ".PUBLIC")) {
      assertTrue(rs.next());
      return rs.getString("enable_schema_evolution");
    }
  }

  private static Connections connections(FloeFixture f) {
    return new Connections(new FloeSinkConfig(f.config("t", 5)).connectionSettings().session());
  }

  private static SnowflakeClient client(Connections connections) {
    return new SnowflakeClient(
        connections,
        new Retrier(3, Duration.ofMillis(50), Duration.ofMillis(200), new CallStats()));
  }
}
