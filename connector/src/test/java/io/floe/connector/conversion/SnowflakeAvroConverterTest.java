package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnowflakeAvroConverterTest {
  private static final Schema ORDER =
      AvroData.schema(
          "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":["
              + "{\"name\":\"id\",\"type\":\"long\"},"
              + "{\"name\":\"placed\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
              + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
  private static final String ORDER_JSON =
      "{\"id\":7,\"placed\":\"2024-01-15T10:15:30.123Z\",\"note\":\"gift\"}";

  private final RecordConverter records = new RecordConverter(ConversionSettings.defaults());
  private FakeSchemaRegistry registry;

  @BeforeEach
  void startRegistry() throws Exception {
    registry = FakeSchemaRegistry.start().register(11, ORDER);
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void decodesTheWireFormatAndRecordsTheSchemaId() {
    SnowflakeAvroConverter converter = converter(Map.of("schema.registry.url", registry.url()));

    SinkRecord record = valueRecord(converter, AvroData.confluent(11, ORDER, order(7, "gift")));

    assertEquals(
        List.of(
            "{\"meta\":{\"topic\":\"orders\",\"offset\":42,\"partition\":3,"
                + "\"CreateTime\":1705313730123,\"schema_id\":11},\"content\":"
                + ORDER_JSON
                + "}"),
        Lines.rows(records, record));
  }

  @Test
  void fetchesEachSchemaIdOnce() {
    SnowflakeAvroConverter converter = converter(Map.of("schema.registry.url", registry.url()));
    registry.register(12, AvroData.schema("\"string\""));

    for (int i = 0; i < 3; i++) {
      Lines.rows(records, valueRecord(converter, AvroData.confluent(11, ORDER, order(i, null))));
    }
    Lines.rows(
        records,
        valueRecord(
            converter, AvroData.confluent(12, AvroData.schema("\"string\""), new Utf8("s"))));

    assertEquals(1, registry.requests("/schemas/ids/11"));
    assertEquals(1, registry.requests("/schemas/ids/12"));
  }

  @Test
  void sendsBasicAuthFromUserInfo() {
    registry.requireBasicAuth("alice", "s3cret:with:colons");
    SnowflakeAvroConverter converter =
        converter(
            Map.of(
                "schema.registry.url", registry.url(),
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "alice:s3cret:with:colons"));

    assertEquals(ORDER_JSON, content(converter, AvroData.confluent(11, ORDER, order(7, "gift"))));
  }

  @Test
  void sendsBasicAuthFromTheUrl() {
    registry.requireBasicAuth("bob", "pw");
    SnowflakeAvroConverter converter =
        converter(
            Map.of(
                "schema.registry.url",
                registry.url().replace("://", "://bob:pw@"),
                "basic.auth.credentials.source",
                "URL"));

    assertEquals(ORDER_JSON, content(converter, AvroData.confluent(11, ORDER, order(7, "gift"))));
  }

  @Test
  void unknownSchemaIdMakesABrokenRecord() {
    SnowflakeAvroConverter converter = converter(Map.of("schema.registry.url", registry.url()));
    byte[] bytes = AvroData.confluent(99, ORDER, order(7, "gift"));

    ConvertedRecord.Broken broken = Lines.broken(records, valueRecord(converter, bytes));

    assertEquals(ErrorCode.FLOE_4005, broken.code());
    assertEquals(ConvertedRecord.Part.VALUE, broken.part());
    assertTrue(
        broken
            .reason()
            .contains("has no schema id 99 (HTTP 404, error_code 40403: Schema not found)"),
        broken.reason());
    assertArrayEquals(bytes, broken.rawValue());
  }

  @Test
  void anUnreachableRegistryStopsTheTaskWhateverBreakOnSchemaRegistryErrorSays() throws Exception {
    String dead = "http://127.0.0.1:" + freePort();
    byte[] bytes = AvroData.confluent(11, ORDER, order(7, "gift"));

    for (String breaking : List.of("false", "true")) {
      SnowflakeAvroConverter converter =
          converter(
              Map.of(
                  "schema.registry.url",
                  dead,
                  "max.retries",
                  "0",
                  "break.on.schema.registry.error",
                  breaking));
      SinkRecord record = valueRecord(converter, bytes);
      FloeException thrown = assertThrows(FloeException.class, () -> records.convert(record));

      assertEquals(ErrorCode.FLOE_4006, thrown.code());
      assertTrue(
          thrown
              .getMessage()
              .contains("could not get schema id 11 from the schema registry: " + dead),
          thrown.getMessage());
    }
  }

  @Test
  void triesTheNextRegistryUrlWhenOneIsDown() throws Exception {
    String dead = "http://127.0.0.1:" + freePort();
    SnowflakeAvroConverter converter =
        converter(Map.of("schema.registry.url", dead + ", " + registry.url() + "/"));

    assertEquals(ORDER_JSON, content(converter, AvroData.confluent(11, ORDER, order(7, "gift"))));
  }

  @Test
  void bytesNotInTheWireFormatAreBroken() {
    SnowflakeAvroConverter converter = converter(Map.of("schema.registry.url", registry.url()));

    ConvertedRecord.Broken json =
        Lines.broken(records, valueRecord(converter, "{\"a\":1}".getBytes()));
    ConvertedRecord.Broken shortOne =
        Lines.broken(records, valueRecord(converter, new byte[] {0, 0, 1}));

    assertEquals(ErrorCode.FLOE_4004, json.code());
    assertEquals("it starts with byte 0x7b, not 0x00", json.reason());
    assertEquals("it is only 3 bytes long", shortOne.reason());
    assertEquals(0, registry.requests("/schemas/ids/11"));
  }

  @Test
  void dataThatDoesNotMatchItsSchemaIsBroken() {
    SnowflakeAvroConverter converter = converter(Map.of("schema.registry.url", registry.url()));
    byte[] good = AvroData.confluent(11, ORDER, order(7, "gift"));
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 2);
    byte[] truncated = java.util.Arrays.copyOf(good, 7);

    ConvertedRecord.Broken extra = Lines.broken(records, valueRecord(converter, trailing));
    ConvertedRecord.Broken cut = Lines.broken(records, valueRecord(converter, truncated));

    assertEquals(ErrorCode.FLOE_4008, extra.code());
    assertTrue(extra.reason().contains("bytes remain after the datum"), extra.reason());
    assertEquals(ErrorCode.FLOE_4008, cut.code());
    assertTrue(cut.reason().startsWith("with schema id 11: "), cut.reason());
  }

  @Test
  void readerSchemaFillsDefaultsForFieldsTheWriterLacked() {
    String reader =
        "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\"},"
            + "{\"name\":\"channel\",\"type\":\"string\",\"default\":\"web\"},"
            + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
    SnowflakeAvroConverter converter =
        converter(Map.of("schema.registry.url", registry.url(), "reader.schema", reader));

    assertEquals(
        "{\"id\":7,\"channel\":\"web\",\"note\":null}",
        content(converter, AvroData.confluent(11, ORDER, order(7, null))));
  }

  @Test
  void resolvesSchemaReferences() {
    String address =
        "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"shop\",\"fields\":["
            + "{\"name\":\"city\",\"type\":\"string\"}]}";
    Schema customer =
        AvroData.schema(
            "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"shop\",\"fields\":["
                + "{\"name\":\"home\",\"type\":"
                + address
                + "}]}");
    String customerText =
        "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"shop\",\"fields\":["
            + "{\"name\":\"home\",\"type\":\"shop.Address\"}]}";
    registry.registerSubjectVersion("address-value", 3, address);
    registry.registerBody(
        20,
        FakeSchemaRegistry.body(
            customerText,
            null,
            "[{\"name\":\"shop.Address\",\"subject\":\"address-value\",\"version\":3}]"));
    GenericData.Record home = new GenericData.Record(customer.getField("home").schema());
    home.put("city", new Utf8("Oslo"));
    GenericData.Record datum = new GenericData.Record(customer);
    datum.put("home", home);
    SnowflakeAvroConverter converter = converter(Map.of("schema.registry.url", registry.url()));

    assertEquals(
        "{\"home\":{\"city\":\"Oslo\"}}",
        content(converter, AvroData.confluent(20, customer, datum)));
  }

  @Test
  void nonAvroSchemasAreRefused() {
    registry.registerBody(30, FakeSchemaRegistry.body("syntax = \"proto3\";", "PROTOBUF", null));
    SnowflakeAvroConverter converter = converter(Map.of("schema.registry.url", registry.url()));

    ConvertedRecord.Broken broken =
        Lines.broken(records, valueRecord(converter, new byte[] {0, 0, 0, 0, 30, 2}));

    assertEquals(ErrorCode.FLOE_4007, broken.code());
    assertEquals(
        "schema id 30 is a PROTOBUF schema; SnowflakeAvroConverter reads Avro", broken.reason());
  }

  @Test
  void trustsAnHttpsRegistryThroughTheConfiguredTruststore(@TempDir Path dir) throws Exception {
    SelfSignedTls tls = new SelfSignedTls(dir);
    byte[] bytes = AvroData.confluent(11, ORDER, order(7, "gift"));
    try (FakeSchemaRegistry secure =
        FakeSchemaRegistry.startTls(tls.serverContext).register(11, ORDER)) {
      SnowflakeAvroConverter trusting =
          converter(
              Map.of(
                  "schema.registry.url",
                  secure.url(),
                  "schema.registry.ssl.truststore.location",
                  tls.truststore.toString(),
                  "schema.registry.ssl.truststore.password",
                  SelfSignedTls.PASSWORD,
                  "schema.registry.ssl.truststore.type",
                  "PKCS12"));
      SnowflakeAvroConverter untrusting = converter(Map.of("schema.registry.url", secure.url()));

      assertEquals(ORDER_JSON, content(trusting, bytes));
      // An untrusted certificate is a setup problem: the task stops, without retrying.
      SinkRecord untrusted = valueRecord(untrusting, bytes);
      FloeException e = assertThrows(FloeException.class, () -> records.convert(untrusted));
      assertEquals(ErrorCode.FLOE_4006, e.code());
    }
  }

  @Test
  void keysGetKeyAndKeySchemaId() {
    Schema keySchema = AvroData.schema("\"long\"");
    registry.register(5, keySchema);
    SnowflakeAvroConverter keys = new SnowflakeAvroConverter();
    keys.configure(Map.of("schema.registry.url", registry.url()), true);
    SnowflakeAvroConverter values = converter(Map.of("schema.registry.url", registry.url()));
    SinkRecord record =
        Lines.record(
            SnowflakeContent.SCHEMA,
            keys.toConnectData("orders", AvroData.confluent(5, keySchema, 99L)).value(),
            SnowflakeContent.SCHEMA,
            values.toConnectData("orders", AvroData.confluent(11, ORDER, order(7, "gift"))).value(),
            new ConnectHeaders());

    assertEquals(
        "{\"meta\":{\"topic\":\"orders\",\"offset\":42,\"partition\":3,\"CreateTime\":1705313730123,"
            + "\"schema_id\":11,\"key\":99,\"key_schema_id\":5},\"content\":"
            + ORDER_JSON
            + "}",
        Lines.rows(records, record).get(0));
  }

  @Test
  void badSettingsNameTheConverterKey() {
    FloeException missing = assertThrows(FloeException.class, () -> converter(Map.of()));
    FloeException reader =
        assertThrows(
            FloeException.class,
            () ->
                converter(Map.of("schema.registry.url", registry.url(), "reader.schema", "{nope")));
    FloeException sasl =
        assertThrows(
            FloeException.class,
            () ->
                converter(
                    Map.of(
                        "schema.registry.url",
                        registry.url(),
                        "basic.auth.credentials.source",
                        "SASL_INHERIT")));
    FloeException noInfo =
        assertThrows(
            FloeException.class,
            () ->
                converter(
                    Map.of(
                        "schema.registry.url",
                        registry.url(),
                        "basic.auth.credentials.source",
                        "USER_INFO")));
    FloeException notUrl =
        assertThrows(
            FloeException.class,
            () -> converter(Map.of("schema.registry.url", "ftp://u:secret@host")));

    assertEquals(ErrorCode.FLOE_4001, missing.code());
    assertTrue(
        missing.getMessage().contains("value.converter.")
            && missing.getMessage().contains("schema.registry.url"),
        missing.getMessage());
    assertTrue(
        reader
            .getMessage()
            .contains("value.converter.reader.schema: it is not a valid Avro schema"),
        reader.getMessage());
    assertTrue(sasl.getMessage().contains("'SASL_INHERIT' is not supported"), sasl.getMessage());
    assertTrue(
        noInfo.getMessage().contains("value.converter.basic.auth.user.info: it is required"),
        noInfo.getMessage());
    assertFalse(notUrl.getMessage().contains("secret"), notUrl.getMessage());
  }

  @Test
  void nullBytesAreATombstone() {
    SnowflakeAvroConverter converter = converter(Map.of("schema.registry.url", registry.url()));

    assertNull(converter.toConnectData("orders", null).value());
    assertEquals(0, registry.requests("/schemas/ids/11"));
  }

  private static SnowflakeAvroConverter converter(Map<String, String> settings) {
    SnowflakeAvroConverter converter = new SnowflakeAvroConverter();
    converter.configure(new HashMap<>(settings), false);
    return converter;
  }

  private static SinkRecord valueRecord(SnowflakeAvroConverter converter, byte[] bytes) {
    return Lines.record(SnowflakeContent.SCHEMA, converter.toConnectData("orders", bytes).value());
  }

  private static String content(SnowflakeAvroConverter converter, byte[] bytes) {
    return Lines.contentOf(
        SnowflakeContent.SCHEMA, converter.toConnectData("orders", bytes).value());
  }

  private static GenericData.Record order(long id, String note) {
    GenericData.Record order = new GenericData.Record(ORDER);
    order.put("id", id);
    order.put("placed", 1705313730123L);
    order.put("note", note == null ? null : new Utf8(note));
    return order;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
