package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A file whose failed load only Snowpipe's load history still knows when the task starts again (its
 * own server, because the test moves the clock): recovery acts on the known outcome instead of
 * submitting the file again, which Snowpipe would skip. The load failed because of the table (a NOT
 * NULL column, dropped before the restart), so the file is staged again under a retry name and
 * loads.
 */
class FailedLoadRecoveryTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void aFileTheHistoryShowsAsFailedBecauseOfTheTableLoadsUnderARetryNameOnRestart() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "failed_before_restart");
    TopicPartition tp = new TopicPartition("orders", 0);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, FloeFixture.records(tp, 5)));
    // The first task never asks Snowpipe how its files did: it stops before it would.
    Map<String, String> slow = new HashMap<>(f.config("failing_once", 5));
    slow.put("floe.load.tracking.interval.ms", "600000");
    worker.start(slow);
    SNOWFLAKE
        .get()
        .execute(
            "alter table " + f.database() + ".public.orders add column must_have number not null");
    worker.poll(5);
    worker.commitUntil(Map.of(tp, 5L));
    String pipe = f.database() + ".PUBLIC.FLOE_FAILING_ONCE_PIPE_ORDERS";
    Poll.until(
        Duration.ofSeconds(30),
        () ->
            SNOWFLAKE
                .get()
                .snowpipe()
                .loadHistory(pipe, SNOWFLAKE.get().user(), Instant.EPOCH, null)
                .files()
                .size(),
        n -> n == 1);
    worker.stop();
    SNOWFLAKE.get().execute("alter table " + f.database() + ".public.orders drop column must_have");
    // Past insertReport's 10 minutes: only the load history still knows how the file did.
    SNOWFLAKE.advanceClock(Duration.ofMinutes(11));

    // The next task learns the outcome from the load history and acts on it at once; submitted
    // again under its old path, the file would be skipped by Snowpipe and reported by nothing.
    worker.start(f.config("failing_once", 5));
    assertEquals(5, f.awaitRows("ORDERS", 5));
    List<String> staged =
        Poll.until(
            Duration.ofSeconds(30),
            () -> names("list @" + f.database() + ".public.FLOE_FAILING_ONCE_STAGE_ORDERS"),
            names -> names.size() == 1 && names.get(0).endsWith(".loaded"));
    assertTrue(staged.get(0).endsWith("orders/0/0_4.loaded"), "the retry's marker: " + staged);
    assertEquals(List.of(), names("list @" + f.database() + ".public.%orders/floe_failed/"));
    worker.stop();
  }

  private static List<String> names(String listSql) {
    List<String> out = new ArrayList<>();
    FloeFixture.queryAsAdmin(SNOWFLAKE.get(), listSql).forEach(r -> out.add(r.get(0)));
    return out;
  }
}
