package io.floe.localsnowflake.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.Snowpipe;
import io.floe.localsnowflake.core.StatementRouter;
import io.floe.localsnowflake.http.Faults;
import io.floe.localsnowflake.http.HttpFront;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL engine through the real Snowflake JDBC driver over the local Snowflake's HTTP layer: what
 * getObject/getLong/getString/getTimestamp/… return, update counts, and error codes/SQLSTATEs.
 */
class SqlDriverTest {
  private static final String ACCOUNT = "TESTACC";
  private static DuckStore store;
  private static HttpFront front;

  @BeforeAll
  static void start() throws Exception {
    store = DuckStore.open(null);
    DuckCatalog catalog = new DuckCatalog(store);
    catalog.bootstrap("ADMIN", "secret");
    StatementRouter router = new StatementRouter(List.of(new SqlHandler(catalog)));
    front =
        new HttpFront(
            0, ACCOUNT, catalog, router, new NoPipes(), new Faults(), Duration.ofHours(1));
    front.start();
    try (Connection c = connect("ADMIN", "secret");
        Statement s = c.createStatement()) {
      s.execute("create database testdb");
      s.execute("create table events (record_metadata variant, record_content variant)");
      for (int offset : new int[] {9, 10, 11}) {
        s.execute(
            "insert into events select parse_json('{\"partition\":0,\"offset\":"
                + offset
                + "}'), parse_json('{\"price\":12345678901234567890.123456789,\"n\":\"x"
                + offset
                + "\"}')");
      }
      s.execute("create role reader");
      s.execute("create user bob password = 'pw' default_role = reader");
      s.execute("grant role reader to user bob");
      s.execute("grant usage on database testdb to role reader");
      s.execute("grant usage on schema testdb.public to role reader");
      s.execute("grant select on table events to role reader");
    }
  }

  @AfterAll
  static void stop() {
    front.close();
    store.close();
  }

  @Test
  void queriesReturnSnowflakesJavaTypes() throws SQLException {
    try (Connection c = connect("ADMIN", "secret");
        Statement s = c.createStatement()) {
      s.execute("use schema testdb.public");
      try (ResultSet rs =
          s.executeQuery(
              "select count(*), max(record_metadata:offset),"
                  + " record_metadata:partition::int p, min(record_content:n::string) from events"
                  + " where record_metadata:offset >= 9 group by 3")) {
        assertTrue(rs.next());
        assertEquals(3L, rs.getObject(1));
        assertEquals(11L, rs.getLong(2));
        assertEquals("11", rs.getString(2));
        assertEquals(0, rs.getInt(3));
        assertEquals("x10", rs.getString(4));
        assertFalse(rs.next());
      }
      try (ResultSet rs =
          s.executeQuery(
              "select record_content, record_content:price, record_content:price::number(38,9) from"
                  + " events where record_metadata:offset = 9")) {
        assertTrue(rs.next());
        String expected = "{\n  \"n\": \"x9\",\n  \"price\": 12345678901234567890.123456789\n}";
        assertEquals(expected, rs.getString(1));
        assertEquals(expected, rs.getObject(1));
        assertEquals("12345678901234567890.123456789", rs.getString(2));
        assertEquals(new BigDecimal("12345678901234567890.123456789"), rs.getBigDecimal(3));
      }
    }
  }

