package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.snowflake.CallStats;
import io.floe.connector.table.TableObjects;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * open() runs inside the consumer's rebalance callback: its Snowflake calls must not grow with the
 * number of partitions, or a task with many partitions misses max.poll.interval.ms.
 */
class OpenCallsTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final int PARTITIONS = 200;

  @Test
  void openingManyPartitionsListsEachStageOnceAndResubmitsInOneRequest() throws Exception {
    try (LoadingFixture f = new LoadingFixture(SNOWFLAKE.get(), "open_calls", "calls")) {
      TableObjects objects = f.objects("EVENTS");
      f.stageRestart(objects, "events", PARTITIONS, 4);
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition("events", p));
      }
      LoadingSettings settings = f.settings(5);
      LoadTracker tracker = f.tracker(Duration.ofMinutes(1));
      Submitter submitter = f.submitter(tracker);
      try (Loader loader = f.loader(settings, tracker, submitter)) {
        Map<CallStats.Kind, Long> before = counts(f.calls);
        loader.open(partitions);
        Map<CallStats.Kind, Long> calls = minus(counts(f.calls), before);

        // One LIST of the stage and one of the table stage for the topic, not two per partition;
        // one history scan and one insertFiles for the pipe, not one per idle partition.
        assertEquals(2L, calls.get(CallStats.Kind.LIST), calls.toString());
        assertEquals(1L, calls.get(CallStats.Kind.LOAD_HISTORY), calls.toString());
        assertEquals(1L, calls.get(CallStats.Kind.INSERT_FILES), calls.toString());
        assertEquals(0L, calls.get(CallStats.Kind.UPLOAD), calls.toString());

        // And it recovered every partition: even ones resume after 9, odd ones after 4, and the
        // pending files of the even ones load.
        Map<TopicPartition, Long> seeks = f.context.takeSeeks();
        for (TopicPartition tp : partitions) {
          assertEquals(tp.partition() % 2 == 0 ? 10L : 5L, seeks.get(tp), tp.toString());
        }
        f.floe.awaitRows("EVENTS", 5L * PARTITIONS);
        SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(60));
        assertEquals(5L * PARTITIONS, f.rows("EVENTS"));
      }
    }
  }

  @Test
  void oneMovedPartitionListsOnlyItsOwnFolder() throws Exception {
    try (LoadingFixture f = new LoadingFixture(SNOWFLAKE.get(), "open_one", "one")) {
      TableObjects objects = f.objects("EVENTS");
      f.stageRestart(objects, "events", 4, 2);
      LoadingSettings settings = f.settings(5);
      LoadTracker tracker = f.tracker(Duration.ofMinutes(1));
      Submitter submitter = f.submitter(tracker);
      try (Loader loader = f.loader(settings, tracker, submitter)) {
        loader.open(List.of(new TopicPartition("events", 2)));
        assertEquals(Map.of(new TopicPartition("events", 2), 10L), f.context.takeSeeks());
      }
    }
  }

  private static Map<CallStats.Kind, Long> counts(CallStats stats) {
    Map<CallStats.Kind, Long> out = new EnumMap<>(CallStats.Kind.class);
    for (CallStats.Kind k : CallStats.Kind.values()) {
      out.put(k, stats.calls(k));
    }
    return out;
  }

  private static Map<CallStats.Kind, Long> minus(
      Map<CallStats.Kind, Long> after, Map<CallStats.Kind, Long> before) {
    Map<CallStats.Kind, Long> out = new EnumMap<>(CallStats.Kind.class);
    after.forEach((k, v) -> out.put(k, v - before.get(k)));
    return out;
  }
}
