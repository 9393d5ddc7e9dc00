package io.floe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A topic deleted and re-created under a running Floe connector's name, in a real Connect worker:
 * Kafka cannot resume past what Floe staged and falls back to the beginning of the new topic. The
 * task fails with FLOE-3010 by default; with floe.offset.reset.behavior=new_generation the new
 * records load next to the old ones.
 */
class TopicRecreatedIT {
  @RegisterExtension
  @Order(1)
  static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @RegisterExtension
  @Order(2)
  static final ConnectClusterExtension connect = ConnectClusterExtension.withWorkers(1).build();

  @Test
  void aRecreatedTopicFailsTheTaskByDefaultAndLoadsAsANewGeneration() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_topic_again");
    connect.createTopic("clicks", 2);
    Map<String, String> config = floe(f);
    connect.configureConnector("floe-again", config);
    connect.awaitRunning("floe-again", 1);
    produce(0, 20); // 10 per partition
    f.awaitRows("CLICKS", 20);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));

    connect.deleteConnector("floe-again");
    connect.kafka().deleteTopic("clicks");
    Await.until(
        "the topic to be re-created",
        Duration.ofSeconds(60),
        () -> {
          try {
            connect.createTopic("clicks", 2);
            return Await.Poll.done(true);
          } catch (RuntimeException e) {
            return Await.Poll.notYet(e.getMessage());
          }
        });
    produce(100, 6); // offsets 0..2 in each partition of the new topic

    connect.configureConnector("floe-again", config);
    ConnectorStatus failed = connect.awaitTaskFailed("floe-again", 0);
    String trace = failed.task(0).trace();
    assertTrue(trace.contains("FLOE-3010"), trace);
    assertTrue(trace.contains("Topic clicks, partition "), trace);
    assertTrue(trace.contains("cover offsets up to 9"), trace);
    assertTrue(trace.contains("delivered offset 0"), trace);
    assertEquals(20, rows(f), "nothing of the new topic loaded");

    config.put("floe.offset.reset.behavior", "new_generation");
    // New task configs: the worker replaces the failed task (its FAILED state shows until then).
    connect.configureConnector("floe-again", config);
    connect.awaitStatus("floe-again", "RUNNING again", s -> s.isRunning(1), false);
    f.awaitRows("CLICKS", 26);
    produce(106, 4);
    f.awaitRows("CLICKS", 30);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertEquals(
        List.of("30", "30"),
        f.query(
                "select count(*), count(distinct record_content:id::number) from "
                    + f.database()
                    + ".PUBLIC.CLICKS")
            .get(0));
  }

  private static long rows(FloeFixture f) {
    return f.count("select count(*) from " + f.database() + ".PUBLIC.CLICKS");
  }

  private static Map<String, String> floe(FloeFixture f) {
    Map<String, String> config = new LinkedHashMap<>(f.config("floe-again", 5));
    config.put("connector.class", ConnectorClasses.FLOE);
    config.put("tasks.max", "1");
    config.put("topics", "clicks");
    config.put("buffer.flush.time", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  /** Clicks {@code first..first+count-1}, click i to partition i % 2. */
  private static void produce(int first, int count) {
    List<JsonRecord> records = new ArrayList<>();
    for (int id = first; id < first + count; id++) {
      Map<String, Object> click = new LinkedHashMap<>();
      click.put("id", id);
      records.add(JsonRecord.of("clicks", id % 2, "click-" + id, click));
    }
    connect.produce(records);
  }
}
