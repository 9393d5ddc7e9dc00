package io.floe.connector.streaming;

import io.floe.connector.config.FloeSinkConfig;
import io.floe.connector.loading.BrokenRecords;
import io.floe.connector.loading.TaskMetrics;
import io.floe.connector.loading.TaskThreads;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.TaskContextStandIn;
import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.http.Faults;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A rebalance that hands one Snowpipe Streaming task {@code partitions} partitions, through the
 * real ingest SDK against the local Snowflake: how long the loader's {@code open()} takes (it runs
 * inside the consumer's rebalance callback, within {@code max.poll.interval.ms}), opening channels
 * {@code parallelism} at a time. Each partition costs two calls (open, then the committed token);
 * {@code stallMs} is added to each, as a stand-in for the round trip to a Snowflake region and its
 * service time, which the local Snowflake, on the same machine, does not have. The warm-up
 * iteration creates the channels, the measured ones reopen them. Run with {@code mvn -B -Pbench
 * -DskipTests -pl connector -am test-compile exec:exec -Dbench.args=ChannelOpenBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xmx2g",
      "-Dsun.net.httpserver.nodelay=true",
      "-Dnet.snowflake.jdbc.loggerImpl=net.snowflake.client.log.SLF4JLogger"
    })
public class ChannelOpenBenchmark {
  private static final String CONNECTOR = "channel-open-bench";

  @Param({"1", "8"})
  public int parallelism;

  @Param({"50"})
  public int stallMs;

  @Param({"200"})
  public int partitions;

  private LocalSnowflake snowflake;
  private StreamingClients.Key client;
  private StreamingSettings settings;
  private ObjectRef table;
  private final List<TopicPartition> assigned = new ArrayList<>();
  private StreamingLoader loader;

  @Setup(Level.Trial)
  public void start() {
    snowflake = LocalSnowflake.start();
    FloeFixture fixture = new FloeFixture(snowflake, "channel_open_bench");
    Map<String, String> config = fixture.config(CONNECTOR, 10_000);
    config.put("snowflake.ingestion.method", "SNOWPIPE_STREAMING");
    config.put("snowflake.role.name", "ACCOUNTADMIN");
    FloeFixture.queryAsAdmin(
        snowflake,
        "create table if not exists channel_open_bench.public.events"
            + " (record_metadata variant, record_content variant)");
    table = ObjectRef.of("CHANNEL_OPEN_BENCH", "PUBLIC", "EVENTS");
    client =
        new StreamingClients.Key(
            "FLOE_BENCH",
            StreamingClients.properties(new FloeSinkConfig(config).connectionSettings().session()),
            StreamingClients.parameters(1L, -1, Map.of()));
    settings =
        new StreamingSettings(
            CONNECTOR,
            true,
            10_000,
            1 << 20,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            5,
            null,
            -1,
            Map.of(),
            false,
            false);
    for (int p = 0; p < partitions; p++) {
      assigned.add(new TopicPartition("events", p));
    }
    snowflake
        .faults()
        .stall(Faults.Endpoint.OPEN_CHANNEL, Integer.MAX_VALUE, Duration.ofMillis(stallMs))
        .stall(Faults.Endpoint.CHANNEL_STATUS, Integer.MAX_VALUE, Duration.ofMillis(stallMs));
  }

  @Setup(Level.Iteration)
  public void newLoader() {
    TaskMetrics metrics = new TaskMetrics();
    loader =
        new StreamingLoader(
            settings,
            new SdkChannels(StreamingClients.lease(client, false, Duration.ofSeconds(30))),
            topic -> table,
            t -> {},
            new TaskContextStandIn(Map.of()),
            new BrokenRecords(
                BrokenRecords.Mode.FAIL, null, null, t -> null, CONNECTOR, r -> 0, metrics),
            metrics,
            System::nanoTime,
            new ChannelOpens(
                new TaskThreads(CONNECTOR, "task-0").factory("channel-open"), parallelism),
            null);
  }

  @Benchmark
  public void open() {
    loader.open(assigned);
  }

  @TearDown(Level.Iteration)
  public void closeLoader() {
    loader.close(assigned);
    loader.close();
  }

  @TearDown(Level.Trial)
  public void stop() {
    snowflake.close();
  }
}
