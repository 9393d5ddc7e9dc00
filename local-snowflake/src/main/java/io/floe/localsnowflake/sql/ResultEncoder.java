package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ResultColumn;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a DuckDB result into Snowflake's JSON result rows, in the text forms the JDBC driver parses
 * (snowflake-jdbc's JSON converters and {@code TimeUtil}): FIXED as plain decimal text, BOOLEAN as
 * 1/0, DATE as days since the epoch, TIME as seconds since midnight and TIMESTAMP_NTZ/LTZ as epoch
 * seconds, each with a 9-digit fraction, TIMESTAMP_TZ as that plus a space and 1440 + the offset in
 * minutes, BINARY as hex, and VARIANT/OBJECT/ARRAY pretty-printed ({@link VariantText#render}).
 */
final class ResultEncoder {
  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

  private ResultEncoder() {}

  /**
   * Encodes all rows. {@code inferred} holds the translator's type per column (or null): it decides
   * what DuckDB cannot tell, such as VARIANT versus OBJECT, or TIMESTAMP_TZ.
   */
  static StatementResult.Rows encode(
      ResultSet rs, List<String> names, List<SqlType> inferred, long statementType)
      throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<SqlType> types = new ArrayList<>();
    List<ResultColumn> columns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SqlType hint = inferred == null || i >= inferred.size() ? null : inferred.get(i);
      SqlType t = resultType(md.getColumnTypeName(i + 1), hint);
      types.add(t);
      columns.add(t.resultColumn(names == null ? md.getColumnLabel(i + 1) : names.get(i)));
    }
    List<List<String>> rows = new ArrayList<>();
    while (rs.next()) {
      List<String> row = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        row.add(value(rs, i + 1, types.get(i)));
      }
      rows.add(row);
    }
    return new StatementResult.Rows(columns, rows, statementType);
  }

  static SqlType resultType(String duckType, SqlType hint) {
    String d = duckType.toUpperCase(Locale.ROOT);
    if (hint != null && hint.isSemiStructured() && (d.equals("JSON") || d.equals("VARCHAR"))) {
      return hint;
    }
    Matcher m = DECIMAL.matcher(d);
    if (m.matches()) {
      return SqlType.number(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return switch (d) {
      case "JSON" -> SqlType.VARIANT;
      case "BIGINT", "UBIGINT" -> SqlType.COUNT;
      case "INTEGER",
          "SMALLINT",
          "TINYINT",
          "HUGEINT",
          "UINTEGER",
          "USMALLINT",
          "UTINYINT",
          "UHUGEINT" ->
          SqlType.NUMBER;
      case "DOUBLE", "FLOAT" -> SqlType.FLOAT;
      case "VARCHAR", "NULL", "\"NULL\"" -> SqlType.TEXT;
      case "BOOLEAN" -> SqlType.BOOLEAN;
      case "DATE" -> SqlType.of(SqlType.Kind.DATE);
      case "TIME" -> SqlType.of(SqlType.Kind.TIME);
      case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" ->
          SqlType.of(SqlType.Kind.TIMESTAMP_NTZ);
      case "TIMESTAMP WITH TIME ZONE" ->
          hint != null && hint.kind() == SqlType.Kind.TIMESTAMP_TZ
              ? hint
              : SqlType.of(SqlType.Kind.TIMESTAMP_LTZ);
      case "BLOB" -> new SqlType(SqlType.Kind.BINARY, 0, 0, 8_388_608L);
      default ->
          throw new SnowflakeError(
              "000603",
              "XX000",
              "SQL execution internal error: the local Snowflake cannot return DuckDB type "
                  + duckType);
    };
  }

  private static String value(ResultSet rs, int i, SqlType t) throws SQLException {
    Object v = rs.getObject(i);
    if (v == null) {
      return null;
    }
    return switch (t.kind()) {
      case NUMBER -> number(v, t.scale());
      case FLOAT -> real(((Number) v).doubleValue());
      case BOOLEAN -> ((Boolean) v) ? "1" : "0";
      case DATE -> Long.toString(date(v).toEpochDay());
      case TIME -> seconds(time(v).toNanoOfDay() / 1_000_000_000L, time(v).getNano());
      case TIMESTAMP_NTZ -> {
        LocalDateTime ts = localDateTime(v);
        yield seconds(ts.toEpochSecond(ZoneOffset.UTC), ts.getNano());
      }
      case TIMESTAMP_LTZ, TIMESTAMP_TZ -> {
        OffsetDateTime ts = offsetDateTime(v);
        String s = seconds(ts.toEpochSecond(), ts.getNano());
        yield t.kind() == SqlType.Kind.TIMESTAMP_LTZ
            ? s
            : s + " " + (1440 + ts.getOffset().getTotalSeconds() / 60);
      }
      case BINARY -> HexFormat.of().withUpperCase().formatHex(rs.getBytes(i));
      case VARIANT, OBJECT, ARRAY -> VariantText.render(rs.getString(i));
      default -> rs.getString(i);
    };
  }

  private static String number(Object v, int scale) {
    BigDecimal b;
    if (v instanceof BigDecimal d) {
      b = d;
    } else if (v instanceof BigInteger bi) {
      b = new BigDecimal(bi);
    } else if (v instanceof Double || v instanceof Float) {
      b = BigDecimal.valueOf(((Number) v).doubleValue());
    } else {
      b = BigDecimal.valueOf(((Number) v).longValue());
    }
    return b.setScale(scale, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /** Doubles as Snowflake prints them: integral values without a fraction, else shortest form. */
  static String real(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static String seconds(long epochSeconds, int nanos) {
    // epochSeconds is floored and nanos non-negative, so the sum is right before 1970 too.
    BigDecimal s = BigDecimal.valueOf(epochSeconds).add(BigDecimal.valueOf(nanos, 9));
    return s.setScale(9).toPlainString();
  }

  private static LocalDate date(Object v) {
    if (v instanceof LocalDate d) {
      return d;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return LocalDate.parse(v.toString());
  }

  private static LocalTime time(Object v) {
    if (v instanceof LocalTime t) {
      return t;
    }
    if (v instanceof java.sql.Time t) {
      return t.toLocalTime();
    }
    return LocalTime.parse(v.toString());
  }

  private static LocalDateTime localDateTime(Object v) {
    if (v instanceof LocalDateTime t) {
      return t;
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    return LocalDateTime.parse(v.toString().replace(' ', 'T'));
  }

  private static OffsetDateTime offsetDateTime(Object v) {
    if (v instanceof OffsetDateTime t) {
      return t;
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant().atOffset(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(v.toString());
  }
}
