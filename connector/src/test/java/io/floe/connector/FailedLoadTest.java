package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import net.snowflake.client.jdbc.SnowflakeConnection;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A staged file that Snowpipe cannot load because of its data — here its bytes were replaced with
 * text that is not JSON while it waited in Snowpipe's queue — is moved to the table stage, logged,
 * and counted in JMX; loading goes on, and the files that did load are removed from the stage
 * except the partition's newest. (A failure because of the table is TableLoadFailuresTest's.)
 */
class FailedLoadTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void aFileThatFailsToLoadIsMovedToTheTableStageAndCounted() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "failed_load");
    TopicPartition tp = new TopicPartition("orders", 0);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, FloeFixture.records(tp, 25)));
    worker.start(f.config("failing", 5));
    SNOWFLAKE.get().pauseSnowpipe();
    worker.poll(5);
    worker.commitUntil(Map.of(tp, 5L)); // staged and submitted, waiting in Snowpipe's queue
    corrupt(f, "orders/0", "0_4.json.gz");
    SNOWFLAKE.get().resumeSnowpipe();

    String failed = "floe_failed/failing/orders/0/0_4.json.gz";
    Poll.until(
        Duration.ofSeconds(30),
        () -> names("list @" + f.database() + ".public.%orders/floe_failed/"),
        names -> names.contains(failed));
    assertEquals(0, f.count("select count(*) from " + f.database() + ".public.orders"));
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    ObjectName task =
        jmx.queryNames(new ObjectName("io.floe:type=task,connector=\"failing\",task=*"), null)
            .iterator()
            .next();
    assertEquals(1L, jmx.getAttribute(task, "FilesFailed"));

    // Loading goes on; loaded files leave the stage, the newest leaving a marker of its range.
    worker.poll(20);
    worker.commitUntil(Map.of(tp, 25L));
    f.awaitRows("ORDERS", 20);
    List<String> staged =
        Poll.until(
            Duration.ofSeconds(30),
            () -> names(stage(f)),
            names -> names.size() == 1 && names.get(0).endsWith(".loaded"));
    assertTrue(staged.get(0).endsWith("orders/0/20_24.loaded"), staged.toString());
    assertEquals(1L, jmx.getAttribute(task, "FilesFailed"));
    worker.stop();
  }

  /** Replaces a staged file with gzip'd text Snowflake cannot parse as JSON. */
  private static void corrupt(FloeFixture f, String prefix, String name) throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("this is not json\n".getBytes(StandardCharsets.UTF_8));
    }
    try (Connection c = SNOWFLAKE.get().connect()) {
      c.unwrap(SnowflakeConnection.class)
          .uploadStream(
              "@" + f.database() + ".public.FLOE_FAILING_STAGE_ORDERS",
              prefix,
              new ByteArrayInputStream(gz.toByteArray()),
              name,
              false);
    }
  }

  private static String stage(FloeFixture f) {
    return "list @" + f.database() + ".public.FLOE_FAILING_STAGE_ORDERS";
  }

  private static List<String> names(String listSql) {
    List<String> out = new ArrayList<>();
    FloeFixture.queryAsAdmin(SNOWFLAKE.get(), listSql).forEach(r -> out.add(r.get(0)));
    return out;
  }
}
