package io.floe.connector.table.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;

/**
 * The column type inferred from one value, for records without a schema (SnowflakeJsonConverter,
 * JsonConverter with {@code schemas.enable=false}), as Snowflake's Kafka connector infers it, so
 * the same data gives the same table:
 *
 * <ul>
 *   <li>an integer is NUMBER(38,0) (FLOAT when it has more digits than NUMBER holds, which is how a
 *       VARIANT would keep it); any other number FLOAT;
 *   <li>a string VARCHAR, a boolean BOOLEAN, bytes BINARY;
 *   <li>an array ARRAY; an object VARIANT, since without a schema nothing says the field is always
 *       an object;
 *   <li>null: no type (empty). The incumbent fixes such a column as VARCHAR; Floe leaves the column
 *       to the first record that has a value for it.
 * </ul>
 */
public final class ValueColumnTypes {
  private ValueColumnTypes() {}

  /** The type for a JSON value as parsed from the record. */
  public static Optional<ColumnType> of(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (value.isIntegralNumber()) {
      return Optional.of(integer(value.bigIntegerValue()));
    }
    if (value.isNumber()) {
      return Optional.of(ColumnType.FLOAT);
    }
    if (value.isTextual()) {
      return Optional.of(ColumnType.VARCHAR);
    }
    if (value.isBoolean()) {
      return Optional.of(ColumnType.BOOLEAN);
    }
    if (value.isBinary()) {
      return Optional.of(ColumnType.BINARY);
    }
    if (value.isArray()) {
      return Optional.of(ColumnType.ARRAY);
    }
    return Optional.of(ColumnType.VARIANT);
  }

  /**
   * The type for a schemaless Connect value: the Java classes JsonConverter produces without
   * schemas (Long, Double, String, Boolean, List, Map) and the others Connect infers a schema for;
   * a java.util.Date (a Timestamp) is TIMESTAMP_TZ(3), as with a schema.
   */
  public static Optional<ColumnType> ofConnect(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return Optional.of(ColumnType.INTEGER);
    }
    if (value instanceof BigInteger i) {
      return Optional.of(integer(i));
    }
    if (value instanceof BigDecimal d) {
      return Optional.of(d.scale() <= 0 ? integer(d.toBigInteger()) : ColumnType.FLOAT);
    }
    if (value instanceof Double || value instanceof Float) {
      return Optional.of(ColumnType.FLOAT);
    }
    if (value instanceof String) {
      return Optional.of(ColumnType.VARCHAR);
    }
    if (value instanceof Boolean) {
      return Optional.of(ColumnType.BOOLEAN);
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return Optional.of(ColumnType.BINARY);
    }
    if (value instanceof Date) {
      return Optional.of(ColumnType.timestampTz(3));
    }
    if (value instanceof Collection<?>) {
      return Optional.of(ColumnType.ARRAY);
    }
    // A Map, or a class only a transform would put there: VARIANT takes whatever JSON it becomes.
    return Optional.of(ColumnType.VARIANT);
  }

  private static ColumnType integer(BigInteger value) {
    return value.abs().toString().length() <= ColumnType.MAX_PRECISION
        ? ColumnType.INTEGER
        : ColumnType.FLOAT;
  }
}
