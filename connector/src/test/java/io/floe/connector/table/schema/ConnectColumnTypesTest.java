package io.floe.connector.table.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Connect type and logical type, and the column it gets (the table in docs/conversion.md).
 */
class ConnectColumnTypesTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Schema.INT8_SCHEMA, "NUMBER(38,0)", "NUMBER(38,0)"),
        Arguments.of(Schema.INT16_SCHEMA, "NUMBER(38,0)", "NUMBER(38,0)"),
        Arguments.of(Schema.OPTIONAL_INT32_SCHEMA, "NUMBER(38,0)", "NUMBER(38,0)"),
        Arguments.of(Schema.INT64_SCHEMA, "NUMBER(38,0)", "NUMBER(38,0)"),
        Arguments.of(Schema.FLOAT32_SCHEMA, "FLOAT", "FLOAT"),
        Arguments.of(Schema.FLOAT64_SCHEMA, "FLOAT", "FLOAT"),
        Arguments.of(Schema.BOOLEAN_SCHEMA, "BOOLEAN", "BOOLEAN"),
        Arguments.of(Schema.STRING_SCHEMA, "VARCHAR", "VARCHAR(16777216)"),
        Arguments.of(Schema.BYTES_SCHEMA, "BINARY", "BINARY(8388608)"),
        Arguments.of(Decimal.schema(2), "NUMBER(38,2)", "NUMBER(38,2)"),
        Arguments.of(precise(10, 2), "NUMBER(10,2)", "NUMBER(10,2)"),
        Arguments.of(precise(3, 5), "NUMBER(5,5)", "NUMBER(5,5)"),
        Arguments.of(precise(5, -3), "NUMBER(8,0)", "NUMBER(8,0)"),
        Arguments.of(precise(39, 0), "VARCHAR", "VARCHAR(16777216)"),
        Arguments.of(Decimal.schema(38), "VARCHAR", "VARCHAR(16777216)"),
        Arguments.of(Date.SCHEMA, "DATE", "DATE"),
        Arguments.of(Time.SCHEMA, "TIME(3)", "TIME(3)"),
        Arguments.of(Timestamp.SCHEMA, "TIMESTAMP_TZ(3)", "TIMESTAMP_TZ(3)"),
        Arguments.of(SchemaBuilder.array(Schema.INT32_SCHEMA).build(), "ARRAY", "ARRAY"),
        Arguments.of(
            SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build(),
            "OBJECT",
            "OBJECT"),
        Arguments.of(
            SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build(), "ARRAY", "ARRAY"),
        Arguments.of(
            SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build(), "OBJECT", "OBJECT"),
        Arguments.of(union("io.confluent.connect.avro.Union"), "VARIANT", "VARIANT"),
        Arguments.of(union("io.confluent.connect.protobuf.Union"), "VARIANT", "VARIANT"),
        // Other named schemas (Debezium's, say) map by their type.
        Arguments.of(
            SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").build(),
            "VARCHAR",
            "VARCHAR(16777216)"),
        Arguments.of(
            SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build(),
            "NUMBER(38,0)",
            "NUMBER(38,0)"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void mapsTheSchemaToTheColumnTypeItsJsonLoadsInto(Schema schema, String ddl, String described) {
    ColumnType type = ConnectColumnTypes.of(schema);
    assertEquals(ddl, type.sql());
    assertEquals(described, type.described());
  }

  /** A Decimal as Confluent's Avro converter builds it, with its declared precision. */
  private static Schema precise(int precision, int scale) {
    return Decimal.builder(scale)
        .parameter(ConnectColumnTypes.PRECISION, Integer.toString(precision))
        .build();
  }

  private static Schema union(String name) {
    return SchemaBuilder.struct()
        .name(name)
        .field("int", Schema.OPTIONAL_INT32_SCHEMA)
        .field("string", Schema.OPTIONAL_STRING_SCHEMA)
        .build();
  }
}
