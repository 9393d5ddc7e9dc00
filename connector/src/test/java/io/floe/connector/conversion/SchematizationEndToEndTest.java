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
 * snowflake.enable.schematization=true in file mode, through the real drivers into the local
 * Snowflake: columns created with the documented types, a new field evolving the table, a type
 * conflict as a broken record (dead-letter queue) while the good records load, and one row per
 * produced record.
 */
class SchematizationEndToEndTest {
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
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "schema_json");
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
    assertEquals(
        List.of(
            row("0", "1", "a", "[\n  \"x\"\n]", null, null),
            row("1", "2", "b", null, "1.5", "TRUE"),
            row("3", "4", null, null, null, null)),
        f.query(
            "select record_metadata:offset::string, id, name, tags, price, ok from "
                + f.database()
                + ".public.events order by 1"));
    assertOneRowPerGoodOffset(f, "EVENTS", 3);
    assertEquals(1, reported.size(), reported.toString());
    String reason = reported.get(0);
    assertTrue(reason.startsWith("2: FLOE-4020"), reason);
    assertTrue(
        reason.contains("field 'id' (VARCHAR) does not fit column ID (NUMBER(38,0))"), reason);
    assertTrue(
        f.query("show pipes in schema " + f.database() + ".public")
            .toString()
            .toLowerCase()
            .contains("match_by_column_name = case_sensitive"));
  }

  @Test
  void jsonWithSchemaGetsTheSchemaTypesAndEvolves() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "schema_connect");
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
            row("1", "Tue, 14 Nov 2023 22:13:20 Z", "0102FF", "0.5", null),
            row("2", null, null, "2", "C"),
            row("4", null, null, "4", null)),
        f.query(
            "select id, at, raw, level, unit from "
                + f.database()
                + ".public.readings order by 1"));
    assertOneRowPerGoodOffset(f, "READINGS", 3);
    assertEquals(1, reported.size(), reported.toString());
    assertTrue(reported.get(0).startsWith("2: FLOE-4020"), reported.get(0));
  }

  @Test
  void avroFromARegistryGetsTheSchemaTypesAndEvolves() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "schema_avro");
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
    assertEquals(1, reported.size(), reported.toString());
    assertTrue(
        reported.get(0).contains("field 'id' (VARCHAR) does not fit column ID"), reported.get(0));
  }

  @Test
  void aUserTableKeepsItsExtraColumnsAndLosesNotNullWhereRecordsLackTheField() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "schema_user");
    f.query(
        "create table "
            + f.database()
            + ".public.people (RECORD_METADATA VARIANT, ID NUMBER(10,0) NOT NULL,"
            + " NICK VARCHAR(20) NOT NULL, NOTES VARCHAR) enable_schema_evolution = true");
    TopicPartition tp = new TopicPartition("people", 0);
    Converter json = configured(new SnowflakeJsonConverter(), Map.of());
    List<String> reported =
        run(
            f,
            tp,
            records(
                tp,
                json,
                "{\"id\":1,\"nick\":\"ann\"}",
                "{\"id\":2}",
                "{\"id\":12345678901,\"nick\":\"big\"}",
                "{\"id\":3,\"nick\":\"" + "n".repeat(21) + "\"}"));

    assertEquals(
        List.of(row("1", "ann", null), row("2", null, null)),
        f.query("select id, nick, notes from " + f.database() + ".public.people order by 1"));
    assertEquals(
        List.of(
            List.of("RECORD_METADATA", "Y"),
            List.of("ID", "N"),
            List.of("NICK", "Y"),
            List.of("NOTES", "Y")),
        nullability(f, "PEOPLE"));
    assertEquals(2, reported.size(), reported.toString());
    assertTrue(reported.get(0).contains("out of the column's range"), reported.get(0));
    assertTrue(reported.get(1).contains("longer than 20 characters"), reported.get(1));
  }

  @Test
  void aUserTableWithSchemaEvolutionOffIsNotChangedAndRecordsNeedingItAreBroken() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "schema_fixed");
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
                "{\"id\":4,\"nick\":\"cy\",\"gone\":null}"));

    assertEquals(
        List.of(row("1", "ann"), row("4", "cy")),
        f.query("select id, nick from " + f.database() + ".public.fixed order by 1"));
    assertEquals(
        List.of(List.of("RECORD_METADATA", "Y"), List.of("ID", "Y"), List.of("NICK", "N")),
        nullability(f, "FIXED"));
    assertEquals(2, reported.size(), reported.toString());
    String table = f.database().toUpperCase() + ".PUBLIC.FIXED";
    String extra = reported.get(0);
    assertTrue(extra.startsWith("1: FLOE-4023"), extra);
    assertTrue(
        extra.contains(
            "table "
                + table
                + " has ENABLE_SCHEMA_EVOLUTION off: field 'extra' has no column EXTRA"),
        extra);
    assertTrue(reported.get(0).contains("SET ENABLE_SCHEMA_EVOLUTION = TRUE"), reported.get(0));
    assertTrue(
        reported.get(1).startsWith("2: FLOE-4023")
            && reported.get(1).contains("column NICK is NOT NULL and the record has no value"),
        reported.get(1));
  }

  @Test
  void aReplacedTaskStaysExactlyOnceWhileTheTableEvolvesAndUploadsFail() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "schema_replace");
    TopicPartition p0 = new TopicPartition("events", 0);
    TopicPartition p1 = new TopicPartition("events", 1);
    SimulatedWorker worker =
        new SimulatedWorker(Map.of(p0, evolving(p0, 60), p1, evolving(p1, 45)));
    Faults faults = SNOWFLAKE.get().faults();
    faults.failQueries("PUT", 2).fail(Faults.Endpoint.INSERT_FILES, 2);
    Map<String, String> first = new HashMap<>(f.config("replace", 6));
    first.put("snowflake.enable.schematization", "true");
    worker.start(first);
    worker.poll(10);
    worker.commit();
    worker.poll(10);
    // Dies before Kafka commits what it staged; the next task has other flush boundaries.
    worker.stop();
    faults.fail(Faults.Endpoint.UPLOAD, 2).fail(Faults.Endpoint.INSERT_FILES, 3);
    Map<String, String> second = new HashMap<>(f.config("replace", 4));
    second.put("snowflake.enable.schematization", "true");
    second.put("buffer.flush.time", "1");
    worker.start(second);
    worker.drain(7);
    worker.commitUntil(Map.of(p0, 60L, p1, 45L));
    assertEquals(0, faults.pending(), "every injected fault was hit");
    f.awaitRows("EVENTS", 105);
    SNOWFLAKE.get().snowpipe().awaitIdle(java.time.Duration.ofSeconds(30));
    assertEquals(
        List.of(List.of("105", "105", "75", "60")),
        f.query(
            "select count(*), count(distinct record_metadata:partition::string || '-' ||"
                + " record_metadata:offset::string), count(extra), count(distinct id) from "
                + f.database()
                + ".public.events"));
    worker.stop();
  }

  /** Runs the records through a schematizing task with a dead-letter queue; returns its reports. */
  private static List<String> run(FloeFixture f, TopicPartition tp, List<SinkRecord> records) {
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, records));
    List<String> reported = new CopyOnWriteArrayList<>();
    worker.reporter(
        (record, error) -> {
          reported.add(record.kafkaOffset() + ": " + error.getMessage());
          return CompletableFuture.completedFuture(null);
        });
    Map<String, String> config = new HashMap<>(f.config(tp.topic(), 100));
    config.put("buffer.flush.time", "1");
    config.put("snowflake.enable.schematization", "true");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", tp.topic() + "_dlq");
    worker.start(config);
    worker.drain(10);
    worker.commitUntil(Map.of(tp, (long) records.size()));
    f.awaitRows(tp.topic().toUpperCase(), records.size() - reportedSoon(reported));
    worker.stop();
    return reported;
  }

  private static int reportedSoon(List<String> reported) {
    return reported.size();
  }

  private static void assertOneRowPerGoodOffset(FloeFixture f, String table, long expected) {
    SNOWFLAKE.get().snowpipe().awaitIdle(java.time.Duration.ofSeconds(30));
    assertEquals(
        List.of(List.of(String.valueOf(expected), String.valueOf(expected))),
        f.query(
            "select count(*), count(distinct record_metadata:offset) from "
                + f.database()
                + ".public."
                + table));
  }
}
