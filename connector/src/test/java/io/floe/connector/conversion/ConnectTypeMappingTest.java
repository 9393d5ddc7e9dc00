package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Connect schema type and logical type, with and without a schema, and its JSON. */
class ConnectTypeMappingTest {
  private static final long TS_MILLIS = 1705313730123L; // 2024-01-15T10:15:30.123Z
  private static final int DAYS = 19737; // 2024-01-15

  static Stream<Arguments> cases() {
    Schema point =
        SchemaBuilder.struct()
            .name("Point")
            .field("x", Schema.INT32_SCHEMA)
            .field("label", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tag", SchemaBuilder.string().optional().defaultValue("none").build())
            .field(
                "inner",
                SchemaBuilder.struct()
                    .optional()
                    .field("z", Schema.OPTIONAL_FLOAT64_SCHEMA)
                    .build())
            .build();
    Struct p = new Struct(point).put("x", 7);
    Schema withInner = point.field("inner").schema();
    Struct p2 =
        new Struct(point)
            .put("x", -1)
            .put("label", "a")
            .put("tag", "t")
            .put("inner", new Struct(withInner).put("z", 1.5));
    Schema union =
        SchemaBuilder.struct()
            .name("io.confluent.connect.avro.Union")
            .optional()
            .field("int", Schema.OPTIONAL_INT32_SCHEMA)
            .field("string", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Schema decimal2 = Decimal.schema(2);
    Schema mapIntString = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build();
    Schema mapStringInt = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build();
    Map<String, Object> schemaless = new LinkedHashMap<>();
    schemaless.put("n", 1L);
    schemaless.put("d", 2.5);
    schemaless.put("b", false);
    schemaless.put("s", "x");
    schemaless.put("nil", null);
    schemaless.put("list", Arrays.asList(1L, "two", null));
    schemaless.put("obj", Map.of("k", "v"));
    Map<Object, Object> intKeys = new LinkedHashMap<>();
    intKeys.put(1, "one");
    intKeys.put(2, "two");

    return Stream.of(
        // Primitive types.
        Arguments.of("INT8", Schema.INT8_SCHEMA, (byte) -128, "-128"),
        Arguments.of("INT16", Schema.INT16_SCHEMA, (short) 32767, "32767"),
        Arguments.of("INT32", Schema.INT32_SCHEMA, Integer.MIN_VALUE, "-2147483648"),
        Arguments.of("INT64", Schema.INT64_SCHEMA, Long.MAX_VALUE, "9223372036854775807"),
        Arguments.of("FLOAT32 keeps the float's digits", Schema.FLOAT32_SCHEMA, 0.1f, "0.1"),
        Arguments.of("FLOAT64", Schema.FLOAT64_SCHEMA, -2.5e-3, "-0.0025"),
        Arguments.of("FLOAT64 large", Schema.FLOAT64_SCHEMA, 1e300, "1.0E300"),
        Arguments.of("FLOAT64 NaN", Schema.FLOAT64_SCHEMA, Double.NaN, "\"NaN\""),
        Arguments.of(
            "FLOAT64 -Infinity", Schema.FLOAT64_SCHEMA, Double.NEGATIVE_INFINITY, "\"-Infinity\""),
        Arguments.of(
            "FLOAT32 Infinity", Schema.FLOAT32_SCHEMA, Float.POSITIVE_INFINITY, "\"Infinity\""),
        Arguments.of("BOOLEAN", Schema.BOOLEAN_SCHEMA, true, "true"),
        Arguments.of(
            "STRING escapes",
            Schema.STRING_SCHEMA,
            "a\"b\\c\n\u0001é€😀",
            "\"a\\\"b\\\\c\\n\\u0001é€\\uD83D\\uDE00\""),
        Arguments.of(
            "STRING from StringConverter stays a string even if it looks like JSON",
            Schema.OPTIONAL_STRING_SCHEMA,
            "{\"a\":1}",
            "\"{\\\"a\\\":1}\""),
        Arguments.of(
            "BYTES as base64",
            Schema.BYTES_SCHEMA,
            new byte[] {0, 1, 2, (byte) 0xff},
            "\"AAEC/w==\""),
        Arguments.of(
            "BYTES from ByteArrayConverter",
            Schema.OPTIONAL_BYTES_SCHEMA,
            "hi".getBytes(),
            "\"aGk=\""),
        Arguments.of(
            "BYTES as ByteBuffer",
            Schema.BYTES_SCHEMA,
            ByteBuffer.wrap(new byte[] {9, 8, 7, 6}, 1, 2),
            "\"CAc=\""),
        // Logical types.
        Arguments.of("Decimal", decimal2, new BigDecimal("12345.67"), "12345.67"),
        Arguments.of(
            "Decimal negative, small", Decimal.schema(6), new BigDecimal("-0.000001"), "-0.000001"),
        Arguments.of(
            "Decimal negative scale is written plain",
            Decimal.schema(-3),
            new BigDecimal("1E+3"),
            "1000"),
        Arguments.of(
            "Decimal 38 digits stays a number",
            Decimal.schema(0),
            new BigDecimal("12345678901234567890123456789012345678"),
            "12345678901234567890123456789012345678"),
        Arguments.of(
            "Decimal over 38 digits becomes exact text",
            Decimal.schema(1),
            new BigDecimal("1234567890123456789012345678901234567890.5"),
            "\"1234567890123456789012345678901234567890.5\""),
        Arguments.of(
            "Decimal scale over 37 becomes exact text",
            Decimal.schema(38),
            new BigDecimal("0.12345678901234567890123456789012345678"),
            "\"0.12345678901234567890123456789012345678\""),
        Arguments.of("Date", Date.SCHEMA, new java.util.Date(DAYS * 86_400_000L), "\"2024-01-15\""),
        Arguments.of(
            "Date before 1970", Date.SCHEMA, new java.util.Date(-86_400_000L), "\"1969-12-31\""),
        Arguments.of("Time", Time.SCHEMA, new java.util.Date(36930123), "\"10:15:30.123\""),
        Arguments.of("Time midnight", Time.SCHEMA, new java.util.Date(0), "\"00:00:00.000\""),
        Arguments.of(
            "Timestamp",
            Timestamp.SCHEMA,
            new java.util.Date(TS_MILLIS),
            "\"2024-01-15T10:15:30.123Z\""),
        Arguments.of(
            "Timestamp before 1970",
            Timestamp.SCHEMA,
            new java.util.Date(-1),
            "\"1969-12-31T23:59:59.999Z\""),
        Arguments.of(
            "Timestamp whole second keeps .000",
            Timestamp.SCHEMA,
            new java.util.Date(1705313730000L),
            "\"2024-01-15T10:15:30.000Z\""),
        // Containers.
        Arguments.of(
            "ARRAY with null element",
            SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build(),
            Arrays.asList(1, null, 3),
            "[1,null,3]"),
        Arguments.of(
            "ARRAY of Date",
            SchemaBuilder.array(Date.SCHEMA).build(),
            List.of(new java.util.Date(0)),
            "[\"1970-01-01\"]"),
        Arguments.of(
            "MAP with string keys is an object", mapStringInt, Map.of("a", 1L), "{\"a\":1}"),
        Arguments.of(
            "MAP with int keys is an array of pairs",
            mapIntString,
            intKeys,
            "[[1,\"one\"],[2,\"two\"]]"),
        Arguments.of(
            "MAP of Decimal values",
            SchemaBuilder.map(Schema.STRING_SCHEMA, decimal2).build(),
            Map.of("p", new BigDecimal("1.50")),
            "{\"p\":1.50}"),
        Arguments.of(
            "STRUCT: null optional, default applied, null optional struct",
            point,
            p,
            "{\"x\":7,\"label\":null,\"tag\":\"none\",\"inner\":null}"),
        Arguments.of(
            "STRUCT nested",
            point,
            p2,
            "{\"x\":-1,\"label\":\"a\",\"tag\":\"t\",\"inner\":{\"z\":1.5}}"),
        Arguments.of(
            "Avro converter's multi-type union is its value",
            union,
            new Struct(union).put("string", "s"),
            "\"s\""),
        Arguments.of("Avro converter's union with no branch set", union, new Struct(union), "null"),
        // Schemaless values (JsonConverter with schemas.enable=false, SMT output).
        Arguments.of(
            "schemaless map",
            null,
            schemaless,
            "{\"n\":1,\"d\":2.5,\"b\":false,\"s\":\"x\",\"nil\":null,\"list\":[1,\"two\",null],"
                + "\"obj\":{\"k\":\"v\"}}"),
        Arguments.of(
            "schemaless map with non-string keys", null, intKeys, "[[1,\"one\"],[2,\"two\"]]"),
        Arguments.of("schemaless list", null, List.of(true, 1.25), "[true,1.25]"),
        Arguments.of("schemaless string", null, "plain", "\"plain\""),
        Arguments.of("schemaless long", null, 5L, "5"),
        Arguments.of("schemaless bytes", null, new byte[] {1}, "\"AQ==\""),
        Arguments.of(
            "schemaless java.util.Date is a Timestamp",
            null,
            new java.util.Date(TS_MILLIS),
            "\"2024-01-15T10:15:30.123Z\""),
        Arguments.of(
            "schemaless BigDecimal",
            null,
            new BigDecimal("0.1000000000000000000001"),
            "0.1000000000000000000001"),
        Arguments.of(
            "schemaless BigInteger",
            null,
            new BigInteger("123456789012345678901234567890"),
            "123456789012345678901234567890"),
        Arguments.of(
            "schemaless struct",
            null,
            p,
            "{\"x\":7,\"label\":null,\"tag\":\"none\",\"inner\":null}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesEachTypeAsDocumented(String name, Schema schema, Object value, String expected) {
    assertEquals(expected, Lines.contentOf(schema, value));
  }
}
