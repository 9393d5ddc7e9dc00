package io.floe.connector.streaming;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.table.schema.TableColumn;
import io.floe.connector.table.schema.TableColumns;
import io.floe.connector.table.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a schematized line, {@code {"RECORD_METADATA":{…},"COLUMN":value,…}} (what file mode
 * stages, written after the converter fitted the table to the record), into the channel row of the
 * same columns and values. Each value becomes what the SDK takes for its column's type: JSON text
 * for VARIANT, OBJECT and ARRAY (and RECORD_METADATA), numbers as long or BigDecimal, bytes from
 * the line's hex, dates and times as java.time values. Keys are quoted, so the SDK matches them to
 * the column of exactly that stored name, as file mode's case-sensitive column match does.
 */
final class SchematizedRows {
  private static final int MAX_DEPTH = 1_000;

  private final Function<ObjectRef, TableSchema> tables;
  private final ObjectMapper mapper;

  SchematizedRows(Function<ObjectRef, TableSchema> tables) {
    this.tables = tables;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();
  }

  /** The row of {@code line}, a line the converter wrote for a record of {@code table}. */
  Map<String, Object> of(ObjectRef table, byte[] line) {
    JsonNode tree;
    try {
      tree = mapper.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("not a converted line", e);
    }
    TableColumns columns = tables.apply(table).columns();
    Map<String, Object> row = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      TableColumn column = columns.get(new ColumnName(field.getKey()));
      Optional<ColumnType> type = column == null ? Optional.empty() : column.type();
      row.put(key(field.getKey()), type.map(t -> value(t, value)).orElseGet(value::toString));
    }
    return row;
  }

  /** The stored names of the row's columns (its keys unquoted). */
  static String column(String key) {
    return key.substring(1, key.length() - 1).replace("\"\"", "\"");
  }

  private static String key(String column) {
    return '"' + column.replace("\"", "\"\"") + '"';
  }

  /** What the SDK's validation takes for a column of this type (DataValidationUtil). */
  static Object value(ColumnType type, JsonNode v) {
    return switch (type.kind()) {
      case NUMBER -> v.isNumber() ? number(v) : v.asText();
      case FLOAT -> v.isNumber() ? (Object) v.doubleValue() : v.asText();
      case BOOLEAN -> v.isBoolean() ? (Object) v.booleanValue() : v.asText();
      case VARCHAR -> v.isValueNode() ? v.asText() : v.toString();
      case BINARY -> v.isTextual() ? hex(v.textValue()) : v.toString();
      case DATE -> temporal(v, LocalDate::parse);
      case TIME -> temporal(v, SchematizedRows::time);
      case TIMESTAMP_NTZ -> temporal(v, SchematizedRows::timestampNtz);
      case TIMESTAMP_TZ -> temporal(v, SchematizedRows::timestampTz);
      case VARIANT, OBJECT, ARRAY -> v.toString();
    };
  }

  private static Object number(JsonNode v) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    return v.decimalValue();
  }

  /** File mode writes BINARY columns as hex, Snowflake's default BINARY_FORMAT for JSON. */
  private static Object hex(String text) {
    try {
      return HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      return text; // the SDK refuses it, naming the column
    }
  }

  /**
   * An ISO-8601 string as the java.time value the SDK converts exactly; anything else as text, for
   * the SDK to parse or refuse (a refused row is a broken record).
   */
  private static Object temporal(JsonNode v, Function<String, Object> parse) {
    if (!v.isTextual()) {
      return v.asText();
    }
    try {
      return parse.apply(v.textValue());
    } catch (DateTimeParseException e) {
      return v.textValue();
    }
  }

  private static Object time(String text) {
    return hasOffset(text, text.indexOf(':')) ? OffsetTime.parse(text) : LocalTime.parse(text);
  }

  /** A timestamp with an offset loses it in a TIMESTAMP_NTZ column, as a COPY does. */
  private static Object timestampNtz(String text) {
    return hasOffset(text, text.indexOf('T'))
        ? OffsetDateTime.parse(text).toLocalDateTime()
        : LocalDateTime.parse(text);
  }

  private static Object timestampTz(String text) {
    return hasOffset(text, text.indexOf('T'))
        ? OffsetDateTime.parse(text)
        : LocalDateTime.parse(text);
  }

  /** True when the time part (from {@code from}) ends in Z or carries a +hh:mm / -hh:mm offset. */
  private static boolean hasOffset(String text, int from) {
    if (from < 0) {
      return false;
    }
    return text.endsWith("Z") || text.indexOf('+', from) >= 0 || text.indexOf('-', from) >= 0;
  }
}
