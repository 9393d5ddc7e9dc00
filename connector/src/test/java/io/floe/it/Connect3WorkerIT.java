package io.floe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The oldest Kafka Connect Floe supports: the packaged plugin in a real Kafka Connect 3.0 worker
 * process (jars listed in src/test/connect-3/pom.xml, fetched by the build into {@value #LIB}),
 * validated, loading rows, and killed with {@code kill -9} mid-stream without losing or duplicating
 * any, or, with change data capture, without the mirrored table diverging from its source.
 */
class Connect3WorkerIT {
  private static final String LIB = "floe.connect3.lib";
  private static final String CONNECTOR = "floe-connect3";
  private static final String STREAMING_CONNECTOR = "floe-connect3-streaming";

  @RegisterExtension
  @Order(1)
  static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static EmbeddedKafkaCluster kafka;
  private static RecordWriter writer;
  private static WorkerProcess worker;

  @BeforeAll
  static void start() {
    Path lib = Path.of(System.getProperty(LIB, "target/connect-3/lib"));
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(
          lib
              + " does not exist: run this IT with `mvn verify`, which fetches the Connect 3"
              + " jars.");
    }
    kafka = new EmbeddedKafkaCluster(1, new Properties());
    kafka.start();
    writer = new RecordWriter(kafka);
    worker =
        new WorkerProcess(
            lib,
            lib.getParent().resolve("worker"),
            kafka.bootstrapServers(),
            PluginPath.stage(),
            "connect3-" + System.nanoTime());
    worker.start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    try {
      if (worker != null) {
        worker.close();
      }
      if (writer != null) {
        writer.close();
      }
    } finally {
      if (kafka != null) {
        kafka.stop();
      }
    }
  }

  @Test
  void floeLoadsExactlyOnceInAConnect3Worker() throws Exception {
    String version = worker.get("/").get("version").asText();
    assertTrue(version.startsWith("3.0."), "the worker runs Kafka Connect 3.0, not " + version);
    JsonNode plugins = worker.get("/connector-plugins");
    assertTrue(
        StreamSupport.stream(plugins.spliterator(), false)
            .anyMatch(p -> p.get("class").asText().equals(ConnectorClasses.FLOE)),
        "the worker lists Floe: " + plugins);

    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_connect3");
    Map<String, String> config = new LinkedHashMap<>(f.config(CONNECTOR, 25));
    config.put("tasks.max", "2");
    config.put("topics", "orders");
    config.put("buffer.flush.time", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");

    String validate = "/connector-plugins/" + ConnectorClasses.FLOE + "/config/validate";
    assertEquals(0, worker.put(validate, config).get("error_count").asInt(), "a good config");
    Map<String, String> badKey = new LinkedHashMap<>(config);
    badKey.put("snowflake.private.key", "this is not a key");
    JsonNode invalid = worker.put(validate, badKey);
    assertEquals(List.of("snowflake.private.key"), keysWithErrors(invalid), invalid.toString());

    kafka.createTopic("orders", 4);
    worker.put("/connectors/" + CONNECTOR + "/config", config);
    awaitRunning(2);
    produce(0, 200);
    f.awaitRows("ORDERS", 200);

    // Records produced while no worker runs, and a worker that dies without committing anything.
    produce(200, 100);
    worker.kill();
    produce(300, 100);
    worker.start();
    awaitRunning(2);
    produce(400, 100);
    f.awaitRows("ORDERS", 500);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));

    List<String> counts =
        f.query(
                "select count(*), count(distinct record_metadata:partition::string || '-'"
                    + " || record_metadata:offset::string), count(distinct record_content:id)"
                    + " from it_connect3.PUBLIC.ORDERS")
            .get(0);
    assertEquals(
        List.of("500", "500", "500"), counts, "rows, distinct (partition, offset), distinct ids");

    // The worker logs at INFO; the drivers' per-request INFO lines stay out of its log, and the
    // JDBC driver logs through it (SLF4J) rather than java.util.logging on stderr.
    List<String> chatter =
        worker.logLines().stream()
            .filter(l -> l.contains(" INFO ") && l.contains("(net.snowflake."))
            .toList();
    assertEquals(
        List.of(), chatter.stream().limit(5).toList(), "driver INFO lines in the worker log");
    List<String> julOnStderr =
        worker.outputLines().stream().filter(l -> l.contains("net.snowflake.client")).toList();
    assertEquals(List.of(), julOnStderr.stream().limit(5).toList(), "JDBC lines on stderr");
  }

  @Test
  void aTopicRenamingTransformFailsTheTaskWithFloe5020() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_connect3_renamed");
    String name = "floe-connect3-renamed";
    Map<String, String> config = new LinkedHashMap<>(f.config(name, 5));
    config.put("tasks.max", "1");
    config.put("topics", "renamed_in");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("transforms", "route");
    config.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.route.regex", "(.*)");
    config.put("transforms.route.replacement", "$1_out");
    kafka.createTopic("renamed_in", 1);
    worker.put("/connectors/" + name + "/config", config);
    writer.sendJson(List.of(JsonRecord.of("renamed_in", 0, "k", Map.of("id", 1))));

    // Connect 3.0 records carry only the renamed topic, whose partition the task never opened.
    String trace =
        Await.until(
            "the task of " + name + " FAILED",
            ConnectClusterExtension.STATE_TIMEOUT,
            () -> {
              JsonNode s = worker.get("/connectors/" + name + "/status");
              for (JsonNode t : s.get("tasks")) {
                if ("FAILED".equals(t.get("state").asText())) {
                  return Await.Poll.done(t.get("trace").asText());
                }
              }
              return Await.Poll.<String>notYet(s.toString());
            });
    assertTrue(trace.contains("FLOE-5020"), trace);
    assertTrue(trace.contains("renamed_in_out-0"), trace);
    assertTrue(trace.contains("Kafka Connect 3.6 or later"), trace);
  }

  /**
   * Snowpipe Streaming from the packaged plugin: the SDK's classes the plugin jar bundles (the
   * shade plugin keeps only what Floe reaches) are enough for it in a real worker, and a worker
   * killed mid-stream neither loses nor duplicates a row.
   */
  @Test
  void floeStreamsExactlyOnceInAConnect3Worker() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_connect3_streaming");
    Map<String, String> config = new LinkedHashMap<>(f.config(STREAMING_CONNECTOR, 25));
    config.put("snowflake.ingestion.method", "SNOWPIPE_STREAMING");
    config.put("snowflake.role.name", "ACCOUNTADMIN");
    config.put("snowflake.streaming.max.client.lag", "1");
    config.put("tasks.max", "2");
    config.put("topics", "clicks");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    String validate = "/connector-plugins/" + ConnectorClasses.FLOE + "/config/validate";
    assertEquals(0, worker.put(validate, config).get("error_count").asInt(), "a good config");

    kafka.createTopic("clicks", 4);
    worker.put("/connectors/" + STREAMING_CONNECTOR + "/config", config);
    awaitRunning(STREAMING_CONNECTOR, 2);
    produce("clicks", 0, 200);
    f.awaitRows("CLICKS", 200);
    produce("clicks", 200, 100);
    worker.kill();
    produce("clicks", 300, 100);
    worker.start();
    awaitRunning(STREAMING_CONNECTOR, 2);
    produce("clicks", 400, 100);
    f.awaitRows("CLICKS", 500);

    List<String> counts =
        f.query(
                "select count(*), count(distinct record_metadata:partition::string || '-'"
                    + " || record_metadata:offset::string), count(distinct record_content:id)"
                    + " from it_connect3_streaming.PUBLIC.CLICKS")
            .get(0);
    assertEquals(
        List.of("500", "500", "500"), counts, "rows, distinct (partition, offset), distinct ids");
  }

  /**
   * Change data capture in a real worker killed with {@code kill -9}: Debezium envelopes over three
   * partitions (inserts, updates, deletes with tombstones, keys reused), the worker killed while
   * changes it loaded are not applied yet and more are in flight, changes produced while it is
   * down; after a restart the mirrored table equals the source row for row, and nothing is left
   * pending.
   */
  @Test
  void aMirroredTableConvergesAfterTheWorkerIsKilled() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_connect3_cdc");
    String name = "floe-connect3-cdc";
    String topic = "pg.public.items";
    Map<String, String> config = new LinkedHashMap<>(f.config(name, 10));
    config.put("tasks.max", "2");
    config.put("topics", topic);
    config.put("buffer.flush.time", "1");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "false");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("snowflake.enable.schematization", "true");
    config.put("snowflake.topic2table.map", topic + ":ITEMS");
    config.put("floe.cdc.mode", "upsert");
    // Long enough that the kill below finds loaded changes not applied yet.
    config.put("floe.cdc.apply.interval.ms", "2000");
    kafka.createTopic(topic, 3);
    worker.put("/connectors/" + name + "/config", config);
    awaitRunning(name, 2);

    EnvelopeChanges source = new EnvelopeChanges(topic, 3, 30, 91);
    Map<Integer, Long> last = new TreeMap<>();
    produceChanges(source.next(120), last);
    awaitMirror(f, source.rows()); // applied at least once

    produceChanges(source.next(120), last);
    String changes = f.database() + ".PUBLIC.ITEMS_FLOE_CHANGES";
    Poll.until(
        Duration.ofSeconds(30), () -> f.count("select count(*) from " + changes), n -> n > 0);
    produceChanges(source.next(60), last);
    worker.kill();
    produceChanges(source.next(60), last);
    worker.start();
    awaitRunning(name, 2);
    produceChanges(source.next(60), last);
    awaitMirror(f, source.rows());

    Poll.until(
        Duration.ofSeconds(30), () -> f.count("select count(*) from " + changes), n -> n == 0);
    List<List<String>> expected = new ArrayList<>();
    last.forEach((p, o) -> expected.add(List.of(String.valueOf(p), String.valueOf(o))));
    assertEquals(
        expected,
        f.query(
            "select KAFKA_PARTITION, APPLIED_OFFSET from "
                + f.database()
                + ".PUBLIC.FLOE_CDC_PROGRESS order by KAFKA_PARTITION"),
        "every change applied, through each partition's last offset");
  }

  private static void produceChanges(List<JsonRecord> changes, Map<Integer, Long> last) {
    for (RecordMetadata m : writer.sendJson(changes)) {
      last.merge(m.partition(), m.offset(), Math::max);
    }
  }

  private static void awaitMirror(FloeFixture f, List<String> expected) {
    Supplier<List<String>> rows =
        () -> {
          try {
            return f
                .query("select ID, NAME, QTY from " + f.database() + ".PUBLIC.ITEMS order by ID")
                .stream()
                .map(r -> String.join("|", r))
                .toList();
          } catch (AssertionError e) {
            return List.of(); // not created yet
          }
        };
    try {
      Poll.until(Duration.ofSeconds(90), rows, expected::equals);
    } catch (AssertionError timedOut) {
      assertEquals(expected, rows.get(), "the mirrored table");
      throw timedOut;
    }
  }

  private static List<String> keysWithErrors(JsonNode validation) {
    List<String> keys = new ArrayList<>();
    for (JsonNode c : validation.get("configs")) {
      if (c.get("value").get("errors").size() > 0) {
        keys.add(c.get("value").get("name").asText());
      }
    }
    return keys;
  }

  private static void awaitRunning(int tasks) {
    awaitRunning(CONNECTOR, tasks);
  }

  private static void awaitRunning(String connector, int tasks) {
    Await.until(
        "connector " + connector + " RUNNING with " + tasks + " tasks",
        ConnectClusterExtension.STATE_TIMEOUT,
        () -> {
          JsonNode s = worker.get("/connectors/" + connector + "/status");
          for (JsonNode t : s.get("tasks")) {
            if ("FAILED".equals(t.get("state").asText())) {
              throw new AssertionError("task failed: " + t.get("trace").asText());
            }
          }
          boolean running =
              "RUNNING".equals(s.get("connector").get("state").asText())
                  && s.get("tasks").size() == tasks
                  && StreamSupport.stream(s.get("tasks").spliterator(), false)
                      .allMatch(t -> "RUNNING".equals(t.get("state").asText()));
          return running ? Await.Poll.done(s) : Await.Poll.<JsonNode>notYet(s.toString());
        });
  }

  /** Orders {@code first..first+count-1}, order i to partition i % 4. */
  private static void produce(int first, int count) {
    produce("orders", first, count);
  }

  private static void produce(String topic, int first, int count) {
    List<JsonRecord> records = new ArrayList<>();
    for (int id = first; id < first + count; id++) {
      Map<String, Object> order = new LinkedHashMap<>();
      order.put("id", id);
      order.put("item", "widget-" + (id % 7));
      records.add(JsonRecord.of(topic, id % 4, "order-" + id, order));
    }
    writer.sendJson(records);
  }
}
