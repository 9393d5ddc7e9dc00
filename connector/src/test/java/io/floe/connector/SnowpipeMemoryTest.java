package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snowpipe skips a path it received in the last 14 days and loads it again after that, and Floe's
 * recovery reads only a day of load history. A partition left idle, through restarts, for longer
 * than 14 days must not get its newest file loaded twice.
 */
class SnowpipeMemoryTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void anIdlePartitionsNewestFileLoadsOnceEvenAfterSnowpipeForgotIt() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "idle_memory");
    IdlePartition p = new IdlePartition(f);
    SimulatedWorker worker = p.worker;
    p.loadTheFirstTen("idle");
    // Once Snowpipe has reported both loads, no data file is left to submit again.
    Poll.until(Duration.ofSeconds(30), () -> dataFilesOnStage(f), List::isEmpty);
    worker.stop();

    SNOWFLAKE.advanceClock(Duration.ofDays(2));
    worker.start(f.config("idle", 5));
    worker.stop();
    SNOWFLAKE.advanceClock(Duration.ofDays(13));
    worker.start(f.config("idle", 5));
    worker.commitUntil(Map.of(p.tp, 10L));
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertEquals(List.of("10", "10"), countAndDistinct(f));

    // And it still resumes where it left off.
    p.loadTheLastFive();
    assertEquals(List.of("15", "15"), countAndDistinct(f));
    worker.stop();
  }

  /**
   * The same fortnight with the task running throughout: its sessions, signed JWTs and Snowpipe's
   * memory all age by it (the master token lasts four hours), and what comes next still loads once.
   */
  @Test
  void aTaskRunningThroughAnIdleFortnightLoadsWhatComesNextOnce() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "idle_running");
    IdlePartition p = new IdlePartition(f);
    p.loadTheFirstTen("running");

    SNOWFLAKE.advanceClock(Duration.ofDays(15));
    p.loadTheLastFive();
    assertEquals(List.of("15", "15"), countAndDistinct(f));
    p.worker.stop();
  }

  /** Fifteen records of one partition, the first ten in the log at first, the rest later. */
  private static final class IdlePartition {
    final FloeFixture f;
    final TopicPartition tp = new TopicPartition("events", 0);
    final List<SinkRecord> all = FloeFixture.records(tp, 15);
    final List<SinkRecord> log = new ArrayList<>(all.subList(0, 10));
    final SimulatedWorker worker = new SimulatedWorker(Map.of(tp, log));

    IdlePartition(FloeFixture f) {
      this.f = f;
    }

    /** Starts a task of {@code connector} and waits until the first ten are rows. */
    void loadTheFirstTen(String connector) {
      worker.start(f.config(connector, 5));
      worker.drain(100);
      worker.commitUntil(Map.of(tp, 10L));
      f.awaitRows("EVENTS", 10);
    }

    /** Appends the last five to the log and waits until they are rows and Snowpipe is idle. */
    void loadTheLastFive() {
      log.addAll(all.subList(10, 15));
      worker.drain(100);
      worker.commitUntil(Map.of(tp, 15L));
      f.awaitRows("EVENTS", 15);
      SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    }
  }

  private static List<String> dataFilesOnStage(FloeFixture f) {
    return f.query("list @" + f.database() + ".PUBLIC.FLOE_IDLE_STAGE_EVENTS").stream()
        .map(row -> row.get(0))
        .filter(name -> name.endsWith(".json.gz"))
        .toList();
  }

  private static List<String> countAndDistinct(FloeFixture f) {
    return f.query(
            "select count(*), count(distinct record_metadata:offset::number) from "
                + f.database()
                + ".public.events")
        .get(0);
  }
}
