package io.floe.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The end-to-end benchmark bin/bench runs against the processes it started (local Snowflake, KRaft
 * broker, distributed Connect worker with the packaged plugin): produces JSON records, creates a
 * Floe connector through the REST API and measures, from outside the worker, what it costs.
 *
 * <ol>
 *   <li><b>Cold start</b>: {@code --warmup} records wait in the topic; the connector is created;
 *       timed until the last row is queryable, with the worker's CPU from creation on.
 *   <li><b>Steady state</b>: the connector is paused, {@code --records} more are produced, and the
 *       connector resumed: timed until every offset is committed (staged and submitted) and until
 *       the last row is queryable; CPU over that span only, so JIT warm-up and start-up are behind
 *       us.
 *   <li><b>Latency</b>: records produced at {@code --rate-mb} MB/s for {@code --latency-seconds} s;
 *       each record's latency is from its send to the load of the file holding it (Snowpipe's load
 *       history, read with the ingest SDK, says when each file's rows were inserted).
 * </ol>
 */
public final class EndToEndBench {
  static final String TOPIC = "bench";
  static final String CONNECTOR = "bench";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ToolArgs args;
  private final WorkerProbe worker;
  private final BenchRecords records;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String connect;
  private final int partitions;

  private EndToEndBench(ToolArgs args) {
    this.args = args;
    this.connect = args.required("connect");
    this.partitions = args.intValue("partitions", 4);
    this.worker =
        new WorkerProbe(
            Long.parseLong(args.required("worker-pid")),
            Path.of(args.required("gc-log")),
            args.intValue("clock-ticks", 100));
    this.records =
        new BenchRecords(
            args.required("bootstrap-servers"), TOPIC, partitions, args.intValue("bytes", 230));
  }

  public static void main(String[] argv) throws Exception {
    EndToEndBench bench = new EndToEndBench(new ToolArgs("EndToEndBench", argv));
    try {
      bench.run();
    } finally {
      bench.records.close();
    }
  }

  private void run() throws Exception {
    SnowflakeLogin login = SnowflakeLogin.from(args);
    int warmup = args.intValue("warmup", 200_000);
    int count = args.intValue("records", 1_000_000);
    try (Admin admin = records.admin()) {
      admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
    }
    print(
        "records: %d B of JSON each (value), %d partitions, %s",
        records.bytes(), partitions, describeConfig());

    // 1. Cold start.
    records.produce(warmup);
    double cpu0 = worker.cpuSeconds();
    long t0 = System.nanoTime();
    post("/connectors", Map.of("name", CONNECTOR, "config", config(login)));
    try (Connection c = login.connect()) {
      awaitRows(c, warmup, Duration.ofMinutes(10));
      double cold = seconds(t0);
      double cpuCold = worker.cpuSeconds() - cpu0;
      print(
          "cold start | %d records, %.1f MB | connector created -> last row queryable %.1f s |"
              + " worker %.1f CPU-s, %.1f MB per CPU-s",
          warmup, mb(warmup), cold, cpuCold, mb(warmup) / cpuCold);

      // 2. Steady state.
      put("/connectors/" + CONNECTOR + "/pause");
      awaitState("PAUSED");
      records.produce(count);
      int gcFrom = worker.gcLogLines();
      Map<String, Double> threads = worker.cpuByThread();
      double cpu1 = worker.cpuSeconds();
      long t1 = System.nanoTime();
      put("/connectors/" + CONNECTOR + "/resume");
      long total = (long) warmup + count;
      awaitCommitted(total, Duration.ofMinutes(20));
      double submitted = seconds(t1);
      double cpuSubmitted = worker.cpuSeconds() - cpu1;
      awaitRows(c, total, Duration.ofMinutes(20));
      double queryable = seconds(t1);
      double cpuSteady = worker.cpuSeconds() - cpu1;
      print(
          "steady     | %d records, %.1f MB | resumed -> all offsets committed (staged and"
              + " submitted) %.1f s = %.1f MB/s | -> last row queryable %.1f s = %.1f MB/s",
          count, mb(count), submitted, mb(count) / submitted, queryable, mb(count) / queryable);
      print(
          "steady     | worker %.1f CPU-s until submitted (%.1f MB per CPU-s), %.1f CPU-s until"
              + " queryable (%.1f MB per CPU-s); %s",
          cpuSubmitted,
          mb(count) / cpuSubmitted,
          cpuSteady,
          mb(count) / cpuSteady,
          worker.heap(gcFrom).describe());
      Map<String, Double> threadsAfter = worker.cpuByThread();
      double jit =
          threadsAfter.getOrDefault(WorkerProbe.JIT, 0.0)
              - threads.getOrDefault(WorkerProbe.JIT, 0.0);
      print(
          "steady     | worker CPU by thread: %s; without the JIT compiler %.1f CPU-s, %.1f MB per"
              + " CPU-s",
          WorkerProbe.topShares(threads, threadsAfter, 8),
          cpuSteady - jit,
          mb(count) / (cpuSteady - jit));

      // 3. Latency at a steady rate.
      double rate = Double.parseDouble(args.optional("rate-mb", "10"));
      int latencySeconds = args.intValue("latency-seconds", 30);
      if (streaming()) {
        // No files and no load history: the local Snowflake's channel commit times tell when
        // rows became queryable, read once at the end so nothing polls the server meanwhile.
        BenchRecords.Sent sent = records.produceAtRate(rate, Duration.ofSeconds(latencySeconds));
        awaitRows(c, total + sent.count(), Duration.ofMinutes(10));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        URI jdbc = URI.create(login.jdbcUrl().substring("jdbc:".length()));
        URI server = URI.create("http://" + jdbc.getHost() + ":" + jdbc.getPort());
        long[] latencies = CommitTimes.latencies(server, "BENCH", "PUBLIC", "BENCH", sent);
        print(
            "latency    | %d records at %.1f MB/s (achieved %.1f) for %d s | produce -> committed"
                + " P50 %.2f s, P99 %.2f s, max %.2f s (channel commit times) | load average"
                + " %.2f on %d cores",
            sent.count(),
            rate,
            mb(sent.count()) / sent.seconds(),
            latencySeconds,
            percentile(latencies, 50),
            percentile(latencies, 99),
            percentile(latencies, 100),
            load,
            Runtime.getRuntime().availableProcessors());
      } else {
        latencyFromLoadHistory(c, login, total, rate, latencySeconds);
      }
    }
    print(
        "worker     | peak RSS %.0f MB, RSS now %.0f MB; over the whole run: %s",
        worker.peakRssMb(), worker.rssMb(), worker.heap(0).describe());
  }

