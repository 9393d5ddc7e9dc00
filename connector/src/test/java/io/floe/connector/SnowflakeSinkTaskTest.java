package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.http.Faults;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SnowflakeSinkTask against the local Snowflake, driven the way a Connect worker drives it. */
class SnowflakeSinkTaskTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void recordsLandWithTheirContentAndMetadata() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "content_test");
    TopicPartition tp = new TopicPartition("orders", 0);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, FloeFixture.records(tp, 5)));
    worker.start(f.config("content", 5));
    worker.drain(100);
    worker.commitUntil(Map.of(tp, 5L));
    f.awaitRows("ORDERS", 5);
    List<List<String>> rows =
        f.query(
            "select record_content:id::number, record_content:name::string,"
                + " record_metadata:topic::string, record_metadata:partition::number,"
                + " record_metadata:offset::number, record_metadata:CreateTime::number,"
                + " record_metadata:key::string from "
                + f.database()
                + ".public.orders order by 1");
    assertEquals(5, rows.size());
    assertEquals(List.of("3", "item-3", "orders", "0", "3", "1700000000003", "key-3"), rows.get(3));
    worker.stop();
  }

  @Test
  void everyThreadTheTaskStartsIsNamedAfterTheConnectorAndTask() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "threads_test");
    TopicPartition tp = new TopicPartition("orders", 0);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, FloeFixture.records(tp, 5)));
    Map<String, String> config = new java.util.HashMap<>(f.config("named-sink", 5));
    config.put("task.id", "2");
    worker.start(config);
    worker.drain(100);
    worker.commitUntil(Map.of(tp, 5L));
    List<String> names =
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter(n -> n.startsWith("floe-"))
            .sorted()
            .toList();
    assertTrue(names.contains("floe-named-sink-task-2-submit"), names.toString());
    assertTrue(names.contains("floe-named-sink-task-2-upload-1"), names.toString());
    assertTrue(names.contains("floe-named-sink-task-2-load-tracker-1"), names.toString());
    worker.stop();
    Poll.until(
        java.time.Duration.ofSeconds(30),
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.startsWith("floe-named-sink-task-2-"))
                .toList(),
        List::isEmpty);
  }

  @Test
  void aReplacedTaskResumesAfterWhatWasStagedEvenWhenKafkaLagsBehind() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "replace_test");
    TopicPartition p0 = new TopicPartition("events", 0);
    TopicPartition p1 = new TopicPartition("events", 1);
    SimulatedWorker worker =
        new SimulatedWorker(
            Map.of(p0, FloeFixture.records(p0, 50), p1, FloeFixture.records(p1, 37)));
    worker.start(f.config("replace", 7));
    worker.poll(10);
    worker.commit();
    worker.poll(10);
    worker.poll(10);
    // The first task stages more files but dies before Kafka commits their offsets.
    worker.stop();
    assertTrue(
        worker.committed().getOrDefault(p0, 0L) <= 14,
        "Kafka's offsets lag: " + worker.committed());
    // A new task with different flush boundaries must neither reload nor skip anything.
    Map<String, String> second = new java.util.HashMap<>(f.config("replace", 5));
    second.put("buffer.flush.time", "1");
    worker.start(second);
    worker.drain(3);
    worker.commitUntil(Map.of(p0, 50L, p1, 37L));
    f.awaitRows("EVENTS", 87);
    SNOWFLAKE.get().snowpipe().awaitIdle(java.time.Duration.ofSeconds(30));
    List<String> counts =
        f.query(
                "select count(*), count(distinct record_metadata:partition::string || '-' ||"
                    + " record_metadata:offset::string) from "
                    + f.database()
                    + ".public.events")
            .get(0);
    assertEquals(List.of("87", "87"), counts);
    worker.stop();
  }

  @Test
  void aReplacedTaskStaysExactlyOnceWhileUploadsAndSubmissionsFail() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "replace_faults");
    TopicPartition p0 = new TopicPartition("events", 0);
    TopicPartition p1 = new TopicPartition("events", 1);
    SimulatedWorker worker =
        new SimulatedWorker(
            Map.of(p0, FloeFixture.records(p0, 60), p1, FloeFixture.records(p1, 45)));
    Faults faults = SNOWFLAKE.get().faults();
    faults
        .failQueries("PUT", 2)
        .fail(Faults.Endpoint.UPLOAD, 2)
        .fail(Faults.Endpoint.INSERT_FILES, 2);
    worker.start(f.config("replace_faults", 6));
    worker.poll(10);
    worker.commit();
    worker.poll(10);
    worker.stop();
    faults.fail(Faults.Endpoint.UPLOAD, 2).fail(Faults.Endpoint.INSERT_FILES, 3);
    Map<String, String> second = new java.util.HashMap<>(f.config("replace_faults", 4));
    second.put("buffer.flush.time", "1");
    worker.start(second);
    worker.drain(7);
    worker.commitUntil(Map.of(p0, 60L, p1, 45L));
    assertEquals(0, faults.pending(), "every injected fault was hit");
    f.awaitRows("EVENTS", 105);
    SNOWFLAKE.get().snowpipe().awaitIdle(java.time.Duration.ofSeconds(30));
    assertEquals(
        List.of("105", "105"),
        f.query(
                "select count(*), count(distinct record_metadata:partition::string || '-' ||"
                    + " record_metadata:offset::string) from "
                    + f.database()
                    + ".public.events")
            .get(0));
    worker.stop();
  }

  @Test
  void anExistingTableWithoutFloesColumnsIsRefusedByName() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "shape_test");
    SNOWFLAKE
        .get()
        .execute(
            "create table "
                + f.database()
                + ".public.clicks (record_metadata variant, record_content varchar)");
    TopicPartition tp = new TopicPartition("clicks", 0);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, List.<SinkRecord>of()));
    FloeException e = assertThrows(FloeException.class, () -> worker.start(f.config("shape", 10)));
    assertEquals(ErrorCode.FLOE_2001, e.code());
    assertTrue(e.getMessage().contains("CLICKS"), e.getMessage());
    assertTrue(e.getMessage().contains("RECORD_CONTENT"), e.getMessage());
  }
}
