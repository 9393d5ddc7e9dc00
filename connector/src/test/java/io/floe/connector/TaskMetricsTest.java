package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gauges an operator graphs, read over JMX from a running task: what is buffered, what waits
 * for Snowpipe and for how long, each partition's uncommittable records, and Snowflake calls.
 */
class TaskMetricsTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

  @Test
  void aRunningTaskPublishesItsBuffersFilesLagAndCalls() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "metrics");
    TopicPartition p0 = new TopicPartition("orders", 0);
    TopicPartition p1 = new TopicPartition("orders", 1);
    SimulatedWorker worker =
        new SimulatedWorker(
            Map.of(p0, FloeFixture.records(p0, 10), p1, FloeFixture.records(p1, 10)));
    Map<String, String> config = new HashMap<>(f.config("metered", 10));
    config.put("buffer.flush.time", "3600");
    SNOWFLAKE.get().snowpipe().pauseLoading(true);
    try {
      worker.start(config);
      ObjectName task = only("io.floe:type=task,connector=\"metered\",task=*");

      worker.poll(4); // 4 records per partition, below every threshold
      assertEquals(8L, JMX.getAttribute(task, "BufferedRecords"));
      long bytes = (Long) JMX.getAttribute(task, "BufferedBytes");
      assertTrue(bytes > 8 * 50, bytes + " bytes buffered");
      long memory = (Long) JMX.getAttribute(task, "BufferMemoryBytes");
      assertTrue(memory > 0 && memory < 8 * 1024, memory + " bytes of heap");
      ObjectName lag0 = partition("metered", p0);
      assertEquals(4L, JMX.getAttribute(lag0, "ConsumedOffset"));
      assertEquals(4L, JMX.getAttribute(lag0, "OffsetLag"));
      assertEquals(8L, JMX.getAttribute(task, "OffsetLagTotal"));
      assertTrue((Long) JMX.getAttribute(task, "SnowflakeCalls") > 0, "table, stage, pipe DDL");

      // The next 6 fill each buffer: two files staged and submitted, Snowpipe holds them.
      worker.poll(6);
      worker.commitUntil(Map.of(p0, 10L, p1, 10L));
      assertEquals(0L, JMX.getAttribute(task, "BufferedRecords"));
      assertEquals(0L, JMX.getAttribute(lag0, "OffsetLag"));
      assertEquals(10L, JMX.getAttribute(lag0, "CommittableOffset"));
      Poll.until(
          Duration.ofSeconds(30), () -> attribute(task, "FilesAwaitingLoad"), n -> n.equals(2));
      assertTrue((Long) JMX.getAttribute(task, "OldestFileAwaitingLoadSeconds") >= 0);
      assertTrue((Long) JMX.getAttribute(task, "SnowflakeCallMillisP99") >= 1);
      assertEquals(0L, JMX.getAttribute(task, "SnowflakeFailures"));

      SNOWFLAKE.get().snowpipe().pauseLoading(false);
      Poll.until(
          Duration.ofSeconds(30), () -> attribute(task, "FilesAwaitingLoad"), n -> n.equals(0));
      assertEquals(0L, JMX.getAttribute(task, "OldestFileAwaitingLoadSeconds"));
      f.awaitRows("ORDERS", 20);
    } finally {
      SNOWFLAKE.get().snowpipe().pauseLoading(false);
      worker.stop();
    }
    assertEquals(Set.of(), JMX.queryNames(new ObjectName("io.floe:connector=\"metered\",*"), null));
  }

  private static Object attribute(ObjectName name, String attribute) {
    try {
      return JMX.getAttribute(name, attribute);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectName partition(String connector, TopicPartition tp) throws Exception {
    return only(
        "io.floe:type=partition,connector=\""
            + connector
            + "\",task=*,topic=\""
            + tp.topic()
            + "\",partition="
            + tp.partition());
  }

  private static ObjectName only(String pattern) throws Exception {
    Set<ObjectName> names = JMX.queryNames(new ObjectName(pattern), null);
    assertEquals(1, names.size(), pattern + " matched " + names);
    return names.iterator().next();
  }
}
