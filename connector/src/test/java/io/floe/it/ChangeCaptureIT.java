package io.floe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * floe.cdc.mode=upsert in a Connect cluster of two workers: flattened change events
 * (ExtractNewRecordState's form with __deleted, keyed by floe.cdc.key.fields) over three
 * partitions; one worker is stopped while changes flow, and the target still ends equal to the
 * source table, row for row.
 */
class ChangeCaptureIT {
  @RegisterExtension
  @Order(1)
  static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @RegisterExtension
  @Order(2)
  static final ConnectClusterExtension connect = ConnectClusterExtension.withWorkers(2).build();

  private static final String TOPIC = "shop.public.items";

  private final Random random = new Random(77);
  private final Map<Integer, String> source = new TreeMap<>();

  @Test
  void aMirroredTableConvergesWhileAWorkerStops() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_cdc");
    connect.createTopic(TOPIC, 3);
    Map<String, String> config = new LinkedHashMap<>(f.config("floe-cdc", 10));
    config.put("connector.class", ConnectorClasses.FLOE);
    config.put("tasks.max", "2");
    config.put("topics", TOPIC);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("buffer.flush.time", "1");
    config.put("snowflake.enable.schematization", "true");
    config.put("snowflake.topic2table.map", TOPIC + ":ITEMS");
    config.put("floe.cdc.mode", "upsert");
    config.put("floe.cdc.key.fields", "id");
    config.put("floe.cdc.apply.interval.ms", "200");
    connect.configureConnector("floe-cdc", config);
    connect.awaitStatus(
        "floe-cdc",
        "RUNNING with 2 tasks on 2 workers",
        s -> s.isRunning(2) && s.taskWorkerCount() == 2,
        true);

    connect.produce(changes(120));
    awaitMirror(f);

    CompletableFuture<Void> during =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 10; i++) {
                connect.produce(changes(20));
              }
            });
    connect.stopWorker(connect.workerRunningTask("floe-cdc", 1));
    during.get(60, TimeUnit.SECONDS);
    connect.produce(changes(40));
    URI survivor = connect.workers().get(0).url();
    connect.awaitStatus(
        "floe-cdc",
        "RUNNING with both tasks on the surviving worker",
        s -> s.isRunning(2) && s.tasks().stream().allMatch(t -> t.runsOn(survivor)),
        true);
    awaitMirror(f);
  }

  private void awaitMirror(FloeFixture f) {
    List<String> expected =
        source.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()).toList();
    try {
      Poll.until(Duration.ofSeconds(120), () -> rows(f), expected::equals);
    } catch (AssertionError timedOut) {
      assertEquals(expected, rows(f), "the mirrored table");
      throw timedOut;
    }
  }

  private static List<String> rows(FloeFixture f) {
    try {
      return f.query("select ID, NAME from " + f.database() + ".PUBLIC.ITEMS order by ID").stream()
          .map(r -> String.join("|", r))
          .toList();
    } catch (AssertionError e) {
      return List.of();
    }
  }

  /** {@code count} source changes over keys 1..25, each key's in partition key % 3. */
  private synchronized List<JsonRecord> changes(int count) {
    List<JsonRecord> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int key = 1 + random.nextInt(25);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", key);
      if (source.containsKey(key) && random.nextInt(10) < 3) {
        row.put("name", source.remove(key));
        row.put("__deleted", "true");
      } else {
        String name = "name-" + key + "-" + random.nextInt(1000);
        source.put(key, name);
        row.put("name", name);
        row.put("__deleted", "false");
      }
      out.add(JsonRecord.of(TOPIC, key % 3, "k" + key, row));
    }
    return out;
  }
}
