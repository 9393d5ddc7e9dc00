package io.floe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.testing.FloeFixture;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.http.Faults;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snowpipe Streaming mode in a distributed Connect cluster of two workers, through the packaged
 * plugin, the real ingest SDK and the local Snowflake: while records flow, a worker stops, the
 * tasks are replaced, or blob registrations and uploads fail, and the table still holds every
 * produced record once (rows = distinct offsets = produced) and Kafka commits all of them; a table
 * created again gets every record produced after that once.
 *
 * <p>The three tests share one cluster (starting one costs seconds) and each writes its own topic
 * and table.
 */
class FloeStreamingIT {
  private static final int PARTITIONS = 4;

  @RegisterExtension
  @Order(1)
  static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @RegisterExtension
  @Order(2)
  static final ConnectClusterExtension connect = ConnectClusterExtension.withWorkers(2).build();

  @Test
  void aWorkerStoppedMidStreamLosesAndDuplicatesNothing() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_stream_failover");
    startOnTwoWorkers(f, "floe-stream-failover", "clicks");
    produce("clicks", 0, 40);
    f.awaitRows("CLICKS", 40);

    CompletableFuture<Void> during = produceInBackground("clicks", 40, 200);
    URI stopped = connect.stopWorker(connect.workerRunningTask("floe-stream-failover", 1));
    during.get(60, TimeUnit.SECONDS);
    produce("clicks", 240, 40);

