package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.Bind;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.sql.ExprTranslator.T;
import io.floe.localsnowflake.sql.SqlType.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Literals and bind values as DuckDB SQL, typed as Snowflake types them. */
final class Literals {
  private Literals() {}

  static T literal(Ast.Literal l) {
    return switch (l.kind()) {
      case NUMBER -> numberLiteral(l.text());
      case STRING -> new T(Duck.str(l.text()), SqlType.TEXT);
      case BOOLEAN -> new T(l.text(), SqlType.BOOLEAN);
      case NULL -> new T("NULL", SqlType.NULL);
    };
  }

  private static T numberLiteral(String text) {
    if (text.contains("e") || text.contains("E")) {
      return new T("CAST('" + text + "' AS DOUBLE)", SqlType.FLOAT);
    }
    BigDecimal d = new BigDecimal(text);
    int scale = Math.max(d.scale(), 0);
    int precision = Math.max(d.precision(), scale);
    if (precision > 38) {
      return new T("CAST('" + text + "' AS DOUBLE)", SqlType.FLOAT);
    }
    // An explicit DECIMAL keeps big literals exact (DuckDB would otherwise pick HUGEINT/DOUBLE).
    return new T(
        "CAST('" + text + "' AS DECIMAL(" + Math.max(precision, 1) + "," + scale + "))",
        SqlType.number(Math.max(precision, 1), scale));
  }

  /**
   * A bind in the driver's text form: numbers as text, DATE as epoch milliseconds, TIME as
   * nanoseconds since midnight, timestamps as epoch nanoseconds (TIMESTAMP_TZ: plus a space and
   * 1440 + the offset in minutes), BINARY as hex.
   */
  static T bind(Bind b) {
    String type = b.type() == null ? "TEXT" : b.type().toUpperCase(Locale.ROOT);
    String v = b.value();
    SqlType t =
        switch (type) {
          case "FIXED" -> SqlType.NUMBER;
          case "REAL" -> SqlType.FLOAT;
          case "BOOLEAN" -> SqlType.BOOLEAN;
          case "DATE" -> SqlType.of(Kind.DATE);
          case "TIME" -> SqlType.of(Kind.TIME);
          case "TIMESTAMP_NTZ", "TIMESTAMP" -> SqlType.of(Kind.TIMESTAMP_NTZ);
          case "TIMESTAMP_LTZ" -> SqlType.of(Kind.TIMESTAMP_LTZ);
          case "TIMESTAMP_TZ" -> SqlType.of(Kind.TIMESTAMP_TZ);
          case "BINARY" -> new SqlType(Kind.BINARY, 0, 0, 8_388_608L);
          default -> SqlType.TEXT;
        };
    if (v == null) {
      return new T(t.kind() == Kind.TEXT ? "NULL" : "CAST(NULL AS " + t.duckType() + ")", t);
    }
    try {
      return switch (t.kind()) {
        case NUMBER -> numberLiteral(new BigDecimal(v.trim()).toPlainString());
        case FLOAT -> new T("CAST(" + Duck.str(v) + " AS DOUBLE)", t);
        case BOOLEAN ->
            new T(Boolean.parseBoolean(v.trim()) || v.trim().equals("1") ? "TRUE" : "FALSE", t);
        case DATE ->
            new T(
                "DATE '"
                    + LocalDate.ofEpochDay(Math.floorDiv(Long.parseLong(v.trim()), 86_400_000L))
                    + "'",
                t);
        case TIME -> new T("TIME '" + LocalTime.ofNanoOfDay(Long.parseLong(v.trim())) + "'", t);
        case TIMESTAMP_NTZ ->
            new T("TIMESTAMP '" + instant(v).atOffset(ZoneOffset.UTC).toLocalDateTime() + "'", t);
        case TIMESTAMP_LTZ, TIMESTAMP_TZ -> new T("TIMESTAMPTZ '" + instant(v) + "'", t);
        case BINARY -> new T("from_hex(" + Duck.str(v) + ")", t);
        default -> new T(Duck.str(v), t);
      };
    } catch (RuntimeException e) {
      throw new SnowflakeError(
          "002049",
          "22018",
          "SQL compilation error: Bind value '" + v + "' is not a valid " + type + ".");
    }
  }

  private static Instant instant(String nanosText) {
    String n = nanosText.trim();
    int space = n.indexOf(' ');
    if (space > 0) {
      n = n.substring(0, space); // TIMESTAMP_TZ: the offset only affects display
    }
    BigDecimal nanos = new BigDecimal(n);
    BigDecimal[] qr = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
    long seconds = qr[0].longValueExact();
    long rest = qr[1].longValueExact();
    if (rest < 0) {
      seconds -= 1;
      rest += 1_000_000_000L;
    }
    return Instant.ofEpochSecond(seconds, rest);
  }
}
