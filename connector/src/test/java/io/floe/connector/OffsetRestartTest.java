package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A partition whose offsets restart below what Floe staged (the topic deleted and re-created):
 * Kafka cannot resume past the staged offsets and falls back to the beginning. The new records must
 * fail the task loudly or load under a new generation of file names — never be dropped.
 */
class OffsetRestartTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final TopicPartition TP = new TopicPartition("events", 0);

  @Test
  void byDefaultTheTaskFailsNamingThePartitionAndLosesNothing() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "restart_fail");
    loadOldTopic(f, "restart");

    SimulatedWorker recreated = new SimulatedWorker(Map.of(TP, newTopicRecords(0, 30)));
    recreated.start(f.config("restart", 10));
    FloeException e = assertThrows(FloeException.class, () -> recreated.drain(100));
    assertEquals(ErrorCode.FLOE_3010, e.code());
    String message = e.getMessage();
    assertTrue(message.contains("Topic events, partition 0"), message);
    assertTrue(message.contains("up to 49"), message);
    assertTrue(message.contains("delivered offset 0"), message);
    assertTrue(message.contains("floe.offset.reset.behavior=new_generation"), message);
    recreated.stop();
    assertTrue(recreated.committed().isEmpty(), "nothing committed: " + recreated.committed());
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertEquals(50, rows(f));

    // The operator follows the remedy: the new records load, next to the old ones.
    recreated.start(newGeneration(f.config("restart", 10)));
    recreated.drain(100);
    recreated.commitUntil(Map.of(TP, 30L));
    f.awaitRows("EVENTS", 80);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertEquals(List.of("80", "80"), countAndDistinctIds(f));
    recreated.stop();
  }

  @Test
  void newGenerationLoadsTheNewRecordsAndARestartNeitherDuplicatesNorLoses() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "restart_gen");
    loadOldTopic(f, "restart_gen");

    List<SinkRecord> log = new ArrayList<>(newTopicRecords(0, 30));
    SimulatedWorker recreated = new SimulatedWorker(Map.of(TP, log));
    Map<String, String> config = newGeneration(f.config("restart_gen", 10));
    recreated.start(config);
    recreated.drain(7);
    recreated.commitUntil(Map.of(TP, 30L));
    f.awaitRows("EVENTS", 80);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertEquals(List.of("80", "80"), countAndDistinctIds(f));
    recreated.stop();

    // The new generation is what a restarted task resumes from: after offset 29, not 49.
    log.addAll(newTopicRecords(30, 10));
    recreated.start(config);
    recreated.drain(7);
    recreated.commitUntil(Map.of(TP, 40L));
    f.awaitRows("EVENTS", 90);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertEquals(List.of("90", "90"), countAndDistinctIds(f));
    recreated.stop();
  }

  @Test
  void recordsDeliveredBeforeTheSeekTakesEffectAreDroppedNotTakenForARestart() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "restart_late_seek");
    SimulatedWorker worker = new SimulatedWorker(Map.of(TP, FloeFixture.records(TP, 50)));
    worker.start(f.config("late_seek", 10));
    worker.poll(10);
    worker.commitUntil(Map.of(TP, 10L));
    worker.poll(25);
    // Staged up to offset 29 (30..34 were still buffered), but Kafka's committed offset is 10.
    worker.stop();

    // A worker that applies open()'s seek only at its next poll first delivers 10..39 again.
    worker.seekLate(true);
    worker.start(f.config("late_seek", 10));
    worker.drain(30);
    worker.commitUntil(Map.of(TP, 50L));
    f.awaitRows("EVENTS", 50);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertEquals(List.of("50", "50"), countAndDistinctIds(f));
    worker.stop();
  }

  /** Offsets 0..49 of the topic before it was deleted, loaded and committed. */
  private static void loadOldTopic(FloeFixture f, String connector) {
    SimulatedWorker old = new SimulatedWorker(Map.of(TP, FloeFixture.records(TP, 50)));
    old.start(f.config(connector, 10));
    old.drain(100);
    old.commitUntil(Map.of(TP, 50L));
    f.awaitRows("EVENTS", 50);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    old.stop();
  }

  /** Records of the re-created topic: offsets from {@code first}, ids 1000 + offset. */
  private static List<SinkRecord> newTopicRecords(int first, int count) {
    List<SinkRecord> out = new ArrayList<>();
    for (int o = first; o < first + count; o++) {
      Map<String, Object> value = new HashMap<>();
      value.put("id", 1000 + o);
      out.add(
          new SinkRecord(
              TP.topic(),
              TP.partition(),
              Schema.STRING_SCHEMA,
              "new-" + o,
              null,
              value,
              o,
              1_800_000_000_000L + o,
              TimestampType.CREATE_TIME));
    }
    return out;
  }

  private static Map<String, String> newGeneration(Map<String, String> config) {
    Map<String, String> out = new HashMap<>(config);
    out.put("floe.offset.reset.behavior", "new_generation");
    return out;
  }

  private static long rows(FloeFixture f) {
    return f.count("select count(*) from " + f.database() + ".public.events");
  }

  private static List<String> countAndDistinctIds(FloeFixture f) {
    return f.query(
            "select count(*), count(distinct record_content:id::number) from "
                + f.database()
                + ".public.events")
        .get(0);
  }
}
