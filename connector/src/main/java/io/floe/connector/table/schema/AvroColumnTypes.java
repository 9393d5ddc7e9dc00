package io.floe.connector.table.schema;

import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The column type for a field of an Avro record read by Floe's Avro converters, fitting the JSON
 * Floe writes for it (docs/conversion.md).
 *
 * <ul>
 *   <li>int and long are NUMBER(38,0), float and double FLOAT, string and enum VARCHAR, bytes and
 *       fixed BINARY; decimal NUMBER(precision, scale) (VARCHAR when wider than NUMBER) and
 *       big-decimal VARIANT (each value has its own scale; a VARIANT keeps it exactly).
 *   <li>date DATE; time-millis and time-micros TIME(3) and TIME(6); timestamp-millis, -micros and
 *       -nanos TIMESTAMP_TZ(3/6/9) (instants); local-timestamp-* TIMESTAMP_NTZ(3/6/9).
 *   <li>uuid VARCHAR; duration OBJECT (months, days, milliseconds).
 *   <li>record and map OBJECT, array ARRAY; a union of null and one type is that type; any other
 *       union VARIANT, as is a field that can only be null.
 * </ul>
 */
public final class AvroColumnTypes {
  private AvroColumnTypes() {}

  public static ColumnType of(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      ColumnType t = logical(logical);
      if (t != null) {
        return t;
      }
    }
    return switch (schema.getType()) {
      case UNION -> union(schema.getTypes());
      case NULL -> ColumnType.VARIANT;
      case BOOLEAN -> ColumnType.BOOLEAN;
      case INT, LONG -> ColumnType.INTEGER;
      case FLOAT, DOUBLE -> ColumnType.FLOAT;
      case STRING, ENUM -> ColumnType.VARCHAR;
      case BYTES, FIXED -> ColumnType.BINARY;
      case ARRAY -> ColumnType.ARRAY;
      case MAP, RECORD -> ColumnType.OBJECT;
    };
  }

  /** The type a logical type gives, or null when Floe writes the underlying type. */
  private static ColumnType logical(LogicalType logical) {
    if (logical instanceof LogicalTypes.Decimal d) {
      return DecimalColumns.of(d.getPrecision(), d.getScale());
    }
    return switch (logical.getName()) {
      case "date" -> ColumnType.DATE;
      case "time-millis" -> ColumnType.time(3);
      case "time-micros" -> ColumnType.time(6);
      case "timestamp-millis" -> ColumnType.timestampTz(3);
      case "timestamp-micros" -> ColumnType.timestampTz(6);
      case "timestamp-nanos" -> ColumnType.timestampTz(9);
      case "local-timestamp-millis" -> ColumnType.timestampNtz(3);
      case "local-timestamp-micros" -> ColumnType.timestampNtz(6);
      case "local-timestamp-nanos" -> ColumnType.timestampNtz(9);
      case "big-decimal" -> ColumnType.VARIANT;
      case "uuid" -> ColumnType.VARCHAR;
      case "duration" -> ColumnType.OBJECT;
      default -> null;
    };
  }

  private static ColumnType union(List<Schema> branches) {
    List<Schema> values = branches.stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
    return values.size() == 1 ? of(values.get(0)) : ColumnType.VARIANT;
  }
}
