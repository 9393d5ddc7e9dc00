package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.sql.ExprTranslator.T;

/**
 * Dates, times and timestamps to and from text as Snowflake's default session formats have them.
 * DuckDB's own casts print {@code 2024-01-02 01:04:20.42+00} where Snowflake prints {@code
 * 2024-01-02 01:04:20.420 +0000}, so every implicit or explicit conversion to text (::VARCHAR,
 * TO_VARCHAR, ||, LIKE, string functions) formats through here:
 *
 * <ul>
 *   <li>DATE: DATE_OUTPUT_FORMAT {@code YYYY-MM-DD}
 *   <li>TIME: TIME_OUTPUT_FORMAT {@code HH24:MI:SS} (no fraction)
 *   <li>TIMESTAMP_NTZ: TIMESTAMP_NTZ_OUTPUT_FORMAT {@code YYYY-MM-DD HH24:MI:SS.FF3}
 *   <li>TIMESTAMP_LTZ, TIMESTAMP_TZ: TIMESTAMP_OUTPUT_FORMAT {@code YYYY-MM-DD HH24:MI:SS.FF3
 *       TZHTZM}
 * </ul>
 *
 * <p>The fraction is truncated to milliseconds, as FF3 does. The offset is always {@code +0000}:
 * the session TIMEZONE is UTC (it cannot be altered) and a TIMESTAMP_TZ is kept as its instant, so
 * it shows in UTC rather than with the offset it was written with (see {@link SqlType#duckType}).
 */
final class TemporalText {
  /** DuckDB's ICU {@code %z} prints {@code +00}; every value here is rendered in UTC. */
  private static final String UTC_OFFSET = " +0000";

  /**
   * A space before the offset ({@code … 03:04:20 +02:00}), which Snowflake reads and DuckDB not.
   */
  private static final String SPACE_BEFORE_OFFSET = "'\\s+([+-]\\d\\d(:?\\d\\d)?)$'";

  private TemporalText() {}

  static boolean isTemporal(SqlType t) {
    return switch (t.kind()) {
      case DATE, TIME, TIMESTAMP_NTZ, TIMESTAMP_LTZ, TIMESTAMP_TZ -> true;
      default -> false;
    };
  }

  /** A temporal value as the VARCHAR Snowflake shows for it; other values unchanged. */
  static T format(T x) {
    String sql =
        switch (x.type().kind()) {
          case DATE -> "strftime(" + x.sql() + ", '%Y-%m-%d')";
          // strftime has no TIME form; DuckDB's TIME text starts with HH:MM:SS.
          case TIME -> "left(CAST(" + x.sql() + " AS VARCHAR), 8)";
          case TIMESTAMP_NTZ -> "strftime(" + x.sql() + ", '%Y-%m-%d %H:%M:%S.%g')";
          case TIMESTAMP_LTZ, TIMESTAMP_TZ ->
              "(strftime(" + x.sql() + ", '%Y-%m-%d %H:%M:%S.%g') || '" + UTC_OFFSET + "')";
          default -> null;
        };
    return sql == null ? x : new T(sql, SqlType.TEXT);
  }

  /** Text on its way to a timestamp type, in a form DuckDB's cast reads. */
  static String parsable(String textSql, SqlType target) {
    return switch (target.kind()) {
      case TIMESTAMP_NTZ, TIMESTAMP_LTZ, TIMESTAMP_TZ ->
          "regexp_replace(" + textSql + ", " + SPACE_BEFORE_OFFSET + ", '\\1')";
      default -> textSql;
    };
  }
}
