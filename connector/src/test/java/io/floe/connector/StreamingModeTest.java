package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.http.Faults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snowpipe Streaming mode end to end through the real ingest SDK and the local Snowflake: what a
 * user checks is that the table holds every produced record exactly once (rows = distinct offsets =
 * produced) and that Kafka commits only what the table holds, across restarts, zombies and lost
 * responses.
 */
class StreamingModeTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final TopicPartition P0 = new TopicPartition("clicks", 0);
  private static final TopicPartition P1 = new TopicPartition("clicks", 1);

  private static Map<String, String> streaming(FloeFixture f, String name) {
    Map<String, String> config = f.config(name, 10_000);
    config.put("snowflake.ingestion.method", "SNOWPIPE_STREAMING");
    config.put("snowflake.role.name", "ACCOUNTADMIN");
    config.put("snowflake.streaming.max.client.lag", "1");
    return config;
  }

  private static Map<TopicPartition, List<SinkRecord>> log(int perPartition) {
    Map<TopicPartition, List<SinkRecord>> log = new LinkedHashMap<>();
    log.put(P0, new ArrayList<>(FloeFixture.records(P0, perPartition)));
    log.put(P1, new ArrayList<>(FloeFixture.records(P1, perPartition)));
    return log;
  }

  /** Rows, distinct (partition, offset) pairs. */
  private static List<String> rowsAndDistinctOffsets(FloeFixture f) {
    return f.query(
            "select count(*), count(distinct record_metadata:partition::string || '/' ||"
                + " record_metadata:offset::string) from "
                + f.database()
                + ".PUBLIC.CLICKS")
        .get(0);
  }

  @Test
  void everyRecordLandsOnceAndKafkaCommitsWhatTheChannelsCommitted() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "stream_basic");
    SimulatedWorker worker = new SimulatedWorker(log(250));
    worker.start(streaming(f, "stream_basic"));
    worker.drain(37);
    worker.commitUntil(Map.of(P0, 250L, P1, 250L));
    assertEquals(List.of("500", "500"), rowsAndDistinctOffsets(f));
    worker.stop();
  }

  @Test
  void aTaskRestartedBeforeKafkaCommittedResumesAfterTheChannelsTokens() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "stream_restart");
    Map<TopicPartition, List<SinkRecord>> log = log(200);
    SimulatedWorker first = new SimulatedWorker(log);
    first.start(streaming(f, "stream_restart"));
    first.drain(50);
    f.awaitRows("CLICKS", 400);
    first.stop(); // no commit reached Kafka: the next task starts from offset 0

    log.get(P0).addAll(FloeFixture.records(P0, 300).subList(200, 300));
    SimulatedWorker second = new SimulatedWorker(log);
    second.start(streaming(f, "stream_restart"));
    second.drain(50);
    second.commitUntil(Map.of(P0, 300L, P1, 200L));
    assertEquals(List.of("500", "500"), rowsAndDistinctOffsets(f));
    second.stop();
  }

  @Test
  void aZombieTaskIsFencedByTheNewOwner() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "stream_zombie");
    Map<TopicPartition, List<SinkRecord>> log = log(300);
    SimulatedWorker zombie = new SimulatedWorker(log);
    zombie.start(streaming(f, "stream_zombie"));
    zombie.poll(100);
    // The partitions move to a new task while the old one still runs.
    SimulatedWorker owner = new SimulatedWorker(log);
    owner.start(streaming(f, "stream_zombie"));
    zombie.poll(100); // fenced: Snowflake refuses what it sends now
    owner.drain(60);
    owner.commitUntil(Map.of(P0, 300L, P1, 300L));
    assertEquals(List.of("600", "600"), rowsAndDistinctOffsets(f));
    owner.stop();
    zombie.stop();
    assertEquals(List.of("600", "600"), rowsAndDistinctOffsets(f));
  }

  @Test
  void lostRegisterBlobResponsesAndFailedCallsLoadNothingTwice() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "stream_faults");
    SNOWFLAKE.get().faults().loseResponse(Faults.Endpoint.REGISTER_BLOBS, 2);
    SNOWFLAKE.get().faults().fail(Faults.Endpoint.REGISTER_BLOBS, 2);
    SimulatedWorker worker = new SimulatedWorker(log(300));
    worker.start(streaming(f, "stream_faults"));
    worker.drain(40);
    worker.commitUntil(Map.of(P0, 300L, P1, 300L));
    assertEquals(List.of("600", "600"), rowsAndDistinctOffsets(f));
    worker.stop();
  }

  /**
   * A blob upload that fails (the SDK gave up on it) invalidates its channels: their buffered rows
   * are lost, Floe reopens them and Kafka delivers those records again.
   */
  @Test
  void failedBlobUploadsLoseAndDuplicateNothing() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "stream_uploads");
    SimulatedWorker worker = new SimulatedWorker(log(300));
    worker.start(streaming(f, "stream_uploads"));
    worker.poll(50);
    worker.commitUntil(Map.of(P0, 50L, P1, 50L));
    // Until two channels were opened again: both partitions' channels fail and are reopened.
    SNOWFLAKE.get().faults().failBlobUploads(2);
    worker.drainAndCommitUntil(Map.of(P0, 300L, P1, 300L), 40);
    assertEquals(0, SNOWFLAKE.get().faults().pending(), "the uploads failed and were retried");
    assertEquals(List.of("600", "600"), rowsAndDistinctOffsets(f));
    worker.stop();
  }

  /**
   * Snowflake drops a table's channels with it, so the channel on a table created again under the
   * same name has no offset token. The running task knows what the old table committed: it reopens
   * the channel on the new table and resumes just after that, so the new table gets every later
   * record once and Kafka's offsets go on (the incumbent skips them, its issue #690).
   */
  @Test
  void aTableCreatedAgainWhileRunningGetsEveryLaterRecordOnce() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "stream_recreate");
    Map<TopicPartition, List<SinkRecord>> log = log(200);
    SimulatedWorker worker = new SimulatedWorker(log);
    worker.start(streaming(f, "stream_recreate"));
    worker.drain(50);
    worker.commitUntil(Map.of(P0, 200L, P1, 200L));
    recreateTable(f);

    log.get(P0).addAll(FloeFixture.records(P0, 300).subList(200, 300));
    log.get(P1).addAll(FloeFixture.records(P1, 300).subList(200, 300));
    worker.drain(50);
    worker.drainAndCommitUntil(Map.of(P0, 300L, P1, 300L), 50);
    assertEquals(List.of("200", "200", "200"), newRowsAndOffsets(f));
    worker.stop();
  }

  /**
   * A task that starts after the re-creation knows nothing of the old table: its channels have no
   * token, so it resumes from Kafka's committed offsets, again without a gap or a duplicate in the
   * new table.
   */
  @Test
  void aTaskStartedAfterTheTableWasCreatedAgainResumesFromKafkasOffsets() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "stream_recreate_restart");
    Map<TopicPartition, List<SinkRecord>> log = log(200);
    SimulatedWorker worker = new SimulatedWorker(log);
    worker.start(streaming(f, "stream_recreate_restart"));
    worker.drain(50);
    worker.commitUntil(Map.of(P0, 200L, P1, 200L));
    worker.stop();
    recreateTable(f);

    log.get(P0).addAll(FloeFixture.records(P0, 300).subList(200, 300));
    log.get(P1).addAll(FloeFixture.records(P1, 300).subList(200, 300));
    worker.start(streaming(f, "stream_recreate_restart"));
    worker.drain(50);
    worker.commitUntil(Map.of(P0, 300L, P1, 300L));
    assertEquals(List.of("200", "200", "200"), newRowsAndOffsets(f));
    worker.stop();
  }

  private static void recreateTable(FloeFixture f) {
    f.query(
        "create or replace table "
            + f.database()
            + ".PUBLIC.CLICKS (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT)");
  }

  /** Rows, distinct (partition, offset) pairs, and rows at offsets 200 and above. */
  private static List<String> newRowsAndOffsets(FloeFixture f) {
    return f.query(
            "select count(*), count(distinct record_metadata:partition::string || '/' ||"
                + " record_metadata:offset::string),"
                + " count(case when record_metadata:offset::number >= 200 then 1 end) from "
                + f.database()
                + ".PUBLIC.CLICKS")
        .get(0);
  }
}
