package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * floe.buffer.memory.max.bytes: many partitions filling at once make Floe write the largest buffers
 * early instead of holding them all, and every record still lands exactly once.
 */
class BufferMemoryCapTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final int PARTITIONS = 8;
  private static final int PER_PARTITION = 600;
  private static final long CAP = 1024 * 1024;

  @Test
  void theLargestBuffersAreWrittenEarlyAndNothingIsLostOrDoubled() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "memory_cap");
    Map<TopicPartition, List<SinkRecord>> log = new LinkedHashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      TopicPartition tp = new TopicPartition("orders", p);
      log.put(tp, FloeFixture.records(tp, PER_PARTITION));
    }
    // No threshold fires on its own: only the cap can make files.
    Map<String, String> config = new HashMap<>(f.config("capped", 1_000_000));
    config.put("buffer.size.bytes", "100000000");
    config.put("buffer.flush.time", "3600");
    config.put("floe.buffer.memory.max.bytes", Long.toString(CAP));
    SimulatedWorker worker = new SimulatedWorker(log);
    worker.start(config);
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    ObjectName task =
        jmx.queryNames(new ObjectName("io.floe:type=task,connector=\"capped\",task=*"), null)
            .iterator()
            .next();
    while (worker.poll(50) > 0) {
      long held = (Long) jmx.getAttribute(task, "BufferMemoryBytes");
      assertTrue(held <= CAP, held + " bytes held, over the cap of " + CAP);
    }
    long early = (Long) jmx.getAttribute(task, "BuffersSealedEarly");
    assertTrue(early > 0, "no buffer was written early");
    worker.commit();
    worker.stop();

    // A new task with a short flush time takes over: what was written early is not written
    // again, and the rest is.
    config.put("buffer.flush.time", "1");
    SimulatedWorker next = new SimulatedWorker(log);
    next.start(config);
    next.drain(500);
    Map<TopicPartition, Long> all = new HashMap<>();
    log.keySet().forEach(tp -> all.put(tp, (long) PER_PARTITION));
    next.commitUntil(all);
    f.awaitRows("ORDERS", PARTITIONS * PER_PARTITION);
    SNOWFLAKE.get().snowpipe().awaitIdle(java.time.Duration.ofSeconds(30));
    List<String> counts =
        f.query(
                "select count(*), count(distinct record_metadata:partition::string || '-' ||"
                    + " record_metadata:offset::string) from "
                    + f.database()
                    + ".public.ORDERS")
            .get(0);
    String expected = Integer.toString(PARTITIONS * PER_PARTITION);
    assertEquals(List.of(expected, expected), counts, "rows, distinct (partition, offset)");
    next.stop();
  }
}
