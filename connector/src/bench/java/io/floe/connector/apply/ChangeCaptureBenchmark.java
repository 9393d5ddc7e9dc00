package io.floe.connector.apply;

import io.floe.connector.apply.ChangeGenerator.Form;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflake;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Change data capture end to end through a real sink task against the local Snowflake: {@code
 * changes} Debezium envelopes (JSON with schemas; inserts, updates, deletes and key reuse) over
 * three partitions into {@code keys} keys go through put() and preCommit(); the run ends when the
 * progress table shows every partition applied, and the target is then checked to equal the
 * generator's final state row for row. It prints changes applied per second (whole run, and the
 * steady part after the first apply), the cold first apply, and the latency from put() (a stand-in
 * for the source commit) to the progress table showing the change's offset applied, read by polling
 * that small table every {@code sampleMs} (so latencies are at that resolution). {@code rate} paces
 * put() (changes per second, 0 = as fast as the task takes them). One JMH single shot, no warm-up:
 * the figures printed are the result. Run with {@code mvn -B -Pbench -DskipTests -pl connector -am
 * test-compile exec:exec -Dbench.args=ChangeCaptureBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xmx2g",
      "-Dsun.net.httpserver.nodelay=true",
      "-Dnet.snowflake.jdbc.loggerImpl=net.snowflake.client.log.SLF4JLogger"
    })
public class ChangeCaptureBenchmark {
  private static final String TOPIC = "pg.public.items";
  private static final int PARTITIONS = 3;
  private static final int BATCH = 500; // records per partition and poll

  @Param({"100000"})
  public int changes;

  @Param({"20000"})
  public int keys;

  @Param({"0"})
  public int rate;

  @Param({"50"})
  public int sampleMs;

