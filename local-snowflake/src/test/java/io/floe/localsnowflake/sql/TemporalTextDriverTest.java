package io.floe.localsnowflake.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dates, times and timestamps turned into text through the real driver: ::VARCHAR, TO_VARCHAR, ||,
 * string functions and an INSERT into a VARCHAR column print Snowflake's default output formats
 * (the session TIMEZONE is UTC). Typed columns still reach the driver as values.
 */
class TemporalTextDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void timestampsCastToTextUseTheDefaultOutputFormats() throws SQLException {
    // TIMESTAMP_TZ is kept as its instant, so it shows in UTC: Snowflake would print +0200.
    assertEquals(
        "2024-01-02 01:04:20.420 +0000",
        text("select '2024-01-02 03:04:20.42 +02:00'::timestamp_tz::varchar"));
    assertEquals(
        "2024-01-02 01:04:20.420 +0000",
        text("select to_varchar(to_timestamp_tz('2024-01-02 03:04:20.42+02:00'))"));
    assertEquals(
        "2024-01-02 03:04:20.420 +0000",
        text("select '2024-01-02 03:04:20.42'::timestamp_ltz::varchar"));
    assertEquals(
        "2024-01-02 03:04:20.420", text("select '2024-01-02 03:04:20.42'::timestamp_ntz::varchar"));
    assertEquals(
        "2024-01-02 03:04:20.000", text("select to_char('2024-01-02 03:04:20'::timestamp_ntz)"));
  }

  @Test
  void theFractionIsTruncatedToMilliseconds() throws SQLException {
    assertEquals(
        "2024-01-02 03:04:05.999",
        text("select cast('2024-01-02 03:04:05.9999' as timestamp_ntz) :: string"));
  }

  @Test
  void datesAndTimesCastToText() throws SQLException {
    assertEquals("2024-01-02", text("select '2024-01-02'::date::varchar"));
    assertEquals("03:04:05", text("select '03:04:05.678'::time::varchar"));
    assertEquals("03:04:05", text("select to_varchar(to_time('03:04:05'))"));
  }

  @Test
  void concatenationAndStringFunctionsReadTheFormattedText() throws SQLException {
    assertEquals(
        "at 2024-01-02 03:04:05.000", text("select 'at ' || '2024-01-02 03:04:05'::timestamp_ntz"));
    assertEquals("d=2024-01-02", text("select concat('d=', '2024-01-02'::date)"));
    assertEquals("23", text("select length('2024-01-02 03:04:05'::timestamp_ntz)::varchar"));
    assertEquals(
        "true", text("select ('2024-01-02 03:04:05'::timestamp_ntz like '%05.000')::varchar"));
  }

  @Test
  void aTimestampInsertedIntoAVarcharColumnIsItsText() throws SQLException {
    SNOWFLAKE
        .get()
        .execute(
            "create database if not exists texts",
            "create or replace table texts.public.t (s varchar, tz timestamp_tz)",
            "insert into texts.public.t select '2024-01-02 03:04:05.5'::timestamp_ntz,"
                + " '2024-01-02 03:04:05.5 +02:00'",
            "insert into texts.public.t (s) values ('x')");
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select s, tz from texts.public.t where tz is not null")) {
      assertTrue(rs.next());
      assertEquals("2024-01-02 03:04:05.500", rs.getString(1));
      // The typed column still reaches the driver as a value: the instant, offset applied.
      assertEquals(Instant.parse("2024-01-02T01:04:05.500Z"), rs.getTimestamp(2).toInstant());
    }
  }

  @Test
  void typedTimestampsAreUnchanged() throws SQLException {
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select '2024-01-02 03:04:20.42 +02:00'::timestamp_tz,"
                    + " '2024-01-02 03:04:20.42'::timestamp_ntz, '2024-01-02'::date")) {
      assertTrue(rs.next());
      assertEquals(Instant.parse("2024-01-02T01:04:20.420Z"), rs.getTimestamp(1).toInstant());
      assertEquals("2024-01-02T03:04:20.420", rs.getTimestamp(2).toLocalDateTime().toString());
      assertEquals("2024-01-02", rs.getDate(3).toLocalDate().toString());
    }
  }

  private static String text(String sql) throws SQLException {
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      assertEquals("VARCHAR", rs.getMetaData().getColumnTypeName(1), sql);
      return rs.getString(1);
    }
  }
}
