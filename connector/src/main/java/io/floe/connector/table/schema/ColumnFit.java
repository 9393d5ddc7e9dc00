package io.floe.connector.table.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Which field values load into which columns: the one place the compatibility rules live
 * (docs/conversion.md, "What fits a column"). A value that does not fit makes its record a broken
 * record rather than a row that would fail its whole file in the COPY. The rules are strict where
 * Snowflake would silently change a value (a string into NUMBER, a fraction into NUMBER(38,0)) and
 * loose where it keeps it (any number into FLOAT, a number or boolean into VARCHAR):
 *
 * <ul>
 *   <li>VARIANT: anything. OBJECT: a JSON object. ARRAY: a JSON array.
 *   <li>NUMBER(p,s): a number with at most p-s digits before the point and s after it (trailing
 *       zeros aside). FLOAT: any number. BOOLEAN: true or false.
 *   <li>VARCHAR(n): a string of at most n characters, a number or a boolean; not bytes.
 *   <li>BINARY(n): bytes (a field whose type is BINARY), at most n of them.
 *   <li>DATE, TIME, TIMESTAMP_NTZ, TIMESTAMP_TZ/LTZ: a string in ISO-8601 form of that kind (what
 *       Floe writes for a date, time or timestamp field); timestamps take any ISO timestamp, with
 *       or without an offset.
 *   <li>null fits every column (a NOT NULL column is made nullable first); no value fits a column
 *       of a type Floe does not write (GEOGRAPHY, VECTOR, …).
 * </ul>
 */
public final class ColumnFit {
  private ColumnFit() {}

  /**
   * Null when {@code value} of field {@code field} (of type {@code fieldType}: declared by the
   * record's schema, else inferred from the value) loads into {@code column}; otherwise why not,
   * naming the field, the column and both types.
   */
  public static String misfit(
      String field, Optional<ColumnType> fieldType, JsonNode value, TableColumn column) {
    if (value == null || value.isNull()) {
      return null;
    }
    Optional<ColumnType> type = column.type();
    String why =
        type.isEmpty()
            ? "Floe writes no values of that type"
            : why(fieldType, value, column, type.get());
    if (why == null) {
      return null;
    }
    String declared =
        fieldType.or(() -> ValueColumnTypes.of(value)).map(ColumnType::sql).orElse("null");
    return "field '"
        + field
        + "' ("
        + declared
        + ") does not fit column "
        + column.name()
        + " ("
        + column.described()
        + "): "
        + why;
  }

  private static String why(
      Optional<ColumnType> fieldType, JsonNode value, TableColumn column, ColumnType type) {
    boolean bytes = fieldType.map(t -> t.kind() == ColumnType.Kind.BINARY).orElse(false);
    return switch (type.kind()) {
      case VARIANT -> null;
      case OBJECT -> value.isObject() ? null : "the value is not an object";
      case ARRAY -> value.isArray() ? null : "the value is not an array";
      case NUMBER -> number(value, type);
      case FLOAT -> value.isNumber() ? null : "the value is not a number";
      case BOOLEAN -> value.isBoolean() ? null : "the value is not a boolean";
      case VARCHAR -> varchar(value, bytes, column.maxLength());
      case BINARY -> binary(value, bytes, column.maxLength());
      case DATE -> temporal(value, t -> LocalDate.parse(t), "a date (yyyy-mm-dd)");
      case TIME -> temporal(value, t -> LocalTime.parse(t), "a time of day (hh:mm:ss)");
      case TIMESTAMP_NTZ, TIMESTAMP_TZ -> temporal(value, ColumnFit::timestamp, "a timestamp");
    };
  }

  private static String number(JsonNode value, ColumnType type) {
    if (!value.isNumber()) {
      return "the value is not a number";
    }
    BigDecimal n = value.decimalValue().stripTrailingZeros();
    int fraction = Math.max(n.scale(), 0);
    int integer = Math.max(n.precision() - n.scale(), 0);
    if (fraction > type.scale()) {
      return "the value "
          + n.toPlainString()
          + " has more than "
          + type.scale()
          + " fraction digits";
    }
    if (integer > type.precision() - type.scale()) {
      return "the value " + n.toPlainString() + " is out of the column's range";
    }
    return null;
  }

  private static String varchar(JsonNode value, boolean bytes, long maxLength) {
    if (bytes) {
      return "bytes do not load into text";
    }
    if (value.isTextual()) {
      String text = value.textValue();
      return text.codePointCount(0, text.length()) <= maxLength
          ? null
          : "the value is longer than " + maxLength + " characters";
    }
    return value.isNumber() || value.isBoolean() ? null : "the value is not a string";
  }

  private static String binary(JsonNode value, boolean bytes, long maxLength) {
    if (!bytes || !value.isTextual()) {
      return "the value is not bytes";
    }
    long length;
    try {
      length = Base64.getDecoder().decode(value.textValue()).length;
    } catch (IllegalArgumentException e) {
      return "the value is not bytes";
    }
    return length <= maxLength ? null : "the value is longer than " + maxLength + " bytes";
  }

  private interface Parser {
    void parse(String text);
  }

  private static String temporal(JsonNode value, Parser parser, String what) {
    if (!value.isTextual()) {
      return "the value is not " + what;
    }
    try {
      parser.parse(value.textValue().trim());
      return null;
    } catch (DateTimeParseException e) {
      return "the value is not " + what;
    }
  }

  private static void timestamp(String text) {
    String iso = text.replace(' ', 'T');
    try {
      LocalDateTime.parse(iso);
    } catch (DateTimeParseException e) {
      OffsetDateTime.parse(iso);
    }
  }
}