  @Test
  void bindsAndUpdateCountsRoundTrip() throws SQLException {
    try (Connection c = connect("ADMIN", "secret");
        Statement s = c.createStatement()) {
      s.execute("use database testdb");
      assertEquals(
          0,
          s.executeUpdate(
              "create or replace table typed (id number, amount"
                  + " number(10,2), f double, ok boolean, d date, t time, ntz timestamp_ntz,"
                  + " ltz timestamp_ltz, tz timestamp_tz, bin binary, s string)"));
      Timestamp ts = Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456000));
      try (PreparedStatement p =
          c.prepareStatement(
              "insert into typed (id, amount, f, ok, d, s)" + " values (?, ?, ?, ?, ?, ?)")) {
        p.setLong(1, 12345678901L);
        p.setBigDecimal(2, new BigDecimal("12.34"));
        p.setDouble(3, 2.5);
        p.setBoolean(4, true);
        p.setDate(5, java.sql.Date.valueOf(LocalDate.of(2024, 2, 29)));
        p.setString(6, "it's");
        assertEquals(1, p.executeUpdate());
      }
      assertEquals(
          1,
          s.executeUpdate(
              "update typed set t = '13:14:15.5',"
                  + " ntz = '2024-01-02 03:04:05.123456', ltz = '2024-01-02 03:04:05.123456+00:00',"
                  + " tz = '2024-01-02 03:04:05.123456+00:00'"));
      try (ResultSet rs = s.executeQuery("select * from typed")) {
        assertTrue(rs.next());
        assertEquals(12345678901L, rs.getObject(1));
        assertEquals(new BigDecimal("12.34"), rs.getBigDecimal(2));
        assertEquals(2.5, rs.getDouble(3));
        assertEquals(Boolean.TRUE, rs.getObject(4));
        assertEquals(LocalDate.of(2024, 2, 29), rs.getDate(5).toLocalDate());
        assertEquals(LocalTime.of(13, 14, 15), rs.getTime(6).toLocalTime());
        assertEquals("13:14:15", rs.getString(6));
        assertEquals(ts.toLocalDateTime(), rs.getTimestamp(7).toLocalDateTime());
        assertEquals(Instant.parse("2024-01-02T03:04:05.123456Z"), rs.getTimestamp(8).toInstant());
        assertEquals(Instant.parse("2024-01-02T03:04:05.123456Z"), rs.getTimestamp(9).toInstant());
        assertNull(rs.getBytes(10));
        assertEquals("it's", rs.getString(11));
      }
      try (PreparedStatement p =
          c.prepareStatement("select count(*) from typed where s = ?" + " and amount > ?")) {
        p.setString(1, "it's");
        p.setInt(2, 12);
        try (ResultSet rs = p.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1));
        }
      }
      assertEquals(1, s.executeUpdate("delete from typed where id = 12345678901"));
    }
  }

  @Test
  void describeTableReadsPositionally() throws SQLException {
    try (Connection c = connect("ADMIN", "secret");
        PreparedStatement p = c.prepareStatement("desc table identifier(?)")) {
      p.setString(1, "testdb.public.events");
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("RECORD_METADATA", rs.getString(1));
        assertEquals("VARIANT", rs.getString(2));
        assertEquals("Y", rs.getString(4));
      }
      try (ResultSet rs =
          c.createStatement().executeQuery("show tables like 'EV%' in schema" + " testdb.public")) {
        assertTrue(rs.next());
        assertEquals("EVENTS", rs.getString("name"));
        assertEquals(3L, rs.getLong("rows"));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void showTablesReportsSchemaEvolutionAsAlterTableSetsIt() throws SQLException {
    try (Connection c = connect("ADMIN", "secret");
        Statement s = c.createStatement()) {
      s.execute("create table testdb.public.grows (id number) enable_schema_evolution = true");
      s.execute("create table testdb.public.fixed (id number)");
      assertEquals("Y", schemaEvolution(s, "GROWS"));
      assertEquals("N", schemaEvolution(s, "FIXED"));
      s.execute("alter table testdb.public.grows set enable_schema_evolution = false");
      s.execute("alter table testdb.public.fixed set enable_schema_evolution = true");
      assertEquals("N", schemaEvolution(s, "GROWS"));
      assertEquals("Y", schemaEvolution(s, "FIXED"));
      s.execute("alter table testdb.public.fixed unset enable_schema_evolution");
      assertEquals("N", schemaEvolution(s, "FIXED"));
    }
  }

  private static String schemaEvolution(Statement s, String table) throws SQLException {
    try (ResultSet rs =
        s.executeQuery("show tables like '" + table + "' in schema testdb.public")) {
      assertTrue(rs.next());
      return rs.getString("enable_schema_evolution");
    }
  }

  @Test
  void errorsCarrySnowflakesCodesAndStates() throws SQLException {
    try (Connection c = connect("ADMIN", "secret");
        Statement s = c.createStatement()) {
      s.execute("use database testdb");
      assertError(s, "select * from missing", 2003, "42S02");
      assertError(s, "select * from", 1003, "42000");
      assertError(s, "select nope from events", 904, "42000");
      assertError(s, "use schema missing", 2003, "02000");
      assertError(s, "select soundex('x')", 2, "0A000");
    }
    try (Connection c = connect("BOB", "pw");
        Statement s = c.createStatement()) {
      s.execute("use database testdb");
      try (ResultSet rs = s.executeQuery("select count(*) from events")) {
        assertTrue(rs.next());
        assertEquals(3, rs.getInt(1));
      }
      assertError(s, "insert into events select null, null", 3001, "42501");
      assertError(s, "create table mine (a int)", 3001, "42501");
    }
  }

  @Test
  void syntaxErrorsAreSnowflakesAndUnsupportedMeansValidButNotImplemented() throws SQLException {
    try (Connection c = connect("ADMIN", "secret");
        Statement s = c.createStatement()) {
      s.execute("use database testdb");
      assertEquals(
          "SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'SELEC'.",
          assertError(s, "SELEC 1", 1003, "42000").getMessage());
      assertEquals(
          "SQL compilation error:\nsyntax error line 1 at position 7 unexpected 'TABEL'.",
          assertError(s, "CREATE TABEL t (a int)", 1003, "42000").getMessage());
      // Lines count from 1, positions from 0 within the line.
      assertEquals(
          "SQL compilation error:\nsyntax error line 2 at position 2 unexpected 'frobnicate'.",
          assertError(s, "-- first line\n  frobnicate the table", 1003, "42000").getMessage());
      assertEquals(
          "SQL compilation error:\nsyntax error line 1 at position 12 unexpected 'TABLESS'.",
          assertError(s, "show terse  TABLESS", 1003, "42000").getMessage());

      // Valid Snowflake SQL that the local Snowflake lacks says so.
      assertEquals(
          "Unsupported feature: CALL is valid Snowflake SQL but not implemented by the local"
              + " Snowflake.",
          assertError(s, "call refresh_events(1)", 2, "0A000").getMessage());
      assertEquals(
          "Unsupported feature: CREATE VIEW is valid Snowflake SQL but not implemented by the"
              + " local Snowflake.",
          assertError(s, "create or replace view v as select 1", 2, "0A000").getMessage());
      assertTrue(
          assertError(s, "select soundex('x')", 2, "0A000")
              .getMessage()
              .endsWith("Valid in Snowflake, but not implemented by the local Snowflake."));
    }
  }

  private static SQLException assertError(Statement s, String sql, int code, String state) {
    SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql));
    assertEquals(code, e.getErrorCode(), e.getMessage());
    assertEquals(state, e.getSQLState(), e.getMessage());
    return e;
  }

  @Test
  void binaryValuesComeBackAsBytes() throws SQLException {
    try (Connection c = connect("ADMIN", "secret");
        Statement s = c.createStatement()) {
      s.execute("use database testdb");
      s.execute("create or replace table bin (b binary)");
      try (PreparedStatement p = c.prepareStatement("insert into bin values (?)")) {
        p.setBytes(1, new byte[] {(byte) 0xCA, (byte) 0xFE});
        p.executeUpdate();
      }
      try (ResultSet rs = s.executeQuery("select b from bin")) {
        assertTrue(rs.next());
        assertArrayEquals(new byte[] {(byte) 0xCA, (byte) 0xFE}, rs.getBytes(1));
        assertEquals("CAFE", rs.getString(1));
      }
    }
  }

  private static Connection connect(String user, String password) throws SQLException {
    Properties p = new Properties();
    p.put("user", user);
    p.put("password", password);
    p.put("account", ACCOUNT);
    p.put("ssl", "off");
    p.put("disablePlatformDetection", "true");
    return DriverManager.getConnection("jdbc:snowflake://127.0.0.1:" + front.port() + "/", p);
  }

  /** This test talks SQL only. */
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
    public HistoryRange loadHistory(String pipe, String user, Instant start, Instant end) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void pauseLoading(boolean paused) {}
  }
}
