package io.floe.connector.loading;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflake;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Heap per partition of one task with {@value #PARTITIONS} partitions against the local Snowflake:
 * after open() with nothing buffered, and with {@value #RECORDS} records of about 230 bytes
 * buffered in each (below every flush threshold). Heap is measured after a full GC; Snowpipe is
 * paused. Run with {@code mvn -B -Pbench -DskipTests -pl connector -am test-compile exec:exec
 * -Dbench.args=PartitionMemoryBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xmx2g",
      "-Dnet.snowflake.jdbc.loggerImpl=net.snowflake.client.log.SLF4JLogger"
    })
public class PartitionMemoryBenchmark {
  private static final int PARTITIONS = 2_000;
  private static final int RECORDS = 5;
  private static final int BUSY_RECORDS = 250;

  private LocalSnowflake snowflake;

  @Setup
  public void start() {
    snowflake = LocalSnowflake.start();
    snowflake.snowpipe().pauseLoading(true);
  }

  @Benchmark
  public long measure() throws InterruptedException {
    Map<TopicPartition, List<SinkRecord>> log = new LinkedHashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      log.put(new TopicPartition("mem", p), new ArrayList<>());
    }
    FloeFixture f = new FloeFixture(snowflake, "mem");
    Map<String, String> config = new HashMap<>(f.config("mem", 10_000));
    config.put("buffer.flush.time", "3600");
    SimulatedWorker worker = new SimulatedWorker(log);
    long before = heapAfterGc();
    worker.start(config);
    long open = heapAfterGc();
    // Records are added to the log only now, so the first figure has none buffered.
    long inputBefore = heapAfterGc();
    append(log, 0, RECORDS, i -> "x".repeat(150));
    long input = heapAfterGc() - inputBefore;
    worker.drain(500);
    long buffered = heapAfterGc() - input;
    System.out.printf(
        "%n  %,d partitions: %.1f KB of heap per open partition with nothing buffered; %.1f KB"
            + " per partition holding %d records (%.1f MB for the task, input records excluded)%n",
        PARTITIONS,
        (open - before) / 1024.0 / PARTITIONS,
        (buffered - before) / 1024.0 / PARTITIONS,
        RECORDS,
        (buffered - before) / 1e6);
    // Then every partition past 32 KB (its deflater started): the memory cap's case.
    append(log, RECORDS, RECORDS + BUSY_RECORDS, i -> Long.toString(i * 7919L, 36).repeat(20));
    long busyInput = heapAfterGc();
    worker.drain(500);
    long busy = heapAfterGc();
    System.out.printf(
        "  then %d more records in each partition (every buffer past 32 KB): the task holds %.1f"
            + " MB of heap beyond the input, with floe.buffer.memory.max.bytes at its default of"
            + " 128 MiB (which also counts 256 KB of native zlib state per compressing buffer)%n",
        BUSY_RECORDS, (busy - busyInput + (buffered - before)) / 1e6);
    worker.stop();
    return buffered;
  }

  /** Offsets {@code from} to {@code to} (exclusive) of every partition, orders with a note. */
  private static void append(
      Map<TopicPartition, List<SinkRecord>> log, int from, int to, IntFunction<String> note) {
    log.forEach(
        (tp, records) -> {
          for (int i = from; i < to; i++) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("order_id", (long) tp.partition() * 100_000 + i);
            value.put("customer", "customer-" + i);
            value.put("note", note.apply(i));
            records.add(
                new SinkRecord(
                    tp.topic(),
                    tp.partition(),
                    Schema.STRING_SCHEMA,
                    "k" + i,
                    null,
                    value,
                    i,
                    1_700_000_000_000L,
                    TimestampType.CREATE_TIME));
          }
        });
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50); // let reference processing settle; this is a measurement, not a test
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @TearDown
  public void stop() {
    snowflake.close();
  }
}
