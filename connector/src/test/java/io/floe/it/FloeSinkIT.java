package io.floe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Floe's packaged plugin in a distributed Connect cluster, loading into the local Snowflake: the
 * same machinery as {@link FileStreamSinkIT}, with Floe as the sink and exactly once as the bar.
 */
class FloeSinkIT {
  @RegisterExtension
  @Order(1)
  static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @RegisterExtension
  @Order(2)
  static final ConnectClusterExtension connect = ConnectClusterExtension.withWorkers(2).build();

  @Test
  void ordersLandOnceWithTwoTasksOnTwoWorkers() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_spread");
    connect.createTopic("orders", 4);
    connect.configureConnector("floe-spread", floe(f, "floe-spread", "orders", 5));
    connect.awaitStatus(
        "floe-spread",
        "RUNNING with 2 tasks on 2 workers",
        s -> s.isRunning(2) && s.taskWorkerCount() == 2,
        true);

    produce("orders", 0, 40); // 10 per partition: two full buffers of 5 each

    f.awaitRows("ORDERS", 40);
    assertExactlyOnce(f, "ORDERS", 40);
    assertEquals(
        List.of(List.of("13", "widget-6", "1", "3")),
        f.query(
            "select record_content:id::number, record_content:item::string,"
                + " record_metadata:partition::number, record_metadata:offset::number from "
                + f.database()
                + ".PUBLIC.ORDERS where record_content:id = 13"));
  }

  @Test
  void aWorkerStoppedMidStreamLosesAndDuplicatesNothing() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_failover");
    connect.createTopic("events", 4);
    Map<String, String> config = floe(f, "floe-failover", "events", 10);
    // Partial buffers flush after a second, so every record is staged without more traffic.
    config.put("buffer.flush.time", "1");
    connect.configureConnector("floe-failover", config);
    connect.awaitStatus(
        "floe-failover",
        "RUNNING with 2 tasks on 2 workers",
        s -> s.isRunning(2) && s.taskWorkerCount() == 2,
        true);
    produce("events", 0, 40);
    f.awaitRows("EVENTS", 40);

    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<Void> during =
        CompletableFuture.runAsync(
            () -> {
              for (int start = 40; start < 240; start += 10) {
                produce("events", start, 10);
                sent.addAndGet(10);
              }
            });
    Await.until("the background producer to start", Duration.ofSeconds(30), () -> sent.get() > 0);
    URI stopped = connect.stopWorker(connect.workerRunningTask("floe-failover", 1));
    during.get(60, TimeUnit.SECONDS);
    produce("events", 240, 40);

    URI survivor = connect.workers().get(0).url();
    connect.awaitStatus(
        "floe-failover",
        "RUNNING with both tasks on the surviving worker "
            + survivor
            + " (stopped "
            + stopped
            + ")",
        s -> s.isRunning(2) && s.tasks().stream().allMatch(t -> t.runsOn(survivor)),
        true);
    f.awaitRows("EVENTS", 280);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertExactlyOnce(f, "EVENTS", 280);
  }

  @Test
  void aConnectorDeletedAndCreatedAgainResumesWithoutDuplicatesOrGaps() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_recreate");
    connect.createTopic("payments", 4);
    Map<String, String> config = floe(f, "floe-recreate", "payments", 3);
    config.put("buffer.flush.time", "1");
    connect.configureConnector("floe-recreate", config);
    connect.awaitRunning("floe-recreate", 2);
    produce("payments", 0, 40);
    f.awaitRows("PAYMENTS", 40);

    connect.deleteConnector("floe-recreate");
    produce("payments", 40, 40); // arrives while no connector runs

    // Same name, different flush boundaries: ranges must still never overlap.
    config.put("buffer.count.records", "7");
    connect.configureConnector("floe-recreate", config);
    connect.awaitRunning("floe-recreate", 2);
    produce("payments", 80, 40);
    f.awaitRows("PAYMENTS", 120);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertExactlyOnce(f, "PAYMENTS", 120);
  }

  @Test
  void validateNamesTheSettingToFix() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_validate");
    Map<String, String> good = floe(f, "floe-validate", "anything", 10);
    assertEquals(0, connect.validate(ConnectorClasses.FLOE, good).errorCount(), "a good config");

    Map<String, String> badKey = new LinkedHashMap<>(good);
    badKey.put("snowflake.private.key", "this is not a key");
    ConfigValidation v = connect.validate(ConnectorClasses.FLOE, badKey);
    assertEquals(List.of("snowflake.private.key"), List.copyOf(v.errors().keySet()), v.toString());
    assertTrue(v.errorsFor("snowflake.private.key").get(0).contains("Remedy:"), v.toString());

    Map<String, String> badDatabase = new LinkedHashMap<>(good);
    badDatabase.put("snowflake.database.name", "missing_db");
    v = connect.validate(ConnectorClasses.FLOE, badDatabase);
    assertEquals(
        List.of("snowflake.database.name"), List.copyOf(v.errors().keySet()), v.toString());

    Map<String, String> badMap = new LinkedHashMap<>(good);
    badMap.put("snowflake.topic2table.map", "orders:ORDERS,payments");
    v = connect.validate(ConnectorClasses.FLOE, badMap);
    assertEquals(
        List.of("snowflake.topic2table.map"), List.copyOf(v.errors().keySet()), v.toString());
    assertTrue(v.errorsFor("snowflake.topic2table.map").get(0).contains("payments"), v.toString());
  }

  /** As many rows as records, one per (partition, offset), and every offset of each partition. */
  private static void assertExactlyOnce(FloeFixture f, String table, int records) {
    List<String> counts =
        f.query(
                "select count(*),"
                    + " count(distinct record_metadata:partition::string || '-'"
                    + " || record_metadata:offset::string),"
                    + " sum(record_metadata:offset::number) from "
                    + f.database()
                    + ".PUBLIC."
                    + table)
            .get(0);
    // Records are spread evenly over 4 partitions, so offsets run 0..n-1 in each.
    long perPartition = records / 4;
    long offsetSum = 4 * perPartition * (perPartition - 1) / 2;
    assertEquals(
        List.of(String.valueOf(records), String.valueOf(records), String.valueOf(offsetSum)),
        counts,
        "rows, distinct (partition, offset), sum of offsets");
  }

  private static Map<String, String> floe(
      FloeFixture f, String name, String topic, int bufferRecords) {
    Map<String, String> config = new LinkedHashMap<>(f.config(name, bufferRecords));
    config.put("connector.class", ConnectorClasses.FLOE);
    config.put("tasks.max", "2");
    config.put("topics", topic);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  /** Orders {@code first..first+count-1}, order i to partition i % 4. */
  private static void produce(String topic, int first, int count) {
    List<JsonRecord> records = new ArrayList<>();
    for (int id = first; id < first + count; id++) {
      Map<String, Object> order = new LinkedHashMap<>();
      order.put("id", id);
      order.put("item", "widget-" + (id % 7));
      records.add(JsonRecord.of(topic, id % 4, "order-" + id, order));
    }
    connect.produce(records);
  }
}
