package io.floe.localsnowflake.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DATE_PART, EXTRACT and YEAR()/DAYOFWEEK()/HOUR()… through the real driver, with Snowflake's part
 * names, abbreviations and default week parameters (WEEK_START = 0: Sunday is day 0; weeks are ISO
 * weeks).
 */
class DatePartDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  /** 2021-01-03 is a Sunday, in ISO week 53 of 2020. */
  private static final String SUNDAY = "'2021-01-03'::date";

  private static final String TS = "'2024-03-15 13:45:30.123456'::timestamp_ntz";

  @Test
  void datePartsOfADate() throws SQLException {
    assertEquals(
        List.of(2021L, 1L, 3L, 0L, 7L, 3L, 53L, 53L, 1L, 2020L, 2020L),
        longs(
            "select date_part(year, d), date_part('month', d), date_part(day, d),"
                + " date_part(dayofweek, d), date_part(dayofweekiso, d), date_part(dayofyear, d),"
                + " date_part(week, d), date_part(weekiso, d), date_part(quarter, d),"
                + " date_part(yearofweek, d), date_part(yearofweekiso, d)"
                + " from (select "
                + SUNDAY
                + " as d)"));
    assertEquals(
        List.of(6L, 1L),
        longs("select dayofweek('2021-01-02'::date), dayofweek('2021-01-04'::date)"),
        "Saturday is 6, Monday 1");
  }

  @Test
  void extractAndTheNamedFunctionsAgreeWithDatePart() throws SQLException {
    assertEquals(
        List.of(2021L, 1L, 3L, 0L, 53L, 2021L, 0L),
        longs(
            "select extract(year from "
                + SUNDAY
                + "), extract('month' from "
                + SUNDAY
                + "), day("
                + SUNDAY
                + "), dayofweek("
                + SUNDAY
                + "), weekofyear("
                + SUNDAY
                + "), date_part(year from "
                + SUNDAY
                + "), extract(HOUR from "
                + SUNDAY
                + ")"));
  }

  @Test
  void abbreviationsOfATimestamp() throws SQLException {
    assertEquals(
        List.of(2024L, 2024L, 3L, 15L, 13L, 45L, 30L, 1L, 123456000L),
        longs(
            "select date_part(yy, t), date_part(yyyy, t), date_part(mm, t), date_part(d, t),"
                + " date_part(hh, t), date_part(mi, t), date_part(s, t), date_part(q, t),"
                + " date_part(ns, t) from (select "
                + TS
                + " as t)"));
    assertEquals(
        List.of(13L, 45L, 30L),
        longs("select hour(" + TS + "), minute(" + TS + "), second(" + TS + ")"));
  }

  @Test
  void epochParts() throws SQLException {
    String tz = "'2024-01-02 03:04:20.42 +02:00'::timestamp_tz";
    assertEquals(
        List.of(1704157460L, 1704157460L, 1704157460420L, 1704157460420000L, 1704157460420000000L),
        longs(
            "select date_part(epoch_second, "
                + tz
                + "), date_part(epoch, "
                + tz
                + "), date_part(epoch_millisecond, "
                + tz
                + "), date_part(epoch_microsecond, "
                + tz
                + "), date_part(epoch_nanosecond, "
                + tz
                + ")"));
    assertEquals(List.of(1704153600L), longs("select date_part(epoch_second, '2024-01-02'::date)"));
    assertEquals(
        List.of(-1L, -500L),
        longs(
            "select date_part(epoch_second, '1969-12-31 23:59:59.5'::timestamp_ntz),"
                + " date_part(epoch_millisecond, '1969-12-31 23:59:59.5'::timestamp_ntz)"));
  }

  @Test
  void clockPartsOfATime() throws SQLException {
    assertEquals(
        List.of(13L, 45L, 30L, 500000000L),
        longs(
            "select date_part(hour, t), extract(minute from t), second(t), date_part(nanosecond, t)"
                + " from (select '13:45:30.5'::time as t)"));
  }

  @Test
  void textAndNullArguments() throws SQLException {
    assertEquals(List.of(2024L), longs("select date_part(year, '2024-05-06')"));
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select date_part(year, null::date)")) {
      assertTrue(rs.next());
      assertNull(rs.getObject(1));
    }
  }

  @Test
  void aPartThatIsNoneIsRefusedAsSnowflakeDoes() throws SQLException {
    assertRefused(
        "select date_part(foo, current_date())",
        "invalid value [FOO] for parameter 'DATE_PART date/time part'");
    assertRefused(
        "select date_part('foo', current_date())",
        "invalid value [foo] for parameter 'DATE_PART date/time part'");
    assertRefused(
        "select extract(ss from current_timestamp())",
        "invalid value [ss] for parameter 'EXTRACT date/time part'");
    // Snowflake's DATE_PART knows no millisecond or microsecond (only their epochs).
    assertRefused(
        "select date_part(millisecond, current_timestamp())",
        "invalid value [MILLISECOND] for parameter 'DATE_PART date/time part'");
  }

  @Test
  void aPartTheValueDoesNotHaveIsRefused() throws SQLException {
    assertRefused(
        "select date_part(day, '10:00:00'::time)",
        "invalid value [DAY] for parameter 'DATE_PART date/time part'");
    assertRefused(
        "select year('10:00:00'::time)",
        "invalid value [YEAR] for parameter 'YEAR date/time part'");
    assertRefused(
        "select date_part(epoch_millisecond, '2024-01-02'::date)",
        "invalid value [EPOCH_MILLISECOND] for parameter 'DATE_PART date/time part'");
    assertRefused(
        "select date_part(tzh, '2024-01-02'::date)",
        "invalid value [TZH] for parameter 'DATE_PART date/time part'");
  }

  private static void assertRefused(String sql, String message) throws SQLException {
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql));
      assertTrue(e.getMessage().contains(message), e.getMessage());
      assertEquals("22023", e.getSQLState());
    }
  }

  private static List<Long> longs(String sql) throws SQLException {
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      List<Long> out = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getLong(i));
      }
      return out;
    }
  }
}
