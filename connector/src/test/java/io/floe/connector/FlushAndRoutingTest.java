package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.http.Faults;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The three flush triggers, topic-to-table routing, and transient faults on the way. */
class FlushAndRoutingTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void aFullCountFlushesWithoutWaitingForACommit() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "count_flush");
    TopicPartition tp = new TopicPartition("events", 0);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, FloeFixture.records(tp, 25)));
    worker.start(f.config("count", 10));
    worker.drain(25);
    // 25 records with a count of 10: two files, five records stay buffered.
    assertEquals(20, f.awaitRows("EVENTS", 20));
    assertEquals(Map.of(tp, 20L), worker.commitUntil(Map.of(tp, 20L)));
    worker.stop();
  }

  @Test
  void aFullBufferFlushesBySize() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "size_flush");
    TopicPartition tp = new TopicPartition("events", 0);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, FloeFixture.records(tp, 12)));
    Map<String, String> config = new HashMap<>(f.config("size", 1_000_000));
    // Each line is a little over 200 bytes: 1000 bytes hold four records.
    config.put("buffer.size.bytes", "1000");
    worker.start(config);
    worker.drain(12);
    long rows = f.awaitRows("EVENTS", 8);
    assertTrue(rows % 4 == 0 || rows % 5 == 0, "files of 4-5 records, got " + rows);
    worker.stop();
  }

  @Test
  void anIdlePartitionFlushesOnTime() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "time_flush");
    TopicPartition tp = new TopicPartition("events", 0);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, FloeFixture.records(tp, 3)));
    Map<String, String> config = new HashMap<>(f.config("time", 1000));
    config.put("buffer.flush.time", "1");
    worker.start(config);
    worker.drain(10);
    // Connect keeps calling put() with empty batches; that is when the time trigger fires.
    assertEquals(Map.of(tp, 3L), worker.commitUntil(Map.of(tp, 3L)));
    assertEquals(3, f.awaitRows("EVENTS", 3));
    worker.stop();
  }

  @Test
  void topicsRouteByExactNameThenRegex() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "routing");
    TopicPartition eu = new TopicPartition("orders_eu", 0);
    TopicPartition us = new TopicPartition("orders_us", 0);
    TopicPartition vip = new TopicPartition("orders_vip", 0);
    SimulatedWorker worker =
        new SimulatedWorker(
            Map.of(
                eu, FloeFixture.records(eu, 4),
                us, FloeFixture.records(us, 6),
                vip, FloeFixture.records(vip, 2)));
    Map<String, String> config = new HashMap<>(f.config("routing", 1000));
    config.put("buffer.flush.time", "1");
    config.put("snowflake.topic2table.map", "orders_vip:VIP_ORDERS,orders_[a-z]{2}:ALL_ORDERS");
    worker.start(config);
    worker.drain(10);
    worker.commitUntil(Map.of(eu, 4L, us, 6L, vip, 2L));
    assertEquals(10, f.awaitRows("ALL_ORDERS", 10));
    assertEquals(2, f.awaitRows("VIP_ORDERS", 2));
    assertEquals(
        List.of(List.of("orders_eu", "4"), List.of("orders_us", "6")),
        f.query(
            "select record_metadata:topic::string, count(*) from "
                + f.database()
                + ".public.all_orders group by 1 order by 1"));
    worker.stop();
  }

  @Test
  void servicesUnavailableOnUploadAndSubmitLoseAndDuplicateNothing() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "faults");
    TopicPartition p0 = new TopicPartition("events", 0);
    TopicPartition p1 = new TopicPartition("events", 1);
    SimulatedWorker worker =
        new SimulatedWorker(
            Map.of(p0, FloeFixture.records(p0, 40), p1, FloeFixture.records(p1, 40)));
    Map<String, String> config = new HashMap<>(f.config("faults", 8));
    config.put("buffer.flush.time", "1");
    worker.start(config);
    Faults faults = SNOWFLAKE.get().faults();
    faults.failQueries("PUT", 3).fail(Faults.Endpoint.INSERT_FILES, 3);
    worker.drain(5);
    worker.commitUntil(Map.of(p0, 40L, p1, 40L));
    assertEquals(0, faults.pending(), "every injected fault was hit");
    f.awaitRows("EVENTS", 80);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertEquals(
        List.of(List.of("80", "80")),
        f.query(
            "select count(*), count(distinct record_metadata:partition::string || '-' ||"
                + " record_metadata:offset::string) from "
                + f.database()
                + ".public.events"));
    worker.stop();
  }
}