  @Benchmark
  public void run() throws Exception {
    printMachine();
    ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 41);
    gen.generate(changes, keys);
    long[] last = gen.lastOffsets();
    SimulatedWorker worker =
        new SimulatedWorker(ChangeRecords.log(TOPIC, PARTITIONS, gen.changes(), true));
    try (LocalSnowflake snowflake = LocalSnowflake.start()) {
      FloeFixture f = new FloeFixture(snowflake, "cdc_bench");
      Map<String, String> config = new HashMap<>(f.config("cdc-bench", 10_000));
      config.put("snowflake.enable.schematization", "true");
      config.put("floe.cdc.mode", "upsert");
      config.put("snowflake.topic2table.map", TOPIC + ":ITEMS");
      config.put("floe.cdc.apply.interval.ms", "200");
      config.put("buffer.flush.time", "1");
      worker.start(config);
      String progress =
          "select KAFKA_PARTITION, APPLIED_OFFSET from "
              + f.database()
              + ".PUBLIC.FLOE_CDC_PROGRESS";
      // put() times: poll k hands each partition offsets [k * BATCH, (k + 1) * BATCH).
      List<Long> putAt = new ArrayList<>();
      List<long[]> seen = new ArrayList<>(); // {nanos, applied offset of partition 0, 1, 2}
      long start = System.nanoTime();
      long nextSample = start;
      boolean drained = false;
      while (true) {
        if (!drained) {
          if (rate > 0) {
            long due = start + (long) putAt.size() * BATCH * PARTITIONS * 1_000_000_000L / rate;
            while (System.nanoTime() < due) {
              if (System.nanoTime() >= nextSample) { // keep the sampling rate while paced
                nextSample = System.nanoTime() + sampleMs * 1_000_000L;
                seen.add(sample(f, progress));
              } else {
                Thread.sleep(1);
              }
            }
          }
          putAt.add(System.nanoTime());
          drained = worker.poll(BATCH) == 0;
          if (drained) {
            putAt.remove(putAt.size() - 1);
          }
        } else {
          Thread.sleep(5);
        }
        worker.commit();
        if (System.nanoTime() >= nextSample) {
          nextSample = System.nanoTime() + sampleMs * 1_000_000L;
          long[] at = sample(f, progress);
          seen.add(at);
          if (drained && done(at, last)) {
            break;
          }
          if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
            throw new IllegalStateException("not applied after 30 minutes: " + Arrays.toString(at));
          }
        }
      }
      long end = seen.get(seen.size() - 1)[0];
      long putEnd = putAt.get(putAt.size() - 1);
      verify(f, gen);
      report(gen, putAt, seen, start, end, putEnd);
      worker.stop();
    }
  }

  private static long[] sample(FloeFixture f, String progress) {
    long[] at = new long[PARTITIONS + 1];
    Arrays.fill(at, -1);
    List<List<String>> rows;
    try {
      rows = f.query(progress);
    } catch (AssertionError notYet) {
      rows = List.of();
    }
    at[0] = System.nanoTime();
    for (List<String> r : rows) {
      if (r.get(1) != null) {
        at[1 + Integer.parseInt(r.get(0))] = Long.parseLong(r.get(1));
      }
    }
    return at;
  }

  private static boolean done(long[] at, long[] last) {
    for (int p = 0; p < PARTITIONS; p++) {
      if (at[1 + p] < last[p]) {
        return false;
      }
    }
    return true;
  }

  private static void verify(FloeFixture f, ChangeGenerator gen) {
    List<String> actual =
        f.query("select ID, NAME, QTY from " + f.database() + ".PUBLIC.ITEMS order by ID").stream()
            .map(r -> String.join("|", r))
            .toList();
    List<String> expected = gen.finalState();
    if (!actual.equals(expected)) {
      throw new IllegalStateException(
          "target differs from the source: " + actual.size() + " rows, " + expected.size());
    }
    System.out.printf(
        "CDC verified: %d rows equal the generator's final state, checksum %08x%n",
        actual.size(), actual.hashCode());
  }

  private void report(
      ChangeGenerator gen, List<Long> putAt, List<long[]> seen, long start, long end, long putEnd) {
    int total = gen.changes().size();
    long[] first = null; // first sample with anything applied
    int applies = 0;
    long[] prev = null;
    for (long[] s : seen) {
      if (first == null && applied(s) > 0) {
        first = s;
      }
      if (prev != null && applied(s) > applied(prev)) {
        applies++;
      }
      prev = s;
    }
    double seconds = (end - start) / 1e9;
    System.out.printf(
        "CDC %d changes (%d keys, %d partitions, rate %s): put() done after %.2f s, all applied"
            + " after %.2f s: %.0f changes/s applied%n",
        total,
        keys,
        PARTITIONS,
        rate == 0 ? "unpaced" : rate + "/s",
        (putEnd - start) / 1e9,
        seconds,
        total / seconds);
    if (first != null) {
      double cold = (first[0] - start) / 1e9;
      long after = total - applied(first);
      double steady = (end - first[0]) / 1e9;
      System.out.printf(
          "CDC cold: first changes applied %.2f s after the first put() (%d changes);"
              + " steady: %d changes in %.2f s after it: %.0f changes/s%n",
          cold, applied(first), after, steady, after / steady);
    }
    System.out.printf(
        "CDC progress advanced in %d of %d samples (>= that many applies; each is N + 5"
            + " statements for N partitions with new changes)%n",
        applies, seen.size());
    List<Long> latencies = new ArrayList<>();
    for (int k = 0; k < putAt.size(); k++) {
      long offset = (long) k * BATCH; // first change of each partition's batch
      for (int p = 0; p < PARTITIONS; p++) {
        for (long[] s : seen) {
          if (s[0] >= putAt.get(k) && s[1 + p] >= offset) {
            latencies.add(s[0] - putAt.get(k));
            break;
          }
        }
      }
    }
    latencies.sort(null);
    if (!latencies.isEmpty()) {
      System.out.printf(
          "CDC latency put() to applied (%d samples, +-%d ms): P50 %.0f ms, P99 %.0f ms, max %.0f"
              + " ms%n",
          latencies.size(),
          sampleMs,
          pct(latencies, 0.50),
          pct(latencies, 0.99),
          latencies.get(latencies.size() - 1) / 1e6);
    }
  }

  private static long applied(long[] s) {
    long n = 0;
    for (int p = 0; p < PARTITIONS; p++) {
      n += s[1 + p] + 1;
    }
    return n;
  }

  private static double pct(List<Long> sorted, double q) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
  }

  private static void printMachine() throws Exception {
    String model =
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name"))
            .findFirst()
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .orElse("?");
    System.out.printf(
        "CDC machine: %d cores, %s, load average %s%n",
        Runtime.getRuntime().availableProcessors(),
        model,
        Files.readString(Path.of("/proc/loadavg")).trim());
    ManagementFactory.getRuntimeMXBean(); // JVM up before timing
  }
}
