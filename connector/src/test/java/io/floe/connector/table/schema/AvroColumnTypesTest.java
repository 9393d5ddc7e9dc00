package io.floe.connector.table.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Avro type and logical type Floe's Avro converters read, and the column it gets. */
class AvroColumnTypesTest {

  static Stream<Arguments> cases() {
    // addToSchema changes the schema it is given: each case has its own.
    Schema fixed16 = Schema.createFixed("id", null, null, 16);
    Schema uuid16 = Schema.createFixed("uuid", null, null, 16);
    Schema fixed12 = Schema.createFixed("d", null, null, 12);
    return Stream.of(
        Arguments.of(Schema.create(Schema.Type.BOOLEAN), "BOOLEAN"),
        Arguments.of(Schema.create(Schema.Type.INT), "NUMBER(38,0)"),
        Arguments.of(Schema.create(Schema.Type.LONG), "NUMBER(38,0)"),
        Arguments.of(Schema.create(Schema.Type.FLOAT), "FLOAT"),
        Arguments.of(Schema.create(Schema.Type.DOUBLE), "FLOAT"),
        Arguments.of(Schema.create(Schema.Type.STRING), "VARCHAR"),
        Arguments.of(Schema.createEnum("colour", null, null, java.util.List.of("RED")), "VARCHAR"),
        Arguments.of(Schema.create(Schema.Type.BYTES), "BINARY"),
        Arguments.of(fixed16, "BINARY"),
        Arguments.of(logical(LogicalTypes.decimal(10, 2), Schema.Type.BYTES), "NUMBER(10,2)"),
        Arguments.of(
            LogicalTypes.decimal(12, 4).addToSchema(Schema.createFixed("dec", null, null, 8)),
            "NUMBER(12,4)"),
        Arguments.of(logical(LogicalTypes.decimal(40, 2), Schema.Type.BYTES), "VARCHAR"),
        Arguments.of(logical(LogicalTypes.bigDecimal(), Schema.Type.BYTES), "VARIANT"),
        Arguments.of(logical(LogicalTypes.date(), Schema.Type.INT), "DATE"),
        Arguments.of(logical(LogicalTypes.timeMillis(), Schema.Type.INT), "TIME(3)"),
        Arguments.of(logical(LogicalTypes.timeMicros(), Schema.Type.LONG), "TIME(6)"),
        Arguments.of(logical(LogicalTypes.timestampMillis(), Schema.Type.LONG), "TIMESTAMP_TZ(3)"),
        Arguments.of(logical(LogicalTypes.timestampMicros(), Schema.Type.LONG), "TIMESTAMP_TZ(6)"),
        Arguments.of(logical(LogicalTypes.timestampNanos(), Schema.Type.LONG), "TIMESTAMP_TZ(9)"),
        Arguments.of(
            logical(LogicalTypes.localTimestampMillis(), Schema.Type.LONG), "TIMESTAMP_NTZ(3)"),
        Arguments.of(
            logical(LogicalTypes.localTimestampMicros(), Schema.Type.LONG), "TIMESTAMP_NTZ(6)"),
        Arguments.of(
            logical(LogicalTypes.localTimestampNanos(), Schema.Type.LONG), "TIMESTAMP_NTZ(9)"),
        Arguments.of(logical(LogicalTypes.uuid(), Schema.Type.STRING), "VARCHAR"),
        Arguments.of(LogicalTypes.uuid().addToSchema(uuid16), "VARCHAR"),
        Arguments.of(LogicalTypes.duration().addToSchema(fixed12), "OBJECT"),
        Arguments.of(SchemaBuilder.array().items().intType(), "ARRAY"),
        Arguments.of(SchemaBuilder.map().values().stringType(), "OBJECT"),
        Arguments.of(SchemaBuilder.record("r").fields().requiredInt("x").endRecord(), "OBJECT"),
        Arguments.of(SchemaBuilder.unionOf().nullType().and().stringType().endUnion(), "VARCHAR"),
        Arguments.of(
            SchemaBuilder.unionOf()
                .nullType()
                .and()
                .type(logical(LogicalTypes.timestampMicros(), Schema.Type.LONG))
                .endUnion(),
            "TIMESTAMP_TZ(6)"),
        Arguments.of(SchemaBuilder.unionOf().intType().and().stringType().endUnion(), "VARIANT"),
        Arguments.of(Schema.create(Schema.Type.NULL), "VARIANT"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void mapsTheSchemaToTheColumnTypeItsJsonLoadsInto(Schema schema, String ddl) {
    assertEquals(ddl, AvroColumnTypes.of(schema).sql());
  }

  private static Schema logical(org.apache.avro.LogicalType type, Schema.Type base) {
    return type.addToSchema(Schema.create(base));
  }
}
