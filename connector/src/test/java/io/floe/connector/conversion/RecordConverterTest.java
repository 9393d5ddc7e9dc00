package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.config.MetadataSettings;
import io.floe.connector.config.NullValueBehavior;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordConverterTest {
  private static final String META =
      "{\"topic\":\"orders\",\"offset\":42,\"partition\":3,\"CreateTime\":1705313730123}";

  private final RecordConverter defaults = new RecordConverter(ConversionSettings.defaults());

  @Test
  void writesMetaThenContentAsOneCompactLine() {
    List<String> lines = Lines.rows(defaults, Lines.record(Schema.INT32_SCHEMA, 5));

    assertEquals(List.of("{\"meta\":" + META + ",\"content\":5}"), lines);
  }

  @Test
  void namesTheTimestampAfterItsTypeAndOmitsAMissingOne() {
    SinkRecord logAppend =
        new SinkRecord("t", 0, null, null, null, "v", 7L, 99L, TimestampType.LOG_APPEND_TIME);
    SinkRecord none =
        new SinkRecord("t", 0, null, null, null, "v", 7L, null, TimestampType.NO_TIMESTAMP_TYPE);

    assertEquals(
        "{\"meta\":{\"topic\":\"t\",\"offset\":7,\"partition\":0,\"LogAppendTime\":99},"
            + "\"content\":\"v\"}",
        Lines.rows(defaults, logAppend).get(0));
    assertEquals(
        "{\"meta\":{\"topic\":\"t\",\"offset\":7,\"partition\":0},\"content\":\"v\"}",
        Lines.rows(defaults, none).get(0));
  }

  @Test
  void metadataTogglesRemoveTheirFields() {
    SinkRecord record =
        Lines.record(Schema.STRING_SCHEMA, "k", Schema.INT32_SCHEMA, 1, new ConnectHeaders());

    assertEquals(
        "{\"meta\":{\"offset\":42,\"partition\":3,\"CreateTime\":1705313730123,\"key\":\"k\"},"
            + "\"content\":1}",
        line(
            new ConversionSettings(
                new MetadataSettings(true, false, true, true), NullValueBehavior.DEFAULT),
            record));
    assertEquals(
        "{\"meta\":{\"topic\":\"orders\",\"CreateTime\":1705313730123,\"key\":\"k\"},\"content\":1}",
        line(
            new ConversionSettings(
                new MetadataSettings(true, true, false, true), NullValueBehavior.DEFAULT),
            record));
    assertEquals(
        "{\"meta\":{\"topic\":\"orders\",\"offset\":42,\"partition\":3,\"key\":\"k\"},\"content\":1}",
        line(
            new ConversionSettings(
                new MetadataSettings(true, true, true, false), NullValueBehavior.DEFAULT),
            record));
    assertEquals(
        "{\"content\":1}",
        line(
            new ConversionSettings(
                new MetadataSettings(false, true, true, true), NullValueBehavior.DEFAULT),
            record));
  }

  @Test
  void keysAreStringsOrConvertedValuesAndAbsentWhenNull() {
    Schema keySchema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    SinkRecord structKey =
        Lines.record(
            keySchema,
            new Struct(keySchema).put("id", 9L),
            Schema.INT32_SCHEMA,
            1,
            new ConnectHeaders());
    SinkRecord jsonKey =
        Lines.record(
            SnowflakeContent.SCHEMA,
            new SnowflakeJsonConverter()
                .toConnectData("orders", "{ \"a\" : [1, 2] }".getBytes())
                .value(),
            Schema.INT32_SCHEMA,
            1,
            new ConnectHeaders());
    SinkRecord nullKey =
        Lines.record(
            Schema.OPTIONAL_STRING_SCHEMA, null, Schema.INT32_SCHEMA, 1, new ConnectHeaders());

    assertEquals(
        "{\"meta\":" + META.replace("}", ",\"key\":{\"id\":9}}") + ",\"content\":1}",
        Lines.rows(defaults, structKey).get(0));
    assertEquals(
        "{\"meta\":" + META.replace("}", ",\"key\":{\"a\":[1,2]}}") + ",\"content\":1}",
        Lines.rows(defaults, jsonKey).get(0));
    assertEquals("{\"meta\":" + META + ",\"content\":1}", Lines.rows(defaults, nullKey).get(0));
  }

  @Test
  void headersAreConvertedByTypeNullIsJsonNullAndTheLastDuplicateWins() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("source", "web");
    headers.addInt("attempt", 1);
    headers.add("amount", new BigDecimal("10.50"), Decimal.schema(2));
    headers.addString("nothing", null);
    headers.add("schemaless", Map.of("a", 1L), null);
    headers.addBytes("raw", new byte[] {1, 2});
    headers.addInt("attempt", 2);
    SinkRecord record = Lines.record(null, null, Schema.INT32_SCHEMA, 1, headers);

    assertEquals(
        "{\"meta\":"
            + META.replace(
                "}",
                ",\"headers\":{\"source\":\"web\",\"amount\":10.50,"
                    + "\"nothing\":null,\"schemaless\":{\"a\":1},\"raw\":\"AQI=\",\"attempt\":2}}")
            + ",\"content\":1}",
        Lines.rows(defaults, record).get(0));
  }

  @Test
  void tombstoneIsEmptyObjectByDefaultAndSkippedWhenIgnored() {
    SinkRecord tombstone =
        Lines.record(Schema.STRING_SCHEMA, "k", null, null, new ConnectHeaders());
    RecordConverter ignoring =
        new RecordConverter(
            new ConversionSettings(
                new MetadataSettings(true, true, true, true), NullValueBehavior.IGNORE));

    assertEquals(
        "{\"meta\":" + META.replace("}", ",\"key\":\"k\"}") + ",\"content\":{}}",
        Lines.rows(defaults, tombstone).get(0));
    ConvertedRecord skipped = ignoring.convert(tombstone);
    assertTrue(
        assertInstanceOf(ConvertedRecord.Skipped.class, skipped).reason().contains("tombstone"));
    SinkRecord jsonTombstone =
        Lines.record(
            null,
            null,
            SnowflakeContent.SCHEMA,
            new SnowflakeJsonConverter().toConnectData("orders", null).value(),
            new ConnectHeaders());
    assertInstanceOf(ConvertedRecord.Skipped.class, ignoring.convert(jsonTombstone));
    assertEquals(
        "{\"content\":{}}",
        Lines.rows(new RecordConverter(Lines.CONTENT_ONLY), jsonTombstone).get(0));
  }

  @Test
  void brokenJsonValueKeepsItsBytesAndNamesTheRecord() {
    byte[] bad = "{\"a\":".getBytes(StandardCharsets.UTF_8);
    SinkRecord record =
        Lines.record(
            null,
            null,
            SnowflakeContent.SCHEMA,
            new SnowflakeJsonConverter().toConnectData("orders", bad).value(),
            new ConnectHeaders());

    ConvertedRecord.Broken broken = Lines.broken(defaults, record);

    assertEquals(ConvertedRecord.Part.VALUE, broken.part());
    assertEquals(ErrorCode.FLOE_4003, broken.code());
    assertArrayEquals(bad, broken.rawValue());
    assertNull(broken.rawKey());
    String message = broken.error().getMessage();
    assertTrue(
        message.startsWith(
            "FLOE-4003 Record is not valid JSON. Topic orders, partition 3,"
                + " offset 42, value: "),
        message);
    assertTrue(message.contains("line 1, column"), message);
  }

  @Test
  void brokenKeyIsReportedAsTheKeyWithBothRawParts() {
    byte[] badKey = "nope".getBytes(StandardCharsets.UTF_8);
    byte[] value = "{}".getBytes(StandardCharsets.UTF_8);
    SnowflakeJsonConverter json = new SnowflakeJsonConverter();
    SinkRecord record =
        Lines.record(
            SnowflakeContent.SCHEMA,
            json.toConnectData("orders", badKey).value(),
            SnowflakeContent.SCHEMA,
            json.toConnectData("orders", value).value(),
            new ConnectHeaders());

    ConvertedRecord.Broken broken = Lines.broken(defaults, record);

    assertEquals(ConvertedRecord.Part.KEY, broken.part());
    assertArrayEquals(badKey, broken.rawKey());
    assertArrayEquals(value, broken.rawValue());
    // Without metadata the key is not loaded, so it cannot break the record.
    assertEquals(
        List.of("{\"content\":{}}"), Lines.rows(new RecordConverter(Lines.CONTENT_ONLY), record));
  }

  @Test
  void valueThatContradictsItsSchemaIsBrokenNamingTheField() {
    Schema schema =
        SchemaBuilder.struct()
            .field(
                "items",
                SchemaBuilder.array(
                        SchemaBuilder.struct().field("qty", Schema.INT32_SCHEMA).build())
                    .build())
            .build();
    Schema item = schema.field("items").schema().valueSchema();
    Struct good = new Struct(item).put("qty", 1);
    Struct sneaky =
        new Struct(SchemaBuilder.struct().field("qty", Schema.STRING_SCHEMA).build())
            .put("qty", "one");
    Struct value = new Struct(schema).put("items", List.of(good, good));
    // Transforms can leave a value that no longer matches its schema.
    SinkRecord record =
        Lines.record(schema, value)
            .newRecord("orders", 3, null, null, schema, Map.of("items", List.of(sneaky)), 0L);

    ConvertedRecord.Broken broken = Lines.broken(defaults, record);

    assertEquals(ConvertedRecord.Part.VALUE, broken.part());
    assertEquals(ErrorCode.FLOE_4010, broken.code());
    assertTrue(broken.reason().contains("java.util"), broken.reason());
  }

  @Test
  void aFractionInAnIntegerFieldIsBrokenNotTruncated() {
    Schema counts = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build();
    Schema list = SchemaBuilder.array(Schema.INT32_SCHEMA).build();
    // Values that contradict their schema, as a transform or a hand-built record can leave them:
    // a double where the record's schema says INT32, in an INT32 map and in an INT32 array.
    SinkRecord plain = Lines.record(Schema.INT32_SCHEMA, 5.7);
    SinkRecord inMap = Lines.record(counts, Map.of("a", 5.7));
    SinkRecord inList = Lines.record(list, List.of(1, 5.7));

    for (SinkRecord record : List.of(plain, inMap, inList)) {
      ConvertedRecord.Broken broken = Lines.broken(defaults, record);
      assertEquals(ErrorCode.FLOE_4010, broken.code());
      assertTrue(
          broken.reason().contains("the schema says INT32 but the value is a java.lang.Double"),
          broken.reason());
    }
  }

  @Test
  void anIntegerOutsideItsFieldsWidthIsBroken() {
    ConvertedRecord.Broken broken = Lines.broken(defaults, Lines.record(Schema.INT8_SCHEMA, 300));

    assertEquals(ErrorCode.FLOE_4010, broken.code());
    assertEquals("the schema says INT8 but the value 300 is outside its range", broken.reason());
    assertEquals("127", Lines.contentOf(Schema.INT8_SCHEMA, (byte) 127));
    assertEquals("5", Lines.contentOf(Schema.INT64_SCHEMA, 5));
  }

  @Test
  void unconvertibleHeaderIsBrokenAsHeaders() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.add("when", Thread.State.NEW, null);
    SinkRecord record = Lines.record(null, null, Schema.INT32_SCHEMA, 1, headers);

    ConvertedRecord.Broken broken = Lines.broken(defaults, record);

    assertEquals(ConvertedRecord.Part.HEADERS, broken.part());
    assertEquals(
        "at when: a value of class java.lang.Thread$State has no JSON form", broken.reason());
  }

  @Test
  void textBeyondTheBasicPlaneIsEscapedAndLoneSurrogatesStayVisible() {
    assertEquals(
        "\"\\uD83D\\uDE00 a\\uD800b\"",
        Lines.contentOf(Schema.STRING_SCHEMA, "\uD83D\uDE00 a\uD800b"));
  }

  @Test
  void reusedBufferDoesNotLeakBetweenRecords() {
    String big = "x".repeat(3_000_000);
    List<String> first = Lines.rows(defaults, Lines.record(Schema.STRING_SCHEMA, big));
    List<String> second = Lines.rows(defaults, Lines.record(Schema.INT32_SCHEMA, 1));

    assertEquals(3_000_000 + META.length() + 22, first.get(0).length());
    assertEquals("{\"meta\":" + META + ",\"content\":1}", second.get(0));
  }

  private static String line(ConversionSettings settings, SinkRecord record) {
    return Lines.rows(new RecordConverter(settings), record).get(0);
  }
}
