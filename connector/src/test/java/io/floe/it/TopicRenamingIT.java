package io.floe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.testing.FloeFixture;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RegexRouter on a Floe connector in a real Connect worker: records reach the task under the
 * renamed topic, rows go to the renamed topic's table, and Floe follows the original partitions and
 * offsets, across a restart of the connector, exactly once.
 */
class TopicRenamingIT {
  @RegisterExtension
  @Order(1)
  static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @RegisterExtension
  @Order(2)
  static final ConnectClusterExtension connect = ConnectClusterExtension.withWorkers(1).build();

  @Test
  void aRegexRouterLoadsIntoTheRenamedTopicsTableExactlyOnce() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_renamed");
    connect.createTopic("orders", 2);
    Map<String, String> config = floe(f);
    connect.configureConnector("floe-renamed", config);
    connect.awaitRunning("floe-renamed", 1);
    produce(0, 20);
    f.awaitRows("ORDERS_ROUTED", 20);

    // A new task recovers from the routed table's stage and Kafka's committed offsets.
    connect.deleteConnector("floe-renamed");
    connect.configureConnector("floe-renamed", config);
    connect.awaitRunning("floe-renamed", 1);
    produce(20, 10);
    f.awaitRows("ORDERS_ROUTED", 30);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));

    assertEquals(
        List.of("30", "30", "30"),
        f.query(
                "select count(*), count(distinct record_metadata:partition::string || '-' ||"
                    + " record_metadata:offset::string), count(distinct record_content:id::number)"
                    + " from "
                    + f.database()
                    + ".PUBLIC.ORDERS_ROUTED")
            .get(0),
        "rows, distinct (partition, offset), distinct ids");
    Map<TopicPartition, Long> expected =
        Map.of(new TopicPartition("orders", 0), 15L, new TopicPartition("orders", 1), 15L);
    Await.until(
        "offsets committed for the original topic",
        Duration.ofSeconds(60),
        () -> {
          Map<TopicPartition, Long> committed = connect.committedOffsets("floe-renamed");
          return committed.equals(expected)
              ? Await.Poll.done(committed)
              : Await.Poll.notYet(committed.toString());
        });
    assertEquals(
        List.of(),
        f.query("show tables like 'ORDERS' in schema " + f.database() + ".PUBLIC"),
        "no table for the topic before renaming");
  }

  private static Map<String, String> floe(FloeFixture f) {
    Map<String, String> config = new LinkedHashMap<>(f.config("floe-renamed", 5));
    config.put("connector.class", ConnectorClasses.FLOE);
    config.put("tasks.max", "1");
    config.put("topics", "orders");
    config.put("buffer.flush.time", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("transforms", "route");
    config.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.route.regex", "(.*)");
    config.put("transforms.route.replacement", "$1_routed");
    return config;
  }

  /** Orders {@code first..first+count-1}, order i to partition i % 2. */
  private static void produce(int first, int count) {
    List<JsonRecord> records = new ArrayList<>();
    for (int id = first; id < first + count; id++) {
      Map<String, Object> order = new LinkedHashMap<>();
      order.put("id", id);
      records.add(JsonRecord.of("orders", id % 2, "order-" + id, order));
    }
    connect.produce(records);
  }
}
