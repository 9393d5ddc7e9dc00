package io.floe.connector.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.apply.ChangeGenerator.Form;
import io.floe.connector.conversion.FakeSchemaRegistry;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Change data capture of Debezium's Avro events (Confluent framing, schemas from a registry,
 * decoded by Floe's own Avro converter) through the sink task against the local Snowflake: keys are
 * Debezium's {@code Key} record, rows carry a Connect Decimal and Timestamp, and a column added to
 * the source mid-stream (a second schema version) evolves the target. Once the pipeline drains, the
 * target equals the source row for row.
 */
class AvroChangeCaptureTaskTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final String TOPIC = "pg.public.items";
  private static final int PARTITIONS = 3;
  private static FakeSchemaRegistry registry;

  @BeforeAll
  static void startRegistry() throws IOException {
    registry = FakeSchemaRegistry.start();
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Test
  void avroEnvelopesFromARegistryMirrorTheSourceTableAndANewColumnEvolvesIt() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "cdc_avro_envelope");
    mirrorsTheSourceAcrossASchemaChange(f, Form.ENVELOPE, 41);
  }

  @Test
  void flattenedAvroWithTombstonesMirrorsTheSourceTableAndANewColumnEvolvesIt() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "cdc_avro_flat");
    mirrorsTheSourceAcrossASchemaChange(f, Form.FLATTENED, 42);
  }

  private static void mirrorsTheSourceAcrossASchemaChange(FloeFixture f, Form form, long seed) {
    ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, form, seed);
    AvroChangeRecords avro = new AvroChangeRecords(TOPIC, form, registry);
    Map<TopicPartition, List<SinkRecord>> log = AvroChangeRecords.emptyLog(TOPIC, PARTITIONS);
    avro.append(log, gen.generate(150, 25), false);
    SimulatedWorker worker = new SimulatedWorker(log);
    Map<String, String> config =
        CdcTaskConfig.upsert(f, TOPIC, "cdc-avro-" + form.name().toLowerCase());
    worker.start(config);
    worker.drain(17);
    worker.commitUntil(gen.ends());
    // Schema version 1 throughout: the target has no NOTE yet.
    List<String> first =
        avro.finalState().stream().map(r -> r.substring(0, r.lastIndexOf('|'))).toList();
    awaitRows(f, false, first);

    // The source table gains a column; Debezium registers schema version 2 and writes it.
    avro.append(log, gen.generate(150, 25), true);
    worker.drain(17);
    worker.commitUntil(gen.ends());
    awaitRows(f, true, avro.finalState());
    assertEquals(
        gen.finalState(),
        avro.finalState().stream()
            .map(r -> r.split("\\|"))
            .map(r -> r[0] + "|" + r[1] + "|" + r[2])
            .toList(),
        "the Avro rows are the generator's");
    Poll.until(
        Duration.ofSeconds(30),
        () -> f.count("select count(*) from " + f.database() + ".PUBLIC.ITEMS_FLOE_CHANGES"),
        n -> n == 0);
    // Typed from the Avro schemas, Debezium's logical types included.
    assertEquals(
        List.of(
            "RECORD_METADATA VARIANT",
            "__FLOE_POSITION NUMBER(38,0)",
            "ID NUMBER(38,0)",
            "NAME VARCHAR(16777216)",
            "QTY NUMBER(38,0)",
            "PRICE NUMBER(10,2)",
            "UPDATED_AT TIMESTAMP_TZ(3)",
            "NOTE VARCHAR(16777216)"),
        f.query("desc table " + f.database() + ".PUBLIC.ITEMS").stream()
            .map(c -> c.get(0) + " " + c.get(1))
            .toList());
    worker.stop();
  }

  private static List<String> rows(FloeFixture f, boolean withNote) {
    try {
      return f
          .query(
              "select ID, NAME, QTY, PRICE, UPDATED_AT::VARCHAR"
                  + (withNote ? ", NOTE" : "")
                  + " from "
                  + f.database()
                  + ".PUBLIC.ITEMS order by ID")
          .stream()
          .map(
              r -> {
                List<String> out = new java.util.ArrayList<>(r);
                out.set(4, utcMillis(r.get(4)));
                return String.join("|", out);
              })
          .toList();
    } catch (AssertionError e) {
      if (e.getMessage().contains("does not exist")
          || e.getMessage().contains("invalid identifier")) {
        return List.of(); // not created yet, or no NOTE column yet
      }
      throw e;
    }
  }

  private static final Pattern TIMESTAMP =
      Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)(?:\\.(\\d+))?.*");

  /**
   * A TIMESTAMP_TZ's text in the session's zone (UTC) to the millisecond: Snowflake writes {@code
   * 2023-11-17 22:13:20.420 +0000}, the local Snowflake {@code 2023-11-17 22:13:20.42+00}.
   */
  private static String utcMillis(String text) {
    Matcher m = TIMESTAMP.matcher(text);
    if (!m.matches()) {
      return text;
    }
    String fraction = m.group(2) == null ? "" : m.group(2);
    return m.group(1) + "." + (fraction + "000").substring(0, 3);
  }

  private static void awaitRows(FloeFixture f, boolean withNote, List<String> expected) {
    try {
      Poll.until(Duration.ofSeconds(20), () -> rows(f, withNote), expected::equals);
    } catch (AssertionError timedOut) {
      assertEquals(
          expected,
          rows(f, withNote),
          "the target after the pipeline drained; change table: "
              + f.query(
                  "select RECORD_METADATA, RECORD_CONTENT from "
                      + f.database()
                      + ".PUBLIC.ITEMS_FLOE_CHANGES limit 5")
              + "; progress: "
              + f.query("select * from " + f.database() + ".PUBLIC.FLOE_CDC_PROGRESS"));
      throw timedOut;
    }
  }
}
