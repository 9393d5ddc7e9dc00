package io.floe.connector.loading;

import io.floe.connector.snowflake.CallStats;
import io.floe.connector.table.TableManager;
import io.floe.connector.table.TableObjects;
import io.floe.localsnowflake.LocalSnowflake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A rebalance that hands one task {@value #PARTITIONS} partitions of a topic with files staged
 * (half of them loaded with only a marker left and a newer file of unknown outcome, half with their
 * loaded newest file still on the stage), against the local Snowflake: how long {@code
 * Loader.open()} takes — it runs inside the consumer's rebalance callback, within {@code
 * max.poll.interval.ms} — and how many Snowflake calls of each kind it makes. {@code
 * perPartitionCalls} makes the calls the previous open() made (two LISTs per partition, an
 * insertFiles per partition with a file to resubmit) through the same clients, for comparison.
 * Snowpipe is paused after staging, so every iteration finds the same state. Run with {@code mvn -B
 * -Pbench -DskipTests -pl connector -am test-compile exec:exec -Dbench.args=OpenBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xmx1g",
      "-Dnet.snowflake.jdbc.loggerImpl=net.snowflake.client.log.SLF4JLogger"
    })
public class OpenBenchmark {
  private static final int PARTITIONS = 1_000;

  private LocalSnowflake snowflake;
  private LoadingFixture fixture;
  private TableObjects objects;
  private final List<TopicPartition> partitions = new ArrayList<>();
  private Map<CallStats.Kind, Long> before;
  private long started;

  @Setup(Level.Trial)
  public void stage() throws Exception {
    snowflake = LocalSnowflake.start();
    fixture = new LoadingFixture(snowflake, "open_bench", "bench");
    objects = fixture.objects("EVENTS");
    long t0 = System.nanoTime();
    fixture.stageRestart(objects, "events", PARTITIONS, 4);
    snowflake.snowpipe().pauseLoading(true);
    System.out.printf(
        "%n  staged %,d partitions (%,d files and markers) in %.1f s%n",
        PARTITIONS, PARTITIONS * 3 / 2, (System.nanoTime() - t0) / 1e9);
    for (int p = 0; p < PARTITIONS; p++) {
      partitions.add(new TopicPartition("events", p));
    }
  }

  @Setup(Level.Iteration)
  public void count() {
    before = counts();
    started = System.nanoTime();
  }

  /**
   * A fresh task's open(): tables checked, every partition recovered, pending files resubmitted.
   */
  @Benchmark
  public int open() {
    LoadTracker tracker = fixture.tracker(Duration.ofMinutes(1));
    Submitter submitter = fixture.submitter(tracker);
    try (Loader loader =
        fixture.loader(
            // No tracking round during the measurement: only open()'s own calls are counted.
            fixture.settings(5, Duration.ofHours(1)),
            tracker,
            submitter,
            new TableManager(fixture.client, fixture.connector))) {
      loader.open(partitions);
      return fixture.context.takeSeeks().size();
    }
  }

  /**
   * What open() used to cost in Snowflake calls: two LISTs per partition, a submission per idle
   * one.
   */
  @Benchmark
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public int perPartitionCalls() {
    int listed = 0;
    for (TopicPartition tp : partitions) {
      listed += fixture.client.list(objects.namedStage(), FileNames.prefix(tp)).size();
      fixture.client.list(objects.tableStage(), FileNames.failedPrefix(fixture.connector, tp));
      if (tp.partition() % 2 == 0) {
        fixture.snowpipe.insertFiles(objects.pipe(), List.of(FileNames.path(tp, 0, 5, 9)));
      }
    }
    return listed;
  }

  @TearDown(Level.Iteration)
  public void report() {
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<CallStats.Kind, Long> now = counts();
    StringBuilder calls = new StringBuilder();
    long total = 0;
    for (CallStats.Kind k : CallStats.Kind.values()) {
      long n = now.get(k) - before.get(k);
      total += n;
      if (n > 0) {
        calls.append(calls.length() == 0 ? "" : ", ").append(k).append(' ').append(n);
      }
    }
    System.out.printf(
        "%n  %,d partitions in %.2f s: %d Snowflake calls (%s)%n",
        PARTITIONS, seconds, total, calls);
  }

  private Map<CallStats.Kind, Long> counts() {
    Map<CallStats.Kind, Long> out = new EnumMap<>(CallStats.Kind.class);
    for (CallStats.Kind k : CallStats.Kind.values()) {
      out.put(k, fixture.calls.calls(k));
    }
    return out;
  }

  @TearDown(Level.Trial)
  public void stop() {
    fixture.close();
    snowflake.close();
  }
}