  /** The {@code p}th percentile of sorted milliseconds, in seconds (nearest rank). */
  private static double percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
  }

  /** Snowpipe: each file's last insert time in the load history, for the records it holds. */
  private void latencyFromLoadHistory(
      Connection c, SnowflakeLogin login, long total, double rate, int latencySeconds)
      throws Exception {
    BenchRecords.Sent sent = records.produceAtRate(rate, Duration.ofSeconds(latencySeconds));
    awaitRows(c, total + sent.count(), Duration.ofMinutes(10));
    LoadTimes loads = LoadTimes.read(login, Path.of(args.required("key-file")), sent);
    print(
        "latency    | %d records at %.1f MB/s (achieved %.1f) for %d s | produce -> queryable"
            + " P50 %.2f s, P99 %.2f s, max %.2f s | %d files loaded, %.0f rows per file",
        sent.count(),
        rate,
        mb(sent.count()) / sent.seconds(),
        latencySeconds,
        loads.percentile(50),
        loads.percentile(99),
        loads.percentile(100),
        loads.files(),
        loads.rowsPerFile());
  }

  private Map<String, String> config(SnowflakeLogin login) throws Exception {
    URI jdbc = URI.create(login.jdbcUrl().substring("jdbc:".length()));
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", "io.floe.connector.SnowflakeSinkConnector");
    c.put("tasks.max", args.optional("tasks", "2"));
    c.put("topics", TOPIC);
    c.put("snowflake.topic2table.map", TOPIC + ":BENCH");
    c.put("snowflake.url.name", "http://" + jdbc.getHost() + ":" + jdbc.getPort());
    c.put("snowflake.account.name", login.account());
    c.put("snowflake.user.name", login.user());
    c.put(
        "snowflake.private.key",
        Files.readString(Path.of(args.required("key-file"))).replace("\n", ""));
    c.put("snowflake.database.name", "BENCH");
    c.put("snowflake.schema.name", "PUBLIC");
    c.put("buffer.count.records", args.optional("buffer-records", "10000"));
    c.put("buffer.size.bytes", args.optional("buffer-bytes", "5000000"));
    c.put("buffer.flush.time", args.optional("flush-seconds", "10"));
    c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    c.put("value.converter", converter());
    c.put("value.converter.schemas.enable", "false");
    if (streaming()) {
      c.put("snowflake.ingestion.method", "SNOWPIPE_STREAMING");
      c.put("snowflake.role.name", "ACCOUNTADMIN");
      c.put("snowflake.streaming.max.client.lag", args.optional("client-lag-seconds", "1"));
    }
    return c;
  }

  /** {@code --ingestion snowpipe} (staged files, the default) or {@code streaming}. */
  private boolean streaming() {
    String name = args.optional("ingestion", "snowpipe");
    return switch (name) {
      case "snowpipe" -> false;
      case "streaming" -> true;
      default ->
          throw new IllegalArgumentException(
              "--ingestion must be snowpipe or streaming, not " + name);
    };
  }

  /** {@code --converter kafka-json} (Kafka's JsonConverter, the default) or {@code floe-json}. */
  private String converter() {
    String name = args.optional("converter", "kafka-json");
    return switch (name) {
      case "kafka-json" -> "org.apache.kafka.connect.json.JsonConverter";
      case "floe-json" -> "io.floe.connector.conversion.SnowflakeJsonConverter";
      default ->
          throw new IllegalArgumentException(
              "--converter must be kafka-json or floe-json, not " + name);
    };
  }

  private String describeConfig() {
    return String.format(
        Locale.ROOT,
        "%s, tasks.max=%s, buffers %s records / %s bytes / %s s, value.converter %s",
        streaming()
            ? "Snowpipe Streaming (max client lag "
                + args.optional("client-lag-seconds", "1")
                + " s)"
            : "Snowpipe (staged files)",
        args.optional("tasks", "2"),
        args.optional("buffer-records", "10000"),
        args.optional("buffer-bytes", "5000000"),
        args.optional("flush-seconds", "10"),
        converter());
  }

  private double mb(long n) {
    return n * (double) records.bytes() / 1e6;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void print(String format, Object... values) {
    System.out.println(String.format(Locale.ROOT, format, values));
  }

  private void awaitRows(Connection c, long expected, Duration timeout) throws Exception {
    await(
        "BENCH.PUBLIC.BENCH to hold " + expected + " rows",
        timeout,
        () -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("select count(*) from BENCH.PUBLIC.BENCH")) {
            rs.next();
            long n = rs.getLong(1);
            if (n > expected) {
              throw new IllegalStateException(n + " rows, more than the " + expected + " sent");
            }
            return n == expected;
          } catch (java.sql.SQLException e) {
            return false; // the table does not exist yet
          }
        });
  }

  private void awaitCommitted(long expected, Duration timeout) throws Exception {
    try (Admin admin = records.admin()) {
      await(
          "the connector to commit " + expected + " offsets",
          timeout,
          () -> {
            try {
              long sum = 0;
              for (OffsetAndMetadata o :
                  admin
                      .listConsumerGroupOffsets("connect-" + CONNECTOR)
                      .partitionsToOffsetAndMetadata()
                      .get()
                      .values()) {
                sum += o == null ? 0 : o.offset();
              }
              return sum >= expected;
            } catch (Exception e) {
              return false;
            }
          });
    }
  }

  private void awaitState(String state) throws Exception {
    await(
        "the connector's tasks to be " + state,
        Duration.ofMinutes(1),
        () -> {
          try {
            JsonNode status = get("/connectors/" + CONNECTOR + "/status");
            boolean all = status.path("tasks").size() > 0;
            for (JsonNode t : status.path("tasks")) {
              all &= t.path("state").asText().equals(state);
            }
            return all;
          } catch (Exception e) {
            return false;
          }
        });
  }

  /** Polls every 100 ms: the bench's timings are only as fine as this. */
  private static void await(String what, Duration timeout, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(connect + path)).GET());
  }

  private void put(String path) throws Exception {
    send(
        HttpRequest.newBuilder(URI.create(connect + path))
            .PUT(HttpRequest.BodyPublishers.noBody()));
  }

  private void post(String path, Object body) throws Exception {
    send(
        HttpRequest.newBuilder(URI.create(connect + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private JsonNode send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(
          r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
  }
}
