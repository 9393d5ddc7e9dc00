package io.floe.connector.conversion;

import static io.floe.connector.conversion.SchematizedInput.ORDER;
import static io.floe.connector.conversion.SchematizedInput.ORDER_WITH_NOTE;
import static io.floe.connector.conversion.SchematizedInput.ORDER_WITH_TEXT_ID;
import static io.floe.connector.conversion.SchematizedInput.columns;
import static io.floe.connector.conversion.SchematizedInput.configured;
import static io.floe.connector.conversion.SchematizedInput.envelope;
import static io.floe.connector.conversion.SchematizedInput.evolving;
import static io.floe.connector.conversion.SchematizedInput.nullability;
import static io.floe.connector.conversion.SchematizedInput.order;
import static io.floe.connector.conversion.SchematizedInput.records;
import static io.floe.connector.conversion.SchematizedInput.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.http.Faults;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * snowflake.enable.schematization=true in Snowpipe Streaming mode, through the real ingest SDK into
 * the local Snowflake: the same tables, columns and values as file mode
 * (SchematizationEndToEndTest), a new field evolving the table and its channel reopened for it, a
 * type conflict as a broken record (dead-letter queue) while the good records land, and one row per
 * produced record across a replaced task.
 */
class StreamingSchematizationTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static FakeSchemaRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = SchematizedInput.orderRegistry();
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Test
  void schemalessJsonGetsInferredColumnsEvolvesAndSetsConflictsAside() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "sschema_json");
    TopicPartition tp = new TopicPartition("events", 0);
    Converter json = configured(new SnowflakeJsonConverter(), Map.of());
    List<String> reported =
        run(
            f,
            tp,
            records(
                tp,
                json,
                "{\"id\":1,\"name\":\"a\",\"tags\":[\"x\"],\"attrs\":{\"k\":1}}",
                "{\"id\":2,\"name\":\"b\",\"price\":1.5,\"ok\":true}",
                "{\"id\":\"three\",\"name\":\"c\"}",
                "{\"id\":4,\"name\":null,\"orderId\":7}"));

    assertEquals(
        List.of(
            List.of("RECORD_METADATA", "VARIANT"),
            List.of("ID", "NUMBER(38,0)"),
            List.of("NAME", "VARCHAR(16777216)"),
            List.of("TAGS", "ARRAY"),
            List.of("ATTRS", "VARIANT"),
            List.of("PRICE", "FLOAT"),
            List.of("OK", "BOOLEAN"),
            List.of("ORDERID", "NUMBER(38,0)")),
        columns(f, "EVENTS"));
    // PRICE, OK and ORDERID came after the channel opened: their rows went through reopened ones.
    assertEquals(
        List.of(
            row("0", "1", "a", "[\n  \"x\"\n]", "{\n  \"k\": 1\n}", null, null, null),
            row("1", "2", "b", null, null, "1.5", "TRUE", null),
            row("3", "4", null, null, null, null, null, "7")),
        f.query(
            "select record_metadata:offset::string, id, name, tags, attrs, price, ok, orderid from "
                + f.database()
                + ".public.events order by 1"));
    assertOneRowPerGoodOffset(f, "EVENTS", 3);
    assertEquals(1, reported.stream().distinct().count(), reported.toString());
    String reason = reported.get(0);
    assertTrue(reason.startsWith("2: FLOE-4020"), reason);
    assertTrue(
        reason.contains("field 'id' (VARCHAR) does not fit column ID (NUMBER(38,0))"), reason);
  }

  @Test
  void jsonWithSchemaGetsTheSchemaTypesAndEvolves() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "sschema_connect");
    TopicPartition tp = new TopicPartition("readings", 0);
    Converter json = configured(new JsonConverter(), Map.of("schemas.enable", "true"));
    String v1 =
        "{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int32\"},"
            + "{\"field\":\"at\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\"},"
            + "{\"field\":\"raw\",\"type\":\"bytes\"},{\"field\":\"level\",\"type\":\"double\"}]}";
    String v2 =
        "{\"type\":\"struct\",\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int32\"},"
            + "{\"field\":\"level\",\"type\":\"double\"},"
            + "{\"field\":\"unit\",\"type\":\"string\",\"optional\":true}]}";
    String textId = "{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"string\"}]}";
    List<String> reported =
        run(
            f,
            tp,
            records(
                tp,
                json,
                envelope(v1, "{\"id\":1,\"at\":1700000000000,\"raw\":\"AQL/\",\"level\":0.5}"),
                envelope(v2, "{\"id\":2,\"level\":2.0,\"unit\":\"C\"}"),
                envelope(textId, "{\"id\":\"x\"}"),
                envelope(v2, "{\"id\":4,\"level\":4.0,\"unit\":null}")));

    assertEquals(
        List.of(
            List.of("RECORD_METADATA", "VARIANT"),
            List.of("ID", "NUMBER(38,0)"),
            List.of("AT", "TIMESTAMP_TZ(3)"),
            List.of("RAW", "BINARY(8388608)"),
            List.of("LEVEL", "FLOAT"),
            List.of("UNIT", "VARCHAR(16777216)")),
        columns(f, "READINGS"));
    assertEquals(
        List.of(
            // 01 02 FF: not UTF-8, as bytes often are.
            row("1", "Tue, 14 Nov 2023 22:13:20 Z", "0102FF", "0.5", null),
            row("2", null, null, "2", "C"),
            row("4", null, null, "4", null)),
        f.query(
            "select id, at, raw, level, unit from "
                + f.database()
                + ".public.readings order by 1"));
    assertOneRowPerGoodOffset(f, "READINGS", 3);
    assertEquals(1, reported.stream().distinct().count(), reported.toString());
    assertTrue(reported.get(0).startsWith("2: FLOE-4020"), reported.get(0));
  }

  @Test
  void avroFromARegistryGetsTheSchemaTypesAndEvolves() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "sschema_avro");
    TopicPartition tp = new TopicPartition("orders", 0);
    Converter avro =
        configured(new SnowflakeAvroConverter(), Map.of("schema.registry.url", registry.url()));
    GenericRecord textId = new GenericData.Record(ORDER_WITH_TEXT_ID);
    textId.put("id", "seven");
    GenericRecord noted = order(ORDER_WITH_NOTE, 3, "3.30", 19002);
    noted.put("note", "gift");
    List<String> reported =
        run(
            f,
            tp,
            records(
                tp,
                avro,
                AvroData.confluent(1, ORDER, order(ORDER, 1, "1.50", 19000)),
                AvroData.confluent(3, ORDER_WITH_TEXT_ID, textId),
                AvroData.confluent(2, ORDER_WITH_NOTE, noted),
                AvroData.confluent(1, ORDER, order(ORDER, 4, "4.00", 19003))));

    assertEquals(
        List.of(
            List.of("RECORD_METADATA", "VARIANT"),
            List.of("ID", "NUMBER(38,0)"),
            List.of("AMOUNT", "NUMBER(20,2)"),
            List.of("DAY", "DATE"),
            List.of("NOTE", "VARCHAR(16777216)")),
        columns(f, "ORDERS"));
    assertEquals(
        List.of(
            row("1", "1.50", "2022-01-08", null, "1"),
            List.of("3", "3.30", "2022-01-10", "gift", "2"),
            row("4", "4.00", "2022-01-11", null, "1")),
        f.query(
            "select id, amount, day, note, record_metadata:schema_id::string from "
                + f.database()
                + ".public.orders order by 1"));
    assertOneRowPerGoodOffset(f, "ORDERS", 3);
    assertEquals(1, reported.stream().distinct().count(), reported.toString());
    assertTrue(
        reported.get(0).contains("field 'id' (VARCHAR) does not fit column ID"), reported.get(0));
  }

  @Test
  void aUserTableWithSchemaEvolutionOffIsNotChangedAndRecordsNeedingItAreBroken() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "sschema_fixed");
    f.query(
        "create table "
            + f.database()
            + ".public.fixed (RECORD_METADATA VARIANT, ID NUMBER(10,0), NICK VARCHAR NOT NULL)");
    TopicPartition tp = new TopicPartition("fixed", 0);
    Converter json = configured(new SnowflakeJsonConverter(), Map.of());
    List<String> reported =
        run(
            f,
            tp,
            records(
                tp,
                json,
                "{\"id\":1,\"nick\":\"ann\"}",
                "{\"id\":2,\"nick\":\"bo\",\"extra\":5}",
                "{\"id\":3}",
                "{\"id\":4,\"nick\":\"cy\"}"));

    assertEquals(
        List.of(row("1", "ann"), row("4", "cy")),
        f.query("select id, nick from " + f.database() + ".public.fixed order by 1"));
    assertEquals(
        List.of(
            List.of("RECORD_METADATA", "VARIANT"),
            List.of("ID", "NUMBER(10,0)"),
            List.of("NICK", "VARCHAR(16777216)")),
        columns(f, "FIXED"));
    assertEquals(
        List.of("Y", "Y", "N"), nullability(f, "FIXED").stream().map(r -> r.get(1)).toList());
    List<String> distinct = reported.stream().distinct().toList();
    assertEquals(2, distinct.size(), reported.toString());
    assertTrue(
        distinct.get(0).startsWith("1: FLOE-4023")
            && distinct.get(0).contains("field 'extra' has no column EXTRA"),
        distinct.get(0));
    assertTrue(
        distinct.get(1).startsWith("2: FLOE-4023")
            && distinct.get(1).contains("column NICK is NOT NULL"),
        distinct.get(1));
  }

  @Test
  void aQuotedFieldNameFillsItsCaseSensitiveColumn() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "sschema_case");
    TopicPartition tp = new TopicPartition("cased", 0);
    Converter json = configured(new SnowflakeJsonConverter(), Map.of());
    List<String> reported =
        run(
            f,
            tp,
            records(
                tp,
                json,
                "{\"id\":1,\"\\\"camelCase\\\"\":\"x\"}",
                "{\"id\":2,\"\\\"camelCase\\\"\":\"y\"}"));

    assertEquals(List.of(), reported);
    assertEquals(
        List.of(row("1", "x"), row("2", "y")),
        f.query("select id, \"camelCase\" from " + f.database() + ".public.cased order by 1"));
  }

  @Test
  void eachOfManyNewFieldsInARowReopensTheChannelWithoutFailingTheTask() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "sschema_many");
    TopicPartition tp = new TopicPartition("sparse", 0);
    Converter json = configured(new SnowflakeJsonConverter(), Map.of());
    String[] values = new String[8];
    for (int i = 0; i < values.length; i++) {
      values[i] = "{\"id\":" + i + ",\"f" + i + "\":" + i + "}";
    }
    // More reopenings before a commit than an invalidated channel is allowed (5): evolving is
    // progress, not a fault.
    List<String> reported = run(f, tp, records(tp, json, values));

    assertEquals(List.of(), reported);
    assertEquals(10, columns(f, "SPARSE").size(), "RECORD_METADATA, ID and F0 to F7");
    assertEquals(
        List.of(List.of("8", "8", "0", "7")),
        f.query(
            "select count(*), count(distinct id), min(f0), max(f7) from "
                + f.database()
                + ".public.sparse"));
  }

  @Test
  void aReplacedTaskStaysExactlyOnceWhileTheTableEvolvesAndBlobsAreLost() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "sschema_replace");
    TopicPartition p0 = new TopicPartition("events", 0);
    TopicPartition p1 = new TopicPartition("events", 1);
    SimulatedWorker worker =
        new SimulatedWorker(Map.of(p0, evolving(p0, 60), p1, evolving(p1, 45)));
    Faults faults = SNOWFLAKE.get().faults();
    faults.loseResponse(Faults.Endpoint.REGISTER_BLOBS, 2);
    worker.start(streaming(f, "events"));
    worker.poll(10);
    worker.commit();
    worker.poll(10);
    // Dies before Kafka commits what its channels took; the next task resumes after their tokens.
    worker.stop();
    faults.fail(Faults.Endpoint.REGISTER_BLOBS, 2);
    worker.start(streaming(f, "events"));
    worker.drain(7);
    worker.commitUntil(Map.of(p0, 60L, p1, 45L));
    // How many of the four the SDK reaches depends on how it batches the chunks into calls (all
    // of a flush may go in one): the rows must be right whichever it was.
    assertTrue(faults.pending() < 4, "the injected faults were reached");
    faults.clear();
    assertEquals(
        List.of(List.of("105", "105", "75", "60")),
        f.query(
            "select count(*), count(distinct record_metadata:partition::string || '-' ||"
                + " record_metadata:offset::string), count(extra), count(distinct id) from "
                + f.database()
                + ".public.events"));
    worker.stop();
  }

  private static Map<String, String> streaming(FloeFixture f, String name) {
    Map<String, String> config = new HashMap<>(f.config(name, 100));
    config.put("snowflake.ingestion.method", "SNOWPIPE_STREAMING");
    config.put("snowflake.role.name", "ACCOUNTADMIN");
    config.put("snowflake.streaming.max.client.lag", "1");
    config.put("snowflake.enable.schematization", "true");
    return config;
  }

  /**
   * Runs the records through a schematizing streaming task with a dead-letter queue; returns its
   * reports. A broken record Kafka delivers again after a reopened channel rewound it is reported
   * again (the dead-letter queue is at least once), so tests count distinct reports.
   */
  private static List<String> run(FloeFixture f, TopicPartition tp, List<SinkRecord> records) {
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, records));
    List<String> reported = new CopyOnWriteArrayList<>();
    worker.reporter(
        (record, error) -> {
          reported.add(record.kafkaOffset() + ": " + error.getMessage());
          return CompletableFuture.completedFuture(null);
        });
    Map<String, String> config = streaming(f, tp.topic());
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", tp.topic() + "_dlq");
    worker.start(config);
    worker.drain(10);
    // Kafka commits only what the channel committed: the table holds every good record now.
    worker.commitUntil(Map.of(tp, (long) records.size()));
    worker.stop();
    return reported;
  }

  private static void assertOneRowPerGoodOffset(FloeFixture f, String table, long expected) {
    assertEquals(
        List.of(List.of(String.valueOf(expected), String.valueOf(expected))),
        f.query(
            "select count(*), count(distinct record_metadata:offset) from "
                + f.database()
                + ".public."
                + table));
  }
}
