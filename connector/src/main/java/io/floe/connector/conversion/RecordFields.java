package io.floe.connector.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.connector.ErrorCode;
import io.floe.connector.table.schema.AvroColumnTypes;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.table.schema.ConnectColumnTypes;
import io.floe.connector.table.schema.ValueColumnTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The top-level fields of a record value for a schematized row: each field's column name and type,
 * the type from the record's schema when it has one (a Connect struct or map schema, an Avro
 * record) and inferred from the value otherwise (docs/conversion.md).
 */
final class RecordFields {
  static final String METADATA = "RECORD_METADATA";

  /**
   * One field: its name in the record, its column, its type (empty for a null without a schema) and
   * its value as Floe writes it.
   */
  record Field(String name, ColumnName column, Optional<ColumnType> type, JsonNode value) {}

  /**
   * The fields of {@code tree}, value number {@code index} of {@code value} as JSON.
   *
   * @throws ConversionException when the value is not an object (FLOE-4021) or a field has no
   *     column of its own (FLOE-4022)
   */
  List<Field> of(SinkRecord record, Object value, int index, JsonNode tree) {
    if (!tree.isObject()) {
      throw new ConversionException(
          ErrorCode.FLOE_4021,
          "the value is "
              + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + ", not an object, so it has no fields to load into columns");
    }
    Declared declared = declared(record.valueSchema(), value, index);
    List<Field> fields = new ArrayList<>(tree.size());
    Map<String, String> fieldOfColumn = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      ColumnName column;
      try {
        column = ColumnName.of(name);
      } catch (IllegalArgumentException bad) {
        throw new ConversionException(
            ErrorCode.FLOE_4022, "field '" + name + "': " + bad.getMessage());
      }
      if (column.name().equals(METADATA)) {
        throw new ConversionException(
            ErrorCode.FLOE_4022,
            "field '" + name + "' would load into " + METADATA + ", Floe's own");
      }
      String other = fieldOfColumn.putIfAbsent(column.name(), name);
      if (other != null) {
        throw new ConversionException(
            ErrorCode.FLOE_4022,
            "fields '" + other + "' and '" + name + "' would both load into column " + column);
      }
      fields.add(new Field(name, column, declared.type(name, e.getValue()), e.getValue()));
    }
    return fields;
  }

  /** Field types by name from a schema, or inferred per value. */
  private interface Declared {
    Optional<ColumnType> type(String field, JsonNode value);
  }

  private static Declared declared(Schema schema, Object value, int index) {
    if (value instanceof AvroContent avro
        && avro.datum(index) instanceof GenericContainer c
        && c.getSchema().getType() == org.apache.avro.Schema.Type.RECORD) {
      org.apache.avro.Schema s = c.getSchema();
      return (field, v) ->
          Optional.ofNullable(s.getField(field)).map(f -> AvroColumnTypes.of(f.schema()));
    }
    if (value instanceof SnowflakeContent) {
      return (field, v) -> ValueColumnTypes.of(v);
    }
    if (schema != null && schema.type() == Schema.Type.STRUCT) {
      return (field, v) ->
          Optional.ofNullable(schema.field(field)).map(f -> ConnectColumnTypes.of(f.schema()));
    }
    if (schema != null && schema.type() == Schema.Type.MAP) {
      ColumnType each = ConnectColumnTypes.of(schema.valueSchema());
      return (field, v) -> Optional.of(each);
    }
    if (schema == null && value instanceof Map<?, ?> map) {
      return (field, v) -> ValueColumnTypes.ofConnect(map.get(field));
    }
    return (field, v) -> ValueColumnTypes.of(v);
  }
}
