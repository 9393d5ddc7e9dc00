package io.floe.connector.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.apply.ApplyTarget.DeleteMode;
import io.floe.connector.apply.ChangeGenerator.Form;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.TableManager;
import io.floe.connector.testing.StepClock;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The apply step's JMX figures, read as an operator would (through the platform MBean server),
 * while rounds apply, fail and catch up against the local Snowflake. Time passes on a step clock.
 */
class ApplyMetricsTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final String TOPIC = "pg.public.items";
  private static final int PARTITIONS = 3;

  @Test
  void figuresFollowAppliesThatCommitFailAndCatchUp() throws Exception {
    StepClock clock = new StepClock(Instant.parse("2026-12-07T10:00:00Z"));
    ApplyMetrics metrics = new ApplyMetrics(clock);
    metrics.register("cdc-metrics", "0");
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("io.floe:type=cdc,connector=\"cdc-metrics\",task=0");
    Map<ObjectRef, Map<TopicPartition, Long>> loaded = new ConcurrentHashMap<>();
    try (ApplyFixture f = new ApplyFixture(SNOWFLAKE.get(), "cdc_metrics", DeleteMode.HARD);
        ApplyLoop loop =
            new ApplyLoop(
                f.applier(),
                new MirrorTables(new TableManager(f.client, ApplyFixture.CONNECTOR, true), false),
                f.progress,
                new ChangeFields(f.client, List.of(), DeleteMode.HARD, false),
                () -> loaded,
                Executors.newSingleThreadScheduledExecutor(),
                Duration.ofHours(1), // rounds are driven by the test
                10,
                f.connections::discard,
                metrics)) {
      // What a task's target has beyond the fixture's columns.
      f.floe.query("alter table " + f.table.sql() + " add column RECORD_METADATA VARIANT");
      ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 41);
      f.load(gen.generate(90, 15));
      loaded.put(f.changes, loadedThrough(gen));
      loop.round();
      assertEquals(gen.finalState(), f.rows());
      assertEquals(1L, jmx.getAttribute(name, "AppliesCommitted"));
      long rows = (Long) jmx.getAttribute(name, "RowsChanged");
      assertTrue(rows >= gen.finalState().size(), "rows changed: " + rows);
      assertEquals(0L, jmx.getAttribute(name, "OffsetsLoadedNotApplied"));
      assertEquals(0L, jmx.getAttribute(name, "ApplyLagSeconds"));

      // Every MERGE fails from now on: the backlog and its age grow, round after round.
      f.floe.query("alter table " + f.table.sql() + " drop column __FLOE_POSITION");
      List<ChangeGenerator.Change> second = gen.generate(30, 15);
      f.load(second);
      loaded.put(f.changes, loadedThrough(gen));
      loop.round();
      clock.advance(Duration.ofSeconds(45));
      loop.round();
      assertEquals(2L, jmx.getAttribute(name, "AppliesFailed"));
      assertEquals(2, jmx.getAttribute(name, "ApplyFailuresInARow"));
      assertEquals((long) second.size(), jmx.getAttribute(name, "OffsetsLoadedNotApplied"));
      assertEquals(45L, jmx.getAttribute(name, "ApplyLagSeconds"));

      // Fixed: the next round applies the backlog, and every gauge is back to rest.
      f.floe.query("alter table " + f.table.sql() + " add column __FLOE_POSITION NUMBER(38,0)");
      clock.advance(Duration.ofSeconds(15));
      loop.round();
      assertEquals(gen.finalState(), f.rows());
      assertEquals(2L, jmx.getAttribute(name, "AppliesCommitted"));
      assertEquals(0, jmx.getAttribute(name, "ApplyFailuresInARow"));
      assertEquals(0L, jmx.getAttribute(name, "OffsetsLoadedNotApplied"));
      assertEquals(0L, jmx.getAttribute(name, "ApplyLagSeconds"));
    } finally {
      metrics.unregister();
    }
    assertTrue(!jmx.isRegistered(name), "unregistered when the task stops");
  }

  private static Map<TopicPartition, Long> loadedThrough(ChangeGenerator gen) {
    long[] last = gen.lastOffsets();
    Map<TopicPartition, Long> out = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      out.put(new TopicPartition(TOPIC, p), last[p]);
    }
    return out;
  }
}
