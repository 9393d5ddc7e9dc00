package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile or corrupt records become broken records with a numbered code, never a StackOverflowError
 * or OutOfMemoryError: Connect's errors.tolerance catches neither, so one such record would kill
 * the task on every restart.
 */
class BadDataLimitsTest {
  private static final String NODE =
      "{\"type\":\"record\",\"name\":\"Node\",\"fields\":"
          + "[{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}]}";

  private final RecordConverter records = new RecordConverter(ConversionSettings.defaults());
  private FakeSchemaRegistry registry;
  private SnowflakeAvroConverter avro;

  @BeforeEach
  void startRegistry() throws Exception {
    registry =
        FakeSchemaRegistry.start()
            .register(21, AvroData.schema(NODE))
            .register(22, AvroData.schema("{\"type\":\"array\",\"items\":\"null\"}"))
            .register(23, AvroData.schema("{\"type\":\"array\",\"items\":\"long\"}"))
            .register(24, AvroData.schema("{\"type\":\"map\",\"values\":\"null\"}"))
            .register(25, AvroData.schema("\"string\""))
            .register(26, AvroData.schema("\"bytes\""));
    avro = new SnowflakeAvroConverter();
    avro.configure(Map.of("schema.registry.url", registry.url()), false);
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  // ---- nesting ---------------------------------------------------------------------------------

  @Test
  void deeplyNestedAvroIsBrokenNotAStackOverflow() {
    ConvertedRecord.Broken broken = avroBroken(AvroData.confluentRaw(21, nodes(20_000)));

    assertEquals(ErrorCode.FLOE_4011, broken.code());
    assertTrue(broken.reason().contains("nested more than 250 levels deep"), broken.reason());
  }

  @Test
  void avroNestedUpToTheLimitConverts() {
    // 250 records, each but the last holding the next one.
    List<String> rows = Lines.rows(records, avroRecord(AvroData.confluentRaw(21, nodes(249))));
    ConvertedRecord.Broken oneMore = avroBroken(AvroData.confluentRaw(21, nodes(250)));

    assertTrue(rows.get(0).contains("{\"next\":null}"), rows.get(0));
    assertTrue(oneMore.reason().contains("nested more than 250 levels deep"), oneMore.reason());
  }

  @Test
  void deeplyNestedAvroContainerFilesAreBroken() {
    byte[] file = AvroData.rawContainer(NODE, "null", 1, nodes(20_000));

    ConvertedRecord.Broken broken = Lines.broken(records, containerRecord(file));

    assertEquals(ErrorCode.FLOE_4011, broken.code());
  }

  @Test
  void onASmallThreadStackTheOverflowItselfIsCaughtAsABrokenRecord() throws Exception {
    byte[] bytes = AvroData.confluentRaw(21, nodes(240));
    List<Object> nested = new ArrayList<>();
    List<Object> list = nested;
    for (int i = 0; i < 990; i++) {
      List<Object> inner = new ArrayList<>();
      list.add(inner);
      list = inner;
    }
    AtomicReference<Object> decoded = new AtomicReference<>();
    AtomicReference<Object> written = new AtomicReference<>();
    Thread small =
        new Thread(
            null,
            () -> {
              decoded.set(Lines.broken(records, avroRecord(bytes)).code());
              written.set(Lines.broken(records, Lines.record(null, nested)).code());
            },
            "small-stack",
            96 * 1024);
    small.start();
    small.join();

    assertEquals(ErrorCode.FLOE_4011, decoded.get());
    assertEquals(ErrorCode.FLOE_4011, written.get());
  }

  @Test
  void deeplyNestedConnectStructsMapsAndListsAreBroken() {
    Schema schema = SchemaBuilder.struct().optional().build();
    Struct value = new Struct(schema);
    for (int i = 0; i < 1001; i++) {
      Schema outer = SchemaBuilder.struct().field("n", schema).optional().build();
      value = new Struct(outer).put("n", value);
      schema = outer;
    }
    Map<String, Object> map = new HashMap<>();
    Map<String, Object> innermost = map;
    for (int i = 0; i < 5000; i++) {
      Map<String, Object> inner = new HashMap<>();
      innermost.put("m", inner);
      innermost = inner;
    }
    List<Object> list = new ArrayList<>();
    List<Object> innerList = list;
    for (int i = 0; i < 5000; i++) {
      List<Object> inner = new ArrayList<>();
      innerList.add(inner);
      innerList = inner;
    }

    for (ConvertedRecord.Broken broken :
        List.of(
            Lines.broken(records, Lines.record(schema, value)),
            Lines.broken(records, Lines.record(null, map)),
            Lines.broken(records, Lines.record(null, list)))) {
      assertEquals(ErrorCode.FLOE_4011, broken.code(), broken.reason());
      assertTrue(broken.reason().contains("nested more than 1000 levels deep"), broken.reason());
    }
  }

  @Test
  void deeplyNestedJsonTextIsBrokenAsTooDeepAndTheLimitItselfConverts() {
    ConvertedRecord.Broken broken = jsonBroken("[".repeat(1001) + "]".repeat(1001));
    List<String> atLimit = Lines.rows(records, jsonRecord("[".repeat(1000) + "]".repeat(1000)));

    assertEquals(ErrorCode.FLOE_4011, broken.code());
    assertTrue(broken.reason().contains("line 1, column 1001"), broken.reason());
    assertTrue(atLimit.get(0).endsWith("\"content\":" + "[".repeat(1000) + "]".repeat(1000) + "}"));
  }

  // ---- sizes declared by a few bytes -----------------------------------------------------------

  @Test
  void aFewBytesDeclaringTwoBillionNullsAreBrokenNotAnOutOfMemoryError() {
    ConvertedRecord.Broken broken =
        avroBroken(AvroData.confluentRaw(22, concat(AvroData.varint(2_000_000_000L), zero())));

    assertEquals(ErrorCode.FLOE_4012, broken.code());
    assertTrue(broken.reason().contains("declare 2000000000 items"), broken.reason());
  }

  @Test
  void twoBillionLongsOrMapEntriesOrAHugeStringAreBroken() {
    byte[] longs = concat(AvroData.varint(2_000_000_000L), AvroData.varint(1), zero());
    byte[] entries =
        concat(AvroData.varint(2_000_000_000L), AvroData.varint(1), new byte[] {'a'}, zero());
    byte[] string = AvroData.varint(2_000_000_000L);

    assertEquals(ErrorCode.FLOE_4012, avroBroken(AvroData.confluentRaw(23, longs)).code());
    assertEquals(ErrorCode.FLOE_4012, avroBroken(AvroData.confluentRaw(24, entries)).code());
    ConvertedRecord.Broken huge = avroBroken(AvroData.confluentRaw(25, string));
    assertEquals(ErrorCode.FLOE_4008, huge.code());
    assertTrue(
        huge.reason().contains("a string declares 2000000000 bytes, more than the 5 bytes"),
        huge.reason());
    assertEquals(
        ErrorCode.FLOE_4008, avroBroken(AvroData.confluentRaw(26, string)).code(), "bytes");
  }

  @Test
  void manyRealNullsStillConvert() {
    int count = 100_000;
    byte[] datum = concat(AvroData.varint(count), zero());

    List<String> rows = Lines.rows(records, avroRecord(AvroData.confluentRaw(22, datum)));

    assertTrue(rows.get(0).contains("[null,null,"), rows.get(0).substring(0, 100));
  }

  @Test
  void containerFilesDeclaringHugeArraysOrInflatingToGigabytesAreBroken() {
    byte[] array =
        AvroData.rawContainer(
            "{\"type\":\"array\",\"items\":\"null\"}",
            "null",
            1,
            concat(AvroData.varint(2_000_000_000L), zero()));
    byte[] bomb =
        AvroData.rawContainer("\"bytes\"", "deflate", 1, AvroData.deflatedZeros(200L << 20));

    assertEquals(ErrorCode.FLOE_4012, Lines.broken(records, containerRecord(array)).code());
    ConvertedRecord.Broken inflated = Lines.broken(records, containerRecord(bomb));
    assertEquals(ErrorCode.FLOE_4012, inflated.code());
    assertTrue(inflated.reason().contains("decompress to more than"), inflated.reason());
  }

  // ---- records larger than a VARIANT -----------------------------------------------------------

  @Test
  void aRowLargerThanTheLimitIsBrokenBeforeItReachesAFile() {
    RecordConverter small =
        new RecordConverter(ConversionSettings.defaults().withMaxRecordBytes(1024));

    ConvertedRecord.Broken broken = Lines.broken(small, Lines.record(null, "x".repeat(2000)));
    List<String> fits = Lines.rows(small, Lines.record(null, "x".repeat(900)));

    assertEquals(ErrorCode.FLOE_4012, broken.code());
    assertEquals(ConvertedRecord.Part.VALUE, broken.part());
    assertTrue(broken.reason().contains("floe.max.record.bytes (1024 bytes)"), broken.reason());
    assertEquals(1, fits.size());
  }

  @Test
  void aJsonStringOfTwentyOneMegabytesIsTooLargeNotInvalidJson() {
    byte[] text = new byte[21 * 1024 * 1024 + 2];
    Arrays.fill(text, (byte) 'a');
    text[0] = '"';
    text[text.length - 1] = '"';
    RecordConverter sixteenMegabytes =
        new RecordConverter(ConversionSettings.defaults().withMaxRecordBytes(16 * 1024 * 1024));

    ConvertedRecord.Broken broken = Lines.broken(sixteenMegabytes, jsonRecord(text));
    ConvertedRecord converted = records.convert(jsonRecord(text));

    assertEquals(ErrorCode.FLOE_4012, broken.code(), broken.reason());
    // Within Snowflake's 128 MB VARIANT limit (the default), it is simply loaded.
    assertTrue(converted instanceof ConvertedRecord.Rows, converted.toString());
  }

  // ---- values Snowflake would refuse -----------------------------------------------------------

  @Test
  void jsonNumbersBeyondADoublesRangeAreBroken() {
    for (String number : List.of("1e400", "-1e400", "1" + "0".repeat(400), "1.8e308")) {
      ConvertedRecord.Broken broken = jsonBroken("{\"n\":" + number + "}");
      assertEquals(ErrorCode.FLOE_4013, broken.code(), number);
      assertTrue(broken.reason().contains("beyond the range of Snowflake's FLOAT"), number);
    }
    // Tiny magnitudes round to zero in a double, as any such number does; they are loaded.
    assertEquals(1, Lines.rows(records, jsonRecord("[1e-400, 1.7e308, 9e307]")).size());
  }

  @Test
  void overlongUtf8AndCesu8SurrogatesAreInvalidUtf8() {
    byte[][] texts = {
      {'"', (byte) 0xC0, (byte) 0x80, '"'},
      {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'},
      {'"', (byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80, '"'},
      {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
      {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},
    };
    for (byte[] text : texts) {
      ConvertedRecord.Broken broken = Lines.broken(records, jsonRecord(text));
      assertEquals(ErrorCode.FLOE_4003, broken.code(), broken.reason());
      assertTrue(broken.reason().startsWith("it is not valid UTF-8: byte 0x"), broken.reason());
    }
    assertTrue(
        Lines.broken(records, jsonRecord(texts[2])).reason().contains("CESU-8"), "names CESU-8");
    // Valid four-byte sequences (an emoji) and two-byte ones still convert.
    assertEquals(1, Lines.rows(records, jsonRecord("\"\uD83D\uDE00 é\"")).size());
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A chain of {@code levels} Node records: each union index 1 (zig-zag 2), the last null. */
  private static byte[] nodes(int levels) {
    byte[] bytes = new byte[levels + 1];
    Arrays.fill(bytes, 0, levels, (byte) 2);
    return bytes;
  }

  private static byte[] zero() {
    return new byte[] {0};
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private SinkRecord avroRecord(byte[] bytes) {
    return Lines.record(SnowflakeContent.SCHEMA, avro.toConnectData("orders", bytes).value());
  }

  private ConvertedRecord.Broken avroBroken(byte[] bytes) {
    return Lines.broken(records, avroRecord(bytes));
  }

  private static SinkRecord containerRecord(byte[] file) {
    return Lines.record(
        SnowflakeContent.SCHEMA,
        new SnowflakeAvroConverterWithoutSchemaRegistry().toConnectData("files", file).value());
  }

  private static SinkRecord jsonRecord(String text) {
    return jsonRecord(text.getBytes(StandardCharsets.UTF_8));
  }

  private static SinkRecord jsonRecord(byte[] text) {
    return Lines.record(
        SnowflakeContent.SCHEMA, new SnowflakeJsonConverter().toConnectData("t", text).value());
  }

  private ConvertedRecord.Broken jsonBroken(String text) {
    return Lines.broken(records, jsonRecord(text));
  }
}
