package io.floe.connector.table.schema;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The column type for a field with a Connect schema (JsonConverter with schemas, the Avro and
 * Protobuf converters, transforms). The type fits the JSON Floe writes for the field (see
 * docs/conversion.md): every value of the schema loads into the column.
 *
 * <ul>
 *   <li>Integers of any width are NUMBER(38,0), which is what Snowflake makes of INT, BIGINT and
 *       the others; Decimal is NUMBER with its precision (Confluent's {@code
 *       connect.decimal.precision}, else 38) and scale, or VARCHAR when it is wider than NUMBER,
 *       because Floe then writes the digits as a string.
 *   <li>Date is DATE, Time TIME(3) and Timestamp TIMESTAMP_TZ(3): Connect's Timestamp is an
 *       instant, which Floe writes in UTC with a {@code Z}.
 *   <li>A struct and a map with string keys are OBJECT; a map with other keys is ARRAY (Floe writes
 *       it as [key, value] pairs); an array is ARRAY; a Confluent union is VARIANT (its value is
 *       whichever branch is set).
 * </ul>
 */
public final class ConnectColumnTypes {
  static final String PRECISION = "connect.decimal.precision";
  private static final Set<String> UNIONS =
      Set.of("io.confluent.connect.avro.Union", "io.confluent.connect.protobuf.Union");

  private ConnectColumnTypes() {}

  public static ColumnType of(Schema schema) {
    String name = schema.name();
    if (name != null) {
      switch (name) {
        case Decimal.LOGICAL_NAME -> {
          return decimal(schema.parameters());
        }
        case Date.LOGICAL_NAME -> {
          return ColumnType.DATE;
        }
        case Time.LOGICAL_NAME -> {
          return ColumnType.time(3);
        }
        case Timestamp.LOGICAL_NAME -> {
          return ColumnType.timestampTz(3);
        }
        default -> {
          if (UNIONS.contains(name)) {
            return ColumnType.VARIANT;
          }
        }
      }
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32, INT64 -> ColumnType.INTEGER;
      case FLOAT32, FLOAT64 -> ColumnType.FLOAT;
      case BOOLEAN -> ColumnType.BOOLEAN;
      case STRING -> ColumnType.VARCHAR;
      case BYTES -> ColumnType.BINARY;
      case ARRAY -> ColumnType.ARRAY;
      case MAP ->
          schema.keySchema().type() == Schema.Type.STRING ? ColumnType.OBJECT : ColumnType.ARRAY;
      case STRUCT -> ColumnType.OBJECT;
    };
  }

  private static ColumnType decimal(Map<String, String> parameters) {
    int scale = Integer.parseInt(parameters.get(Decimal.SCALE_FIELD));
    String declared = parameters.get(PRECISION);
    int precision = declared == null ? ColumnType.MAX_PRECISION : Integer.parseInt(declared);
    return DecimalColumns.of(precision, scale);
  }
}
