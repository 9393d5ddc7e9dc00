package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Avro type and logical type, written by a producer and read back through Floe's converter,
 * with its JSON. Values are given in Avro's encoded form (days, micros, unscaled bytes).
 */
class AvroTypeMappingTest {
  private static final String RECORD =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
          + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null},"
          + "{\"name\":\"inner\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"I\",\"fields\":["
          + "{\"name\":\"on\",\"type\":\"boolean\"}]}]}]}";

  static Stream<Arguments> cases() {
    Schema record = AvroData.schema(RECORD);
    Schema inner = record.getField("inner").schema().getTypes().get(1);
    GenericData.Record full = new GenericData.Record(record);
    full.put("id", 1L);
    full.put("note", new Utf8("n"));
    GenericData.Record in = new GenericData.Record(inner);
    in.put("on", true);
    full.put("inner", in);
    GenericData.Record sparse = new GenericData.Record(record);
    sparse.put("id", 2L);
    Schema fixed4 = AvroData.schema("{\"type\":\"fixed\",\"name\":\"F\",\"size\":4}");
    Schema decimalFixed =
        AvroData.schema(
            "{\"type\":\"fixed\",\"name\":\"D\",\"size\":16,\"logicalType\":\"decimal\","
                + "\"precision\":38,\"scale\":4}");
    Schema wideDecimal =
        AvroData.schema(
            "{\"type\":\"fixed\",\"name\":\"W\",\"size\":20,\"logicalType\":\"decimal\","
                + "\"precision\":45,\"scale\":2}");
    Schema uuidFixed =
        AvroData.schema("{\"type\":\"fixed\",\"name\":\"U\",\"size\":16,\"logicalType\":\"uuid\"}");
    Schema duration =
        AvroData.schema(
            "{\"type\":\"fixed\",\"name\":\"Dur\",\"size\":12,\"logicalType\":\"duration\"}");
    Schema colors =
        AvroData.schema("{\"type\":\"enum\",\"name\":\"Color\",\"symbols\":[\"RED\",\"GREEN\"]}");
    Schema multi =
        AvroData.schema(
            "[\"null\",\"int\",\"string\",\"R2\"]"
                .replace(
                    "\"R2\"",
                    "{\"type\":\"record\",\"name\":\"R2\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}"));
    GenericData.Record r2 = new GenericData.Record(multi.getTypes().get(3));
    r2.put("a", 5);
    Map<Utf8, Object> map = new LinkedHashMap<>();
    map.put(new Utf8("a"), 1L);
    map.put(new Utf8("b"), null);
    Schema bigDecimal = AvroData.schema("{\"type\":\"bytes\",\"logicalType\":\"big-decimal\"}");

    return Stream.of(
        Arguments.of("null", "\"null\"", null, "null"),
        Arguments.of("boolean", "\"boolean\"", false, "false"),
        Arguments.of("int", "\"int\"", -7, "-7"),
        Arguments.of("long", "\"long\"", Long.MIN_VALUE, "-9223372036854775808"),
        Arguments.of("float", "\"float\"", 0.1f, "0.1"),
        Arguments.of("double", "\"double\"", 1.0e-7, "1.0E-7"),
        Arguments.of("double NaN", "\"double\"", Double.NaN, "\"NaN\""),
        Arguments.of("string", "\"string\"", new Utf8("é\"x"), "\"é\\\"x\""),
        Arguments.of(
            "bytes are base64, not ISO-8859-1 text",
            "\"bytes\"",
            ByteBuffer.wrap(new byte[] {(byte) 0xc3, 0x28, (byte) 0xff}),
            "\"wyj/\""),
        Arguments.of(
            "fixed is base64",
            fixed4.toString(),
            new GenericData.Fixed(fixed4, new byte[] {1, 2, 3, 4}),
            "\"AQIDBA==\""),
        Arguments.of(
            "enum is its symbol",
            colors.toString(),
            new GenericData.EnumSymbol(colors, "GREEN"),
            "\"GREEN\""),
        Arguments.of("array", "{\"type\":\"array\",\"items\":\"int\"}", List.of(1, 2), "[1,2]"),
        Arguments.of(
            "map with null value",
            "{\"type\":\"map\",\"values\":[\"null\",\"long\"]}",
            map,
            "{\"a\":1,\"b\":null}"),
        Arguments.of(
            "record with set union and nested record",
            RECORD,
            full,
            "{\"id\":1,\"note\":\"n\",\"inner\":{\"on\":true}}"),
        Arguments.of(
            "record with null unions", RECORD, sparse, "{\"id\":2,\"note\":null,\"inner\":null}"),
        Arguments.of(
            "multi-type union holding a string is the string",
            multi.toString(),
            new Utf8("s"),
            "\"s\""),
        Arguments.of("multi-type union holding an int", multi.toString(), 3, "3"),
        Arguments.of("multi-type union holding a record", multi.toString(), r2, "{\"a\":5}"),
        // Logical types.
        Arguments.of(
            "date", "{\"type\":\"int\",\"logicalType\":\"date\"}", 19737, "\"2024-01-15\""),
        Arguments.of(
            "date before 1970",
            "{\"type\":\"int\",\"logicalType\":\"date\"}",
            -1,
            "\"1969-12-31\""),
        Arguments.of(
            "time-millis",
            "{\"type\":\"int\",\"logicalType\":\"time-millis\"}",
            36930123,
            "\"10:15:30.123\""),
        Arguments.of(
            "time-micros",
            "{\"type\":\"long\",\"logicalType\":\"time-micros\"}",
            36930123456L,
            "\"10:15:30.123456\""),
        Arguments.of(
            "timestamp-millis",
            "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}",
            1705313730123L,
            "\"2024-01-15T10:15:30.123Z\""),
        Arguments.of(
            "timestamp-micros",
            "{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}",
            1705313730123456L,
            "\"2024-01-15T10:15:30.123456Z\""),
        Arguments.of(
            "timestamp-micros before 1970",
            "{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}",
            -1L,
            "\"1969-12-31T23:59:59.999999Z\""),
        Arguments.of(
            "timestamp-nanos",
            "{\"type\":\"long\",\"logicalType\":\"timestamp-nanos\"}",
            1705313730123456789L,
            "\"2024-01-15T10:15:30.123456789Z\""),
        Arguments.of(
            "local-timestamp-millis",
            "{\"type\":\"long\",\"logicalType\":\"local-timestamp-millis\"}",
            1705313730123L,
            "\"2024-01-15T10:15:30.123\""),
        Arguments.of(
            "local-timestamp-micros",
            "{\"type\":\"long\",\"logicalType\":\"local-timestamp-micros\"}",
            1705313730123456L,
            "\"2024-01-15T10:15:30.123456\""),
        Arguments.of(
            "local-timestamp-nanos",
            "{\"type\":\"long\",\"logicalType\":\"local-timestamp-nanos\"}",
            1705313730000000001L,
            "\"2024-01-15T10:15:30.000000001\""),
        Arguments.of(
            "decimal on bytes",
            "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":9,\"scale\":2}",
            ByteBuffer.wrap(BigInteger.valueOf(1234567).toByteArray()),
            "12345.67"),
        Arguments.of(
            "decimal on fixed, negative",
            decimalFixed.toString(),
            new Conversions.DecimalConversion()
                .toFixed(
                    new BigDecimal("-12345678901234567890.1234"),
                    decimalFixed,
                    LogicalTypes.decimal(38, 4)),
            "-12345678901234567890.1234"),
        Arguments.of(
            "decimal wider than Snowflake's NUMBER is exact text",
            wideDecimal.toString(),
            new Conversions.DecimalConversion()
                .toFixed(
                    new BigDecimal("1234567890123456789012345678901234567890.12"),
                    wideDecimal,
                    LogicalTypes.decimal(45, 2)),
            "\"1234567890123456789012345678901234567890.12\""),
        Arguments.of(
            "big-decimal",
            bigDecimal.toString(),
            new Conversions.BigDecimalConversion()
                .toBytes(new BigDecimal("3.14159"), bigDecimal, LogicalTypes.bigDecimal()),
            "3.14159"),
        Arguments.of(
            "uuid on string",
            "{\"type\":\"string\",\"logicalType\":\"uuid\"}",
            new Utf8("0b6e0d3c-1f5a-4c8e-9a53-1c2b3d4e5f60"),
            "\"0b6e0d3c-1f5a-4c8e-9a53-1c2b3d4e5f60\""),
        Arguments.of(
            "uuid on fixed",
            uuidFixed.toString(),
            new GenericData.Fixed(uuidFixed, uuidBytes("0b6e0d3c-1f5a-4c8e-9a53-1c2b3d4e5f60")),
            "\"0b6e0d3c-1f5a-4c8e-9a53-1c2b3d4e5f60\""),
        Arguments.of(
            "duration",
            duration.toString(),
            new GenericData.Fixed(duration, durationBytes(14, 3, 4000)),
            "{\"months\":14,\"days\":3,\"milliseconds\":4000}"),
        Arguments.of(
            "array of nullable timestamps",
            "{\"type\":\"array\",\"items\":[\"null\",{\"type\":\"long\","
                + "\"logicalType\":\"timestamp-millis\"}]}",
            Arrays.asList(0L, null),
            "[\"1970-01-01T00:00:00.000Z\",null]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesEachTypeAsDocumented(String name, String schemaJson, Object datum, String expected) {
    Schema schema = AvroData.schema(schemaJson);
    byte[] file = AvroData.containerFile(schema, datum);

    Object value =
        new SnowflakeAvroConverterWithoutSchemaRegistry().toConnectData("orders", file).value();

    assertEquals(expected, Lines.contentOf(SnowflakeContent.SCHEMA, value));
  }

  private static byte[] uuidBytes(String text) {
    java.util.UUID uuid = java.util.UUID.fromString(text);
    return ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .array();
  }

  private static byte[] durationBytes(int months, int days, int millis) {
    return ByteBuffer.allocate(12)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(months)
        .putInt(days)
        .putInt(millis)
        .array();
  }
}
