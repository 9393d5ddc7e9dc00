package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SnowflakeJsonConverterTest {
  private final SnowflakeJsonConverter converter = new SnowflakeJsonConverter();

  static Stream<Arguments> validJson() {
    return Stream.of(
        Arguments.of(
            "object",
            "{\"a\":1,\"b\":[true,false,null],\"c\":{}}",
            "{\"a\":1,\"b\":[true,false,null],\"c\":{}}"),
        Arguments.of(
            "pretty-printed becomes compact", "{\n  \"a\" : [ 1,\n 2 ]\r\n}\n", "{\"a\":[1,2]}"),
        Arguments.of(
            "big integer keeps every digit",
            "{\"n\":123456789012345678901234567890123456789012345}",
            "{\"n\":123456789012345678901234567890123456789012345}"),
        Arguments.of(
            "long decimal keeps every digit and its trailing zeros",
            "[0.10000000000000000000000000000000000001, 1.50, -0.0]",
            "[0.10000000000000000000000000000000000001,1.50,-0.0]"),
        Arguments.of("exponents are kept as written", "[1e5, 2.5E-3]", "[1e5,2.5E-3]"),
        Arguments.of("top-level scalar", " 42 ", "42"),
        Arguments.of("top-level string", "\"x\"", "\"x\""),
        Arguments.of("JSON null is a value, not a tombstone", "null", "null"),
        Arguments.of("escapes are normalised", "\"\\u0041\\/\\t\"", "\"A/\\t\""),
        Arguments.of("UTF-8 text", "{\"name\":\"Zoë €\"}", "{\"name\":\"Zoë €\"}"),
        Arguments.of(
            "same key in different objects is fine",
            "{\"a\":{\"a\":1},\"b\":[{\"a\":1},{\"a\":2}],\"c\":{\"a\":{}}}",
            "{\"a\":{\"a\":1},\"b\":[{\"a\":1},{\"a\":2}],\"c\":{\"a\":{}}}"),
        Arguments.of(
            "object with many distinct keys", manyKeys(200, "k199"), manyKeys(200, "k199")));
  }

  /** An object with {@code count} keys k0..k(count-1), and a last key {@code last}. */
  private static String manyKeys(int count, String last) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < count - 1; i++) {
      b.append("\"k").append(i).append("\":").append(i).append(',');
    }
    return b.append('"').append(last).append("\":0}").toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validJson")
  void copiesValidJsonExactlyAndCompactly(String name, String input, String expected) {
    assertEquals(expected, content(input.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsUtf16JsonByItsEncoding() {
    assertEquals("{\"a\":\"é\"}", content("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_16BE)));
  }

  static Stream<Arguments> invalidJson() {
    return Stream.of(
        Arguments.of("truncated", "{\"a\":", "end-of-input"),
        Arguments.of("not JSON", "hello", "Unrecognized token 'hello'"),
        Arguments.of("empty", "", "no JSON value"),
        Arguments.of("blank", "  \n", "no JSON value"),
        Arguments.of("two documents", "{} {}", "more text follows the JSON value"),
        Arguments.of(
            "duplicate key, which Snowflake refuses",
            "{\"a\":1,\"a\":2}",
            "duplicate key 'a' in one object"),
        Arguments.of(
            "duplicate key after a nested object",
            "{\"a\":{\"x\":1},\"a\":2}",
            "duplicate key 'a' in one object"),
        Arguments.of(
            "duplicate key among many", manyKeys(200, "k3"), "duplicate key 'k3' in one object"),
        Arguments.of(
            "duplicate key at the linear-scan limit",
            manyKeys(65, "k0"),
            "duplicate key 'k0' in one object"),
        Arguments.of("NaN", "[NaN]", "Non-standard token 'NaN'"),
        Arguments.of("comment", "{/* c */}", "comment"),
        Arguments.of("single quotes", "{'a':1}", "was expecting double-quote"),
        Arguments.of("leading zero", "[01]", "Leading zeroes"),
        Arguments.of("raw control character", "\"a\u0001b\"", "Illegal unquoted character"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidJson")
  void invalidJsonMakesABrokenRecordWithTheRawBytes(String name, String input, String reason) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    SinkRecord record =
        Lines.record(SnowflakeContent.SCHEMA, converter.toConnectData("t", bytes).value());

    ConvertedRecord.Broken broken =
        Lines.broken(new RecordConverter(ConversionSettings.defaults()), record);

    assertEquals(ErrorCode.FLOE_4003, broken.code());
    assertEquals(ConvertedRecord.Part.VALUE, broken.part());
    assertSame(bytes, broken.rawValue());
    assertTrue(broken.reason().contains(reason), broken.reason());
  }

  @Test
  void invalidUtf8IsBroken() {
    byte[] bytes = {'"', (byte) 0xc3, (byte) 0x28, '"'};
    SinkRecord record =
        Lines.record(SnowflakeContent.SCHEMA, converter.toConnectData("t", bytes).value());

    ConvertedRecord.Broken broken =
        Lines.broken(new RecordConverter(ConversionSettings.defaults()), record);

    assertEquals(ErrorCode.FLOE_4003, broken.code());
    assertEquals(
        "it is not valid UTF-8: byte 0xC3 at offset 1 starts a sequence cut short by another"
            + " character",
        broken.reason());
  }

  @Test
  void nullBytesAreATombstone() {
    SchemaAndValue result = converter.toConnectData("t", null);

    assertEquals(SnowflakeContent.SCHEMA, result.schema());
    assertNull(result.value());
  }

  @Test
  void refusesToSerialize() {
    FloeException e =
        assertThrows(FloeException.class, () -> converter.fromConnectData("t", null, Map.of()));

    assertEquals(ErrorCode.FLOE_4002, e.code());
    assertTrue(
        e.getMessage().contains("SnowflakeJsonConverter was asked to serialize data for topic 't'"),
        e.getMessage());
  }

  @Test
  void communityJsonConverterOutputMapsTheSameWayWithAndWithoutSchemas() throws Exception {
    String json = "{\"id\":7,\"name\":\"a\",\"tags\":[\"x\"],\"price\":2.5}";
    JsonConverter schemaless = new JsonConverter();
    schemaless.configure(Map.of("schemas.enable", "false"), false);
    JsonConverter withSchemas = new JsonConverter();
    withSchemas.configure(Map.of("schemas.enable", "true"), false);
    String enveloped =
        "{\"schema\":{\"type\":\"struct\",\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int32\"},{\"field\":\"name\",\"type\":\"string\"},"
            + "{\"field\":\"tags\",\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
            + "{\"field\":\"price\",\"type\":\"double\"}]},\"payload\":"
            + json
            + "}";

    SchemaAndValue plain = schemaless.toConnectData("t", json.getBytes(StandardCharsets.UTF_8));
    SchemaAndValue typed =
        withSchemas.toConnectData("t", enveloped.getBytes(StandardCharsets.UTF_8));

    // Schemaless JSON arrives as a HashMap, so only the key order may differ (VARIANT ignores it).
    ObjectMapper mapper = new ObjectMapper();
    assertEquals(
        mapper.readTree(json), mapper.readTree(Lines.contentOf(plain.schema(), plain.value())));
    assertEquals(json, Lines.contentOf(typed.schema(), typed.value()));
    assertEquals(json, content(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void jsonConverterDecimalFromSchemaIsAnExactNumber() {
    JsonConverter withSchemas = new JsonConverter();
    withSchemas.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
    String enveloped =
        "{\"schema\":{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\","
            + "\"parameters\":{\"scale\":\"20\"}},\"payload\":1.12345678901234567890}";

    SchemaAndValue typed =
        withSchemas.toConnectData("t", enveloped.getBytes(StandardCharsets.UTF_8));

    assertEquals("1.12345678901234567890", Lines.contentOf(typed.schema(), typed.value()));
  }

  private String content(byte[] bytes) {
    SchemaAndValue converted = converter.toConnectData("t", bytes);
    return Lines.contentOf(converted.schema(), converted.value());
  }
}