    URI survivor = connect.workers().get(0).url();
    connect.awaitStatus(
        "floe-stream-failover",
        "RUNNING with both tasks on the surviving worker "
            + survivor
            + " (stopped "
            + stopped
            + ")",
        s -> s.isRunning(2) && s.tasks().stream().allMatch(t -> t.runsOn(survivor)),
        true);
    assertExactlyOnce(f, "floe-stream-failover", "clicks", 280);
  }

  @Test
  void tasksReplacedWhileRecordsFlowLoseAndDuplicateNothing() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_stream_restart");
    startOnTwoWorkers(f, "floe-stream-restart", "views");
    produce("views", 0, 40);
    f.awaitRows("VIEWS", 40);

    CompletableFuture<Void> during = produceInBackground("views", 40, 200);
    // Through the REST API, as an operator does: each task stops (closing its channels) and a new
    // instance opens them again, while the producer keeps sending.
    connect.cluster().restartTask("floe-stream-restart", 0);
    connect.cluster().restartTask("floe-stream-restart", 1);
    during.get(60, TimeUnit.SECONDS);
    connect.awaitRunning("floe-stream-restart", 2);
    produce("views", 240, 40);
    assertExactlyOnce(f, "floe-stream-restart", "views", 280);
  }

  @Test
  void failedBlobRegistrationsAndUploadsWhileRecordsFlowLoadNothingTwice() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_stream_faults");
    startOnTwoWorkers(f, "floe-stream-faults", "taps");
    produce("taps", 0, 40);
    f.awaitRows("TAPS", 40);

    Faults faults = SNOWFLAKE.get().faults();
    CompletableFuture<Void> during = produceInBackground("taps", 40, 200);
    // Refused registrations the SDK re-sends, and registrations that took effect but whose
    // answer was lost, so the SDK re-sends a registration Snowflake already committed.
    faults.fail(Faults.Endpoint.REGISTER_BLOBS, 3);
    faults.loseResponse(Faults.Endpoint.REGISTER_BLOBS, 2);
    during.get(60, TimeUnit.SECONDS);
    Await.until(
        "the registration faults to be used", Duration.ofSeconds(60), () -> faults.pending() == 0);

    // Then uploads the SDK gives up on, until two channels were reopened: it invalidates the
    // blobs' channels, and their tasks reopen them and read the lost records again.
    faults.failBlobUploads(2);
    produce("taps", 240, 40);
    Await.until("the upload fault to end", Duration.ofSeconds(60), () -> faults.pending() == 0);
    produce("taps", 280, 40);
    assertExactlyOnce(f, "floe-stream-faults", "taps", 320);
  }

  @Test
  void aTableCreatedAgainWhileRecordsFlowGetsEveryLaterRecordOnce() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_stream_recreate");
    startOnTwoWorkers(f, "floe-stream-recreate", "swipes");
    produce("swipes", 0, 40);
    awaitCommitted("floe-stream-recreate", "swipes", 10);

    // Snowflake drops the table's channels with it: every task finds its channels gone, reopens
    // them on the new table and resumes after what the old one committed.
    f.query(
        "create or replace table "
            + f.database()
            + ".PUBLIC.SWIPES (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT)");
    produce("swipes", 40, 40);
    awaitCommitted("floe-stream-recreate", "swipes", 20);
    assertEquals(
        List.of("40", "40", "40", "10", "40"),
        f.query(
                "select count(*), count(distinct record_metadata:partition::string || '-'"
                    + " || record_metadata:offset::string), count(distinct record_content:id),"
                    + " min(record_metadata:offset::number), min(record_content:id::number) from "
                    + f.database()
                    + ".PUBLIC.SWIPES")
            .get(0),
        "rows, distinct (partition, offset), distinct ids, lowest offset, lowest id: only the"
            + " records produced after the re-creation, once each");
  }

  private static void startOnTwoWorkers(FloeFixture f, String name, String topic) {
    connect.createTopic(topic, PARTITIONS);
    connect.configureConnector(name, streaming(f, name, topic));
    connect.awaitStatus(
        name,
        "RUNNING with 2 tasks on 2 workers",
        s -> s.isRunning(2) && s.taskWorkerCount() == 2,
        true);
  }

  /**
   * What a user checks: one row per produced record (rows = distinct (partition, offset) = every
   * offset of every partition), and Kafka's committed offsets past the last record of each
   * partition.
   */
  private static void assertExactlyOnce(FloeFixture f, String connector, String topic, int total) {
    String table = topic.toUpperCase(Locale.ROOT);
    long perPartition = total / PARTITIONS;
    awaitCommitted(connector, topic, perPartition);
    List<String> counts =
        f.query(
                "select count(*),"
                    + " count(distinct record_metadata:partition::string || '-'"
                    + " || record_metadata:offset::string),"
                    + " count(distinct record_content:id), sum(record_metadata:offset::number)"
                    + " from "
                    + f.database()
                    + ".PUBLIC."
                    + table)
            .get(0);
    long offsetSum = PARTITIONS * perPartition * (perPartition - 1) / 2;
    String n = String.valueOf(total);
    assertEquals(
        List.of(n, n, n, String.valueOf(offsetSum)),
        counts,
        "rows, distinct (partition, offset), distinct ids, sum of offsets");
  }

  /** Waits until Kafka committed {@code perPartition} (the next offset) for every partition. */
  private static void awaitCommitted(String connector, String topic, long perPartition) {
    Map<TopicPartition, Long> expected = new LinkedHashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      expected.put(new TopicPartition(topic, p), perPartition);
    }
    Await.until(
        "Kafka to commit " + expected + " for " + connector,
        Duration.ofSeconds(90),
        () -> {
          Map<TopicPartition, Long> committed = connect.committedOffsets(connector);
          return committed.equals(expected)
              ? Await.Poll.done(committed)
              : Await.Poll.notYet(committed.toString());
        });
  }

  private static Map<String, String> streaming(FloeFixture f, String name, String topic) {
    Map<String, String> config = new LinkedHashMap<>(f.config(name, 25));
    config.put("connector.class", ConnectorClasses.FLOE);
    config.put("snowflake.ingestion.method", "SNOWPIPE_STREAMING");
    config.put("snowflake.role.name", "ACCOUNTADMIN");
    config.put("snowflake.streaming.max.client.lag", "1");
    config.put("tasks.max", "2");
    config.put("topics", topic);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  /** Records {@code first..first+count-1} in batches of 10 from another thread. */
  private static CompletableFuture<Void> produceInBackground(String topic, int first, int count) {
    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<Void> during =
        CompletableFuture.runAsync(
            () -> {
              for (int start = first; start < first + count; start += 10) {
                produce(topic, start, 10);
                sent.addAndGet(10);
              }
            });
    Await.until("the background producer to start", Duration.ofSeconds(30), () -> sent.get() > 0);
    return during;
  }

  /** Records {@code first..first+count-1}, record i to partition i % 4. */
  private static void produce(String topic, int first, int count) {
    List<JsonRecord> records = new ArrayList<>();
    for (int id = first; id < first + count; id++) {
      Map<String, Object> click = new LinkedHashMap<>();
      click.put("id", id);
      click.put("page", "page-" + (id % 7));
      records.add(JsonRecord.of(topic, id % PARTITIONS, "click-" + id, click));
    }
    connect.produce(records);
  }
}
