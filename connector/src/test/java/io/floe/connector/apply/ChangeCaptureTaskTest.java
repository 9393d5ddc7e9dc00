package io.floe.connector.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.apply.ChangeGenerator.Form;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.http.Faults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Change data capture through the sink task against the local Snowflake: generated Debezium events
 * over three partitions go through put() and preCommit() as Kafka Connect calls them; once the
 * pipeline drains, the target table equals the generator's source table row for row.
 */
class ChangeCaptureTaskTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final String TOPIC = "pg.public.items";
  private static final int PARTITIONS = 3;

  private static List<String> rows(FloeFixture f) {
    try {
      return f
          .query("select ID, NAME, QTY from " + f.database() + ".PUBLIC.ITEMS order by ID")
          .stream()
          .map(r -> String.join("|", r))
          .toList();
    } catch (AssertionError e) {
      return List.of(); // not created yet
    }
  }

  private static List<String> awaitRows(FloeFixture f, List<String> expected) {
    try {
      return Poll.until(Duration.ofSeconds(120), () -> rows(f), expected::equals);
    } catch (AssertionError timedOut) {
      assertEquals(
          expected,
          rows(f),
          "the target after the pipeline drained; change table: "
              + f.query(
                  "select RECORD_METADATA, RECORD_CONTENT from "
                      + f.database()
                      + ".PUBLIC.ITEMS_FLOE_CHANGES")
              + "; progress: "
              + f.query("select * from " + f.database() + ".PUBLIC.FLOE_CDC_PROGRESS"));
      throw timedOut;
    }
  }

  private static long changeRows(FloeFixture f) {
    return f.count("select count(*) from " + f.database() + ".PUBLIC.ITEMS_FLOE_CHANGES");
  }

  @Test
  void envelopeWithSchemasMirrorsTheSourceTable() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "cdc_task_envelope");
    ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 31);
    gen.generate(200, 25);
    SimulatedWorker worker =
        new SimulatedWorker(ChangeRecords.log(TOPIC, PARTITIONS, gen.changes(), true));
    worker.start(CdcTaskConfig.upsert(f, TOPIC, "cdc-envelope"));
    worker.drain(17);
    worker.commitUntil(gen.ends());
    assertTrue(gen.finalState().size() > 5, gen.finalState().toString());
    awaitRows(f, gen.finalState());
    Poll.until(Duration.ofSeconds(30), () -> changeRows(f), n -> n == 0);
    // Typed as the schema says, plus the row guard; the envelope's own fields got no column.
    assertEquals(
        List.of(
            "RECORD_METADATA VARIANT",
            "__FLOE_POSITION NUMBER(38,0)",
            "ID NUMBER(38,0)",
            "NAME VARCHAR(16777216)",
            "QTY NUMBER(38,0)"),
        f.query("desc table " + f.database() + ".PUBLIC.ITEMS").stream()
            .map(c -> c.get(0) + " " + c.get(1))
            .toList());
    worker.stop();
  }

  @Test
  void flattenedSchemalessChangesWithTombstonesMirrorTheSourceTable() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "cdc_task_flat");
    ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.FLATTENED, 32);
    gen.generate(180, 20);
    SimulatedWorker worker =
        new SimulatedWorker(ChangeRecords.log(TOPIC, PARTITIONS, gen.changes(), false));
    Map<String, String> config = CdcTaskConfig.upsert(f, TOPIC, "cdc-flat");
    config.put("floe.cdc.delete.mode", "soft");
    worker.start(config);
    worker.drain(13);
    worker.commitUntil(gen.ends());
    Poll.until(
        Duration.ofSeconds(120),
        () -> {
          try {
            return f
                .query(
                    "select ID, NAME, QTY from "
                        + f.database()
                        + ".PUBLIC.ITEMS where not __FLOE_DELETED order by ID")
                .stream()
                .map(r -> String.join("|", r))
                .toList();
          } catch (AssertionError e) {
            return List.of();
          }
        },
        gen.finalState()::equals);
    worker.stop();
  }

  @Test
  void aTaskReplacedMidStreamConvergesOnTheSourceTable() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "cdc_task_replaced");
    ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 33);
    gen.generate(240, 30);
    SimulatedWorker worker =
        new SimulatedWorker(ChangeRecords.log(TOPIC, PARTITIONS, gen.changes(), true));
    worker.start(CdcTaskConfig.upsert(f, TOPIC, "cdc-replaced"));
    worker.poll(20);
    worker.commit();
    worker.poll(20);
    // Stopped with changes buffered, uploading, loading and loaded but not applied.
    worker.stop();
    worker.start(CdcTaskConfig.upsert(f, TOPIC, "cdc-replaced"));
    worker.poll(15);
    worker.stop(); // again, before any commit of its own
    worker.start(CdcTaskConfig.upsert(f, TOPIC, "cdc-replaced"));
    worker.drain(11);
    worker.commitUntil(gen.ends());
    awaitRows(f, gen.finalState());
    Poll.until(Duration.ofSeconds(30), () -> changeRows(f), n -> n == 0);
    List<List<String>> progress =
        f.query(
            "select KAFKA_PARTITION, APPLIED_OFFSET from "
                + f.database()
                + ".PUBLIC.FLOE_CDC_PROGRESS order by KAFKA_PARTITION");
    long[] last = gen.lastOffsets();
    for (int p = 0; p < PARTITIONS; p++) {
      assertEquals(List.of(String.valueOf(p), String.valueOf(last[p])), progress.get(p));
    }
    worker.stop();
  }

  @Test
  void changesLoadedBeforeARestartApplyWithoutAnyNewRecord() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "cdc_task_pending");
    ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 37);
    gen.generate(90, 20);
    SimulatedWorker worker =
        new SimulatedWorker(ChangeRecords.log(TOPIC, PARTITIONS, gen.changes(), true));
    Map<String, String> never = CdcTaskConfig.upsert(f, TOPIC, "cdc-pending");
    never.put("floe.cdc.apply.interval.ms", "3600000");
    worker.start(never);
    worker.drain(9);
    // Every change loaded and its offset committed, none applied, when the task goes away.
    worker.commitUntil(gen.ends());
    Poll.until(Duration.ofSeconds(60), () -> changeRows(f), n -> n == gen.changes().size());
    assertEquals(List.of(), rows(f));
    worker.stop();
    // Its replacement has nothing to read from Kafka; the change table alone holds what is owed.
    worker.start(CdcTaskConfig.upsert(f, TOPIC, "cdc-pending"));
    Poll.until(
        Duration.ofSeconds(60),
        () -> {
          worker.drain(10);
          worker.commit();
          return rows(f);
        },
        gen.finalState()::equals);
    Poll.until(Duration.ofSeconds(30), () -> changeRows(f), n -> n == 0);
    worker.stop();
  }

  @Test
  void anApplyThatFailsLeavesTheChangesAndConvergesOnceItWorksAgain() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "cdc_task_fails");
    ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 34);
    Map<TopicPartition, List<SinkRecord>> log =
        ChangeRecords.log(TOPIC, PARTITIONS, gen.generate(90, 20), true);
    SimulatedWorker worker = new SimulatedWorker(log);
    worker.start(CdcTaskConfig.upsert(f, TOPIC, "cdc-fails"));
    worker.drain(9);
    worker.commitUntil(gen.ends());
    List<String> firstState = awaitRows(f, gen.finalState());
    // Every MERGE now fails: the target lost its row-guard column.
    String target = f.database() + ".PUBLIC.ITEMS";
    f.query("alter table " + target + " drop column __FLOE_POSITION");
    List<ChangeGenerator.Change> second = gen.generate(90, 20);
    ChangeRecords.append(log, TOPIC, second, true);
    worker.drain(9);
    worker.commitUntil(gen.ends());
    // The second half loads and stays in the change table, unapplied, while applies fail.
    Poll.until(Duration.ofSeconds(60), () -> changeRows(f), n -> n == second.size());
    assertEquals(firstState, rows(f));
    // Fixed (rows without a position take any change), and the apply's statements answer HTTP
    // 503 a few times on the way: the driver and the applier retry, and nothing applies twice.
    f.query("alter table " + target + " add column __FLOE_POSITION NUMBER(38,0)");
    Faults faults = SNOWFLAKE.get().faults();
    faults.failQueries("MERGE", 2).failQueries("COMMIT", 1);
    awaitRows(f, gen.finalState());
    Poll.until(Duration.ofSeconds(30), () -> changeRows(f), n -> n == 0);
    assertEquals(0, faults.pending(), "every injected fault was hit");
    worker.stop();
  }

  @Test
  void applyFailuresInARowFailTheTaskWithANamedError() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "cdc_task_gives_up");
    ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 35);
    Map<TopicPartition, List<SinkRecord>> log =
        ChangeRecords.log(TOPIC, PARTITIONS, gen.generate(60, 10), true);
    Map<String, String> config = CdcTaskConfig.upsert(f, TOPIC, "cdc-gives-up");
    config.put("floe.cdc.apply.failures.max", "2");
    SimulatedWorker worker = new SimulatedWorker(log);
    worker.start(config);
    worker.drain(30);
    worker.commitUntil(gen.ends());
    awaitRows(f, gen.finalState());
    // The task checked the target once; every MERGE fails from now on.
    f.query("alter table " + f.database() + ".PUBLIC.ITEMS drop column __FLOE_POSITION");
    ChangeRecords.append(log, TOPIC, gen.generate(30, 10), true);
    FloeException failed =
        assertThrows(
            FloeException.class,
            () ->
                Poll.until(
                    Duration.ofSeconds(60),
                    () -> {
                      worker.drain(10);
                      return worker.commit();
                    },
                    committed -> false));
    assertEquals(ErrorCode.FLOE_3060, failed.code(), failed.getMessage());
    assertTrue(failed.getMessage().contains("ITEMS"), failed.getMessage());
    worker.stop();
  }

  @Test
  void changesKafkaMayCommitButSnowpipeHasNotLoadedAreNotApplied() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "cdc_task_unloaded");
    ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 36);
    gen.generate(60, 12);
    SimulatedWorker worker =
        new SimulatedWorker(ChangeRecords.log(TOPIC, PARTITIONS, gen.changes(), true));
    SNOWFLAKE.get().pauseSnowpipe();
    try {
      worker.start(CdcTaskConfig.upsert(f, TOPIC, "cdc-unloaded"));
      worker.drain(20);
      // Every file is staged and submitted, so Kafka commits everything...
      worker.commitUntil(gen.ends());
      // ...and the apply step has run for every partition, but nothing has loaded yet.
      Poll.until(
          Duration.ofSeconds(30),
          () -> f.count("select count(*) from " + f.database() + ".PUBLIC.FLOE_CDC_PROGRESS"),
          n -> n == PARTITIONS);
      assertEquals(
          List.of(List.of("-1")),
          f.query("select max(APPLIED_OFFSET) from " + f.database() + ".PUBLIC.FLOE_CDC_PROGRESS"));
      assertEquals(List.of(), rows(f));
    } finally {
      SNOWFLAKE.get().resumeSnowpipe();
    }
    awaitRows(f, gen.finalState());
    worker.stop();
  }
}
