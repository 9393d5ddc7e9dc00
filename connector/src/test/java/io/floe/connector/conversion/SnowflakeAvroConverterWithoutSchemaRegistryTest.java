package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class SnowflakeAvroConverterWithoutSchemaRegistryTest {
  private static final Schema ITEM =
      AvroData.schema(
          "{\"type\":\"record\",\"name\":\"Item\",\"fields\":[{\"name\":\"sku\",\"type\":\"string\"}]}");

  private final SnowflakeAvroConverterWithoutSchemaRegistry converter =
      new SnowflakeAvroConverterWithoutSchemaRegistry();
  private final RecordConverter records = new RecordConverter(ConversionSettings.defaults());

  @Test
  void eachDatumOfTheFileBecomesARowWithTheRecordsMetadata() {
    byte[] file = AvroData.containerFile(ITEM, item("a"), item("b"), item("c"));
    SinkRecord record =
        Lines.record(
            org.apache.kafka.connect.data.Schema.STRING_SCHEMA,
            "k",
            SnowflakeContent.SCHEMA,
            converter.toConnectData("orders", file).value(),
            new ConnectHeaders());

    List<String> lines = Lines.rows(records, record);

    String meta =
        "{\"meta\":{\"topic\":\"orders\",\"offset\":42,\"partition\":3,"
            + "\"CreateTime\":1705313730123,\"key\":\"k\"},";
    assertEquals(
        List.of(
            meta + "\"content\":{\"sku\":\"a\"}}",
            meta + "\"content\":{\"sku\":\"b\"}}",
            meta + "\"content\":{\"sku\":\"c\"}}"),
        lines);
  }

  @Test
  void aKeyWithSeveralDatumsIsAnArray() {
    byte[] keyFile = AvroData.containerFile(ITEM, item("x"), item("y"));
    SinkRecord record =
        Lines.record(
            SnowflakeContent.SCHEMA,
            converter.toConnectData("orders", keyFile).value(),
            org.apache.kafka.connect.data.Schema.INT32_SCHEMA,
            1,
            new ConnectHeaders());

    assertTrue(
        Lines.rows(records, record).get(0).contains("\"key\":[{\"sku\":\"x\"},{\"sku\":\"y\"}]"));
  }

  @Test
  void anEmptyFileIsSkippedWithAReason() {
    byte[] file = AvroData.containerFile(ITEM);
    SinkRecord record =
        Lines.record(SnowflakeContent.SCHEMA, converter.toConnectData("orders", file).value());

    ConvertedRecord result = records.convert(record);

    assertEquals(
        "the Avro container file holds no records",
        assertInstanceOf(ConvertedRecord.Skipped.class, result).reason());
  }

  @Test
  void bytesThatAreNotAContainerFileAreBroken() {
    byte[] bytes = AvroData.confluent(1, ITEM, item("a"));
    SinkRecord record =
        Lines.record(SnowflakeContent.SCHEMA, converter.toConnectData("orders", bytes).value());

    ConvertedRecord.Broken broken = Lines.broken(records, record);

    assertEquals(ErrorCode.FLOE_4009, broken.code());
    assertTrue(broken.reason().startsWith("it is not an Avro container file"), broken.reason());
    assertArrayEquals(bytes, broken.rawValue());
  }

  @Test
  void aTruncatedFileIsBrokenNotReadAsFewerRecords() {
    byte[] file = AvroData.containerFile(ITEM, item("a"), item("b"));
    byte[] cut = java.util.Arrays.copyOf(file, file.length - 20);
    SinkRecord record =
        Lines.record(SnowflakeContent.SCHEMA, converter.toConnectData("orders", cut).value());

    ConvertedRecord.Broken broken = Lines.broken(records, record);

    assertEquals(ErrorCode.FLOE_4009, broken.code());
    assertEquals("the file is cut short (truncated)", broken.reason());
  }

  @Test
  void aCodecFloeDoesNotBundleIsNamed() throws Exception {
    byte[] file = containerWithCodec("snappy");
    SinkRecord record =
        Lines.record(SnowflakeContent.SCHEMA, converter.toConnectData("orders", file).value());

    ConvertedRecord.Broken broken = Lines.broken(records, record);

    assertEquals(ErrorCode.FLOE_4009, broken.code());
    assertEquals(
        "its codec 'snappy' is not supported; Floe reads container files compressed with null or"
            + " deflate",
        broken.reason());
  }

  /** A container file whose header names {@code codec}, with one block Floe must not decode. */
  private static byte[] containerWithCodec(String codec) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(new byte[] {'O', 'b', 'j', 1});
    org.apache.avro.io.BinaryEncoder encoder =
        org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
    encoder.writeMapStart();
    encoder.setItemCount(2);
    encoder.startItem();
    encoder.writeString("avro.schema");
    encoder.writeBytes(ITEM.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    encoder.startItem();
    encoder.writeString("avro.codec");
    encoder.writeBytes(codec.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    encoder.writeMapEnd();
    byte[] sync = new byte[16];
    encoder.writeFixed(sync);
    encoder.writeLong(1);
    encoder.writeLong(3);
    encoder.writeFixed(new byte[] {1, 2, 3});
    encoder.writeFixed(sync);
    encoder.flush();
    return out.toByteArray();
  }

  private static GenericData.Record item(String sku) {
    GenericData.Record item = new GenericData.Record(ITEM);
    item.put("sku", new Utf8(sku));
    return item;
  }
}
