package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A staged file that Snowpipe cannot load — here because someone added a NOT NULL column to the
 * table while the connector ran — is moved to the table stage, logged, and counted in JMX; the
 * files that did load are removed from the stage except the partition's newest.
 */
class FailedLoadTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void aFileThatFailsToLoadIsMovedToTheTableStageAndCounted() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "failed_load");
    TopicPartition tp = new TopicPartition("orders", 0);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, FloeFixture.records(tp, 25)));
    worker.start(f.config("failing", 5));
    // Floe created and checked the empty table; now someone adds a column Floe cannot fill.
    SNOWFLAKE
        .get()
        .execute(
            "alter table " + f.database() + ".public.orders add column must_have number not null");
    worker.poll(5);
    worker.commitUntil(Map.of(tp, 5L));

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

    // Once the table is fixed, loading goes on; loaded files leave the stage, the newest leaving
    // a marker of its range behind.
    SNOWFLAKE.get().execute("alter table " + f.database() + ".public.orders drop column must_have");
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

  private static String stage(FloeFixture f) {
    return "list @" + f.database() + ".public.FLOE_FAILING_STAGE_ORDERS";
  }

  private static List<String> names(String listSql) {
    List<String> out = new ArrayList<>();
    FloeFixture.queryAsAdmin(SNOWFLAKE.get(), listSql).forEach(r -> out.add(r.get(0)));
    return out;
  }
}
