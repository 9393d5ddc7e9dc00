package io.floe.localsnowflake.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Converts loaded JSON values the way a COPY's casts and its target columns do: {@code ::TYPE} in a
 * transforming SELECT, then the implicit cast to the column. SQL NULL is Java null; JSON null is
 * {@code NullNode} (a VARIANT null, which becomes SQL NULL in any non-VARIANT column).
 */
final class ValueConverter {

  private ValueConverter() {}

  /** Applies {@code ::type} to a value, staying in the JSON world. */
  static JsonNode cast(JsonNode value, String type) throws ValueError {
    if (value == null) {
      return null;
    }
    String base = baseType(type);
    if (isSemiStructured(base)) {
      return value;
    }
    if (value.isNull()) {
      return null;
    }
    return switch (base) {
      case "VARCHAR", "STRING", "TEXT", "CHAR", "CHARACTER", "NVARCHAR" ->
          TextNode.valueOf(text(value));
      case "NUMBER",
          "DECIMAL",
          "NUMERIC",
          "INT",
          "INTEGER",
          "BIGINT",
          "SMALLINT",
          "TINYINT",
          "BYTEINT" ->
          DecimalNode.valueOf(number(value, type));
      case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "REAL" -> DoubleNode.valueOf(dbl(value));
      case "BOOLEAN" -> BooleanNode.valueOf(bool(value));
      default -> TextNode.valueOf(text(value)); // dates and times: parsed for the column
    };
  }

  /** The value a column of {@code column.type()} receives, as {@code Catalog.insert} takes it. */
  static Object toColumn(JsonNode value, ColumnInfo column) throws ValueError {
    String base = baseType(column.type());
    Object result;
    if (value == null || (value.isNull() && !isSemiStructured(base))) {
      result = null;
    } else if (isSemiStructured(base)) {
      result = value.toString();
    } else {
      JsonNode cast = cast(value, column.type());
      result =
          switch (base) {
            case "NUMBER",
                "DECIMAL",
                "NUMERIC",
                "INT",
                "INTEGER",
                "BIGINT",
                "SMALLINT",
                "TINYINT",
                "BYTEINT" ->
                cast.decimalValue();
            case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "REAL" -> cast.doubleValue();
            case "BOOLEAN" -> cast.booleanValue();
            case "DATE" -> date(cast.asText());
            case "TIME" -> time(cast.asText());
            case "DATETIME", "TIMESTAMP", "TIMESTAMP_NTZ" -> timestampNtz(cast.asText());
            case "TIMESTAMP_LTZ", "TIMESTAMP_TZ" -> timestampTz(cast.asText());
            case "BINARY", "VARBINARY" -> hex(cast.asText());
            default -> cast.asText();
          };
    }
    if (result == null && !column.nullable()) {
      throw nullInNonNullable();
    }
    return result;
  }

  static ValueError nullInNonNullable() {
    return new ValueError("100072", "22000", "NULL result in a non-nullable column");
  }

  static String baseType(String type) {
    int paren = type.indexOf('(');
    return (paren < 0 ? type : type.substring(0, paren)).trim().toUpperCase(Locale.ROOT);
  }

  /** VARIANT, OBJECT or ARRAY ({@code base} from {@link #baseType}). */
  static boolean isSemiStructured(String base) {
    return base.equals("VARIANT") || base.equals("OBJECT") || base.equals("ARRAY");
  }

  /** A VARIANT as text: strings without their quotes, everything else as JSON. */
  private static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }

  private static BigDecimal number(JsonNode value, String type) throws ValueError {
    BigDecimal n;
    if (value.isNumber()) {
      n = value.decimalValue();
    } else if (value.isTextual()) {
      try {
        n = new BigDecimal(value.textValue().trim());
      } catch (NumberFormatException e) {
        throw ValueError.notRecognized("Numeric value", value.textValue(), "100038");
      }
    } else if (value.isBoolean()) {
      n = value.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO;
    } else {
      throw ValueError.notRecognized("Numeric value", value.toString(), "100038");
    }
    int[] ps = precisionScale(type);
    BigDecimal scaled = n.setScale(ps[1], RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > ps[0] - ps[1]) {
      throw new ValueError(
          "100039", "22003", "Numeric value '" + n.toPlainString() + "' is out of range");
    }
    return scaled;
  }

  private static double dbl(JsonNode value) throws ValueError {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      try {
        return Double.parseDouble(value.textValue().trim());
      } catch (NumberFormatException e) {
        throw ValueError.notRecognized("Numeric value", value.textValue(), "100038");
      }
    }
    throw ValueError.notRecognized("Numeric value", value.toString(), "100038");
  }

  private static boolean bool(JsonNode value) throws ValueError {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.decimalValue().signum() != 0;
    }
    String t = text(value).trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "true", "t", "yes", "y", "on", "1" -> true;
      case "false", "f", "no", "n", "off", "0" -> false;
      default -> throw ValueError.notRecognized("Boolean value", text(value), "100037");
    };
  }

  /** NUMBER's (precision, scale); integer synonyms are NUMBER(38,0). */
  private static int[] precisionScale(String type) {
    int open = type.indexOf('(');
    if (open < 0) {
      return new int[] {38, 0};
    }
    String[] parts = type.substring(open + 1, type.indexOf(')')).split(",");
    int precision = Integer.parseInt(parts[0].trim());
    int scale = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
    return new int[] {precision, scale};
  }

  /** A file format's default BINARY_FORMAT is HEX: the text is the bytes' hex digits. */
  private static byte[] hex(String text) throws ValueError {
    try {
      return HexFormat.of().parseHex(text.trim());
    } catch (IllegalArgumentException e) {
      throw ValueError.notRecognized("Hex value", text, "100115");
    }
  }

  private static LocalDate date(String text) throws ValueError {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ValueError.notRecognized("Date", text, "100040");
    }
  }

  private static LocalTime time(String text) throws ValueError {
    try {
      return LocalTime.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ValueError.notRecognized("Time", text, "100108");
    }
  }

  private static LocalDateTime timestampNtz(String text) throws ValueError {
    try {
      return LocalDateTime.parse(text.trim().replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text.trim().replace(' ', 'T')).toLocalDateTime();
      } catch (DateTimeParseException e2) {
        throw ValueError.notRecognized("Timestamp", text, "100035");
      }
    }
  }

  /** With an offset as written; without one the value is taken as UTC (the session's zone). */
  private static OffsetDateTime timestampTz(String text) throws ValueError {
    try {
      return OffsetDateTime.parse(text.trim().replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      return timestampNtz(text).atOffset(ZoneOffset.UTC);
    }
  }
}
