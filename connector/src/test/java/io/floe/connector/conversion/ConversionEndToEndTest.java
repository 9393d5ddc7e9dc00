package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.FloeException;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records as users put them on topics — JSON, Avro with a schema registry, Avro container files,
 * tombstones, undecodable bytes — through Floe's converters and task into the local Snowflake.
 */
class ConversionEndToEndTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final Schema ORDER =
      AvroData.schema(
          "{\"type\":\"record\",\"name\":\"Order\",\"fields\":["
              + "{\"name\":\"id\",\"type\":\"long\"},"
              + "{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
              + "\"precision\":20,\"scale\":2}},"
              + "{\"name\":\"day\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}}]}");
  private static FakeSchemaRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = FakeSchemaRegistry.start().register(42, ORDER);
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Test
  void jsonAvroAndContainerFilesLandAsTheJsonUsersExpect() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "formats");
    TopicPartition json = new TopicPartition("json_orders", 0);
    TopicPartition avro = new TopicPartition("avro_orders", 0);
    TopicPartition files = new TopicPartition("avro_files", 0);
    Converter jsonConverter = configured(new SnowflakeJsonConverter(), Map.of());
    Converter avroConverter =
        configured(new SnowflakeAvroConverter(), Map.of("schema.registry.url", registry.url()));
    Converter fileConverter =
        configured(new SnowflakeAvroConverterWithoutSchemaRegistry(), Map.of());
    byte[] container =
        AvroData.containerFile(ORDER, order(1, "1.50", 19000), order(2, "2.00", 19001));
    SimulatedWorker worker =
        new SimulatedWorker(
            Map.of(
                json,
                records(
                    json,
                    jsonConverter,
                    bytes("{\"id\":1,\"price\":123456789012345678901234567890.12}"),
                    bytes("{\"id\":2,\"tags\":[\"a\",\"b\"]}")),
                avro,
                records(
                    avro, avroConverter, AvroData.confluent(42, ORDER, order(7, "12.34", 19000))),
                files,
                records(files, fileConverter, container)));
    worker.start(flushEverySecond(f.config("formats", 100)));
    worker.drain(10);
    worker.commitUntil(Map.of(json, 2L, avro, 1L, files, 1L));
    f.awaitRows("JSON_ORDERS", 2);
    f.awaitRows("AVRO_ORDERS", 1);
    f.awaitRows("AVRO_FILES", 2);
    assertEquals(
        List.of(List.of("123456789012345678901234567890.12")),
        f.query(
            "select record_content:price::string from "
                + f.database()
                + ".public.json_orders where record_content:id = 1"));
    assertEquals(
        List.of(List.of("7", "12.34", "2022-01-08", "42")),
        f.query(
            "select record_content:id::string, record_content:amount::string,"
                + " record_content:day::string, record_metadata:schema_id::string from "
                + f.database()
                + ".public.avro_orders"));
    assertEquals(
        List.of(List.of("1", "0"), List.of("2", "0")),
        f.query(
            "select record_content:id::string, record_metadata:offset::string from "
                + f.database()
                + ".public.avro_files order by 1"));
    worker.stop();
  }

  @Test
  void tombstonesBecomeEmptyContentOrAreSkippedAsConfigured() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "tombstones");
    TopicPartition tp = new TopicPartition("deletes", 0);
    Converter json = configured(new SnowflakeJsonConverter(), Map.of());
    List<SinkRecord> log = records(tp, json, bytes("{\"id\":1}"), null, bytes("{\"id\":3}"), null);
    SimulatedWorker kept = new SimulatedWorker(Map.of(tp, log));
    kept.start(flushEverySecond(f.config("keep", 100)));
    kept.drain(10);
    kept.commitUntil(Map.of(tp, 4L));
    f.awaitRows("DELETES", 4);
    assertEquals(
        List.of(List.of("1", "{}"), List.of("3", "{}")),
        f.query(
            "select record_metadata:offset::string, record_content from "
                + f.database()
                + ".public.deletes where record_content:id is null order by 1"));
    kept.stop();

    FloeFixture g = new FloeFixture(SNOWFLAKE.get(), "tombstones_ignored");
    SimulatedWorker ignoring = new SimulatedWorker(Map.of(tp, log));
    Map<String, String> config = flushEverySecond(g.config("ignore", 100));
    config.put("behavior.on.null.values", "ignore");
    ignoring.start(config);
    ignoring.drain(10);
    ignoring.commitUntil(Map.of(tp, 4L));
    assertEquals(2, g.awaitRows("DELETES", 2));
    SNOWFLAKE.get().snowpipe().awaitIdle(java.time.Duration.ofSeconds(30));
    assertEquals(2, g.count("select count(*) from " + g.database() + ".public.deletes"));
    ignoring.stop();
  }

  @Test
  void brokenRecordsGoToTheDeadLetterQueueWhenOneIsConfigured() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "dlq");
    TopicPartition tp = new TopicPartition("payments", 2);
    Converter json = configured(new SnowflakeJsonConverter(), Map.of());
    SimulatedWorker worker =
        new SimulatedWorker(
            Map.of(
                tp,
                records(tp, json, bytes("{\"ok\":1}"), bytes("{not json"), bytes("{\"ok\":3}"))));
    List<String> reported = new CopyOnWriteArrayList<>();
    worker.reporter(
        (record, error) -> {
          reported.add(record.kafkaOffset() + ": " + error.getMessage());
          return CompletableFuture.completedFuture(null);
        });
    Map<String, String> config = flushEverySecond(f.config("dlq", 100));
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", "payments_dlq");
    worker.start(config);
    worker.drain(10);
    worker.commitUntil(Map.of(tp, 3L));
    assertEquals(2, f.awaitRows("PAYMENTS", 2));
    assertEquals(1, reported.size(), reported.toString());
    assertTrue(reported.get(0).startsWith("1: "), reported.get(0));
    assertTrue(reported.get(0).contains("payments"), reported.get(0));
    worker.stop();
  }

  @Test
  void brokenRecordsAreKeptOnTheTableStageWithoutADeadLetterQueue() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "broken_stage");
    TopicPartition tp = new TopicPartition("payments", 0);
    Converter json = configured(new SnowflakeJsonConverter(), Map.of());
    byte[] bad = bytes("{\"amount\": 12,,}");
    SimulatedWorker worker =
        new SimulatedWorker(Map.of(tp, records(tp, json, bytes("{\"ok\":1}"), bad)));
    Map<String, String> config = flushEverySecond(f.config("stage", 100));
    config.put("errors.tolerance", "all");
    worker.start(config);
    worker.drain(10);
    worker.commitUntil(Map.of(tp, 2L));
    List<List<String>> listed =
        f.query("list @" + f.database() + ".public.%payments/floe_broken/stage/payments/0/");
    List<String> names = new ArrayList<>();
    listed.forEach(r -> names.add(r.get(0) + "=" + r.get(1)));
    assertTrue(
        names.contains("floe_broken/stage/payments/0/1.value=" + bad.length), names.toString());
    worker.stop();
  }

  @Test
  void aRecordLargerThanAVariantGoesToTheDeadLetterQueueAndTheRestLoad() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "oversize");
    TopicPartition tp = new TopicPartition("blobs", 0);
    Converter json = configured(new SnowflakeJsonConverter(), Map.of());
    byte[] big = bytes("{\"blob\":\"" + "x".repeat(4000) + "\"}");
    SimulatedWorker worker =
        new SimulatedWorker(
            Map.of(tp, records(tp, json, bytes("{\"ok\":1}"), big, bytes("{\"ok\":3}"))));
    List<String> reported = new CopyOnWriteArrayList<>();
    worker.reporter(
        (record, error) -> {
          reported.add(record.kafkaOffset() + ": " + error.getMessage());
          return CompletableFuture.completedFuture(null);
        });
    Map<String, String> config = flushEverySecond(f.config("oversize", 100));
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", "blobs_dlq");
    config.put("floe.max.record.bytes", "2048");
    worker.start(config);
    worker.drain(10);
    worker.commitUntil(Map.of(tp, 3L));

    assertEquals(2, f.awaitRows("BLOBS", 2));
    assertEquals(1, reported.size(), reported.toString());
    assertTrue(reported.get(0).startsWith("1: FLOE-4012"), reported.get(0));
    worker.stop();
  }

  @Test
  void aSchemaRegistryOutageStopsTheTaskEvenWithErrorsToleranceAll() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "registry_down");
    TopicPartition tp = new TopicPartition("avro_down", 0);
    try (FakeSchemaRegistry down = FakeSchemaRegistry.start()) {
      down.failNext(100, 503, "{\"error_code\":50301,\"message\":\"Service Unavailable\"}");
      Converter avro =
          configured(
              new SnowflakeAvroConverter(),
              Map.of("schema.registry.url", down.url(), "retries.wait.ms", "0"));
      SimulatedWorker worker =
          new SimulatedWorker(
              Map.of(tp, records(tp, avro, AvroData.confluent(42, ORDER, order(7, "1.00", 1)))));
      Map<String, String> config = flushEverySecond(f.config("down", 100));
      config.put("errors.tolerance", "all");
      worker.start(config);

      FloeException e = assertThrows(FloeException.class, () -> worker.drain(10));

      assertTrue(e.getMessage().startsWith("FLOE-4006"), e.getMessage());
      assertTrue(e.getMessage().contains(down.url()), e.getMessage());
      assertEquals(0L, worker.commit().getOrDefault(tp, 0L), "the record is not committed");
      assertEquals(
          List.of(),
          f.query("list @" + f.database() + ".public.%avro_down/floe_broken/"),
          "nothing is set aside as broken");
      worker.stop();
    }
  }

  @Test
  void withoutToleranceABrokenRecordFailsTheTaskNamingIt() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "strict");
    TopicPartition tp = new TopicPartition("payments", 5);
    Converter json = configured(new SnowflakeJsonConverter(), Map.of());
    SimulatedWorker worker =
        new SimulatedWorker(Map.of(tp, records(tp, json, bytes("{\"ok\":1}"), bytes("nope"))));
    worker.start(f.config("strict", 100));
    FloeException e = assertThrows(FloeException.class, () -> worker.drain(10));
    assertTrue(e.getMessage().contains("payments"), e.getMessage());
    assertTrue(e.getMessage().contains("5"), e.getMessage());
    assertTrue(e.getMessage().contains("offset 1"), e.getMessage());
    worker.stop();
  }

  private static Map<String, String> flushEverySecond(Map<String, String> config) {
    Map<String, String> c = new HashMap<>(config);
    c.put("buffer.flush.time", "1");
    return c;
  }

  private static Converter configured(Converter c, Map<String, String> settings) {
    c.configure(settings, false);
    return c;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static GenericRecord order(long id, String amount, int day) {
    GenericRecord r = new GenericData.Record(ORDER);
    r.put("id", id);
    java.math.BigDecimal d = new java.math.BigDecimal(amount);
    r.put("amount", java.nio.ByteBuffer.wrap(d.unscaledValue().toByteArray()));
    r.put("day", day);
    return r;
  }

  /** What the worker hands the task: each value through the converter, offsets in order. */
  private static List<SinkRecord> records(
      TopicPartition tp, Converter converter, byte[]... values) {
    List<SinkRecord> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      SchemaAndValue v = converter.toConnectData(tp.topic(), values[i]);
      out.add(new SinkRecord(tp.topic(), tp.partition(), null, null, v.schema(), v.value(), i));
    }
    return out;
  }
}
