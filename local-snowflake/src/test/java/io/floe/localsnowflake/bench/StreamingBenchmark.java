package io.floe.localsnowflake.bench;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.RsaKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import net.snowflake.ingest.streaming.OpenChannelRequest;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClientFactory;

/**
 * How fast rows streamed through the real Snowpipe Streaming SDK client (max client lag 1 s) become
 * rows of the connector's table (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT) in the local
 * Snowflake: rows/s from the first insertRows until the last offset token is committed, and per
 * batch the time from insertRows to its token being committed (P50/P99). Client and server share
 * the process, so the CPU-seconds are both. Not a test: {@code bin/bench-local-snowflake
 * --streaming} (see docs/local-snowflake.md, "Speed").
 *
 * <p>Options: {@code --rows N} (default 200000), {@code --batch N} (rows per insertRows, default
 * 1000), {@code --channels N} (default 2).
 */
public final class StreamingBenchmark {
  public static void main(String[] args) throws Exception {
    int rows = 200_000;
    int batch = 1_000;
    int channelCount = 2;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[i + 1]);
        case "--batch" -> batch = Integer.parseInt(args[i + 1]);
        case "--channels" -> channelCount = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.println(Machine.describe());
    KeyPair key = RsaKeys.generate();
    BenchFiles data = new BenchFiles(42, false);
    try (LocalSnowflake sf = LocalSnowflake.builder().start()) {
      sf.registerPublicKey(sf.user(), key.getPublic());
      sf.execute(
          "create database bench",
          "create table bench.public.t (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT)");
      try (SnowflakeStreamingIngestClient client = client(sf, key)) {
        List<SnowflakeStreamingIngestChannel> channels = new ArrayList<>();
        for (int c = 0; c < channelCount; c++) {
          channels.add(
              client.openChannel(
                  OpenChannelRequest.builder("bench_" + c)
                      .setDBName("bench")
                      .setSchemaName("public")
                      .setTableName("t")
                      .setOnErrorOption(OpenChannelRequest.OnErrorOption.ABORT)
                      .build()));
        }
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        long jsonBytes = 0;
        for (int b = 0; b < rows / batch; b++) {
          List<Map<String, Object>> list = new ArrayList<>(batch);
          for (int i = 0; i < batch; i++) {
            String line = data.nextRecord("topic", 0);
            int split = line.indexOf(",\"content\":");
            String meta = line.substring("{\"meta\":".length(), split);
            String content = line.substring(split + ",\"content\":".length(), line.length() - 1);
            jsonBytes +=
                meta.getBytes(StandardCharsets.UTF_8).length
                    + content.getBytes(StandardCharsets.UTF_8).length;
            list.add(Map.of("RECORD_METADATA", meta, "RECORD_CONTENT", content));
          }
          batches.add(list);
        }
        long cpu = Machine.processCpuNanos();
        long serverCpu = serverThreadsCpuNanos();
        long start = System.nanoTime();
        long[] insertedAt = new long[batches.size()];
        long[] committedAt = new long[batches.size()];
        int next = 0;
        int seen = 0;
        while (seen < batches.size()) {
          // Insert while polling, a batch per channel in turn; a poll every 100 ms at most.
          long pollAt = System.nanoTime() + 100_000_000L;
          while (next < batches.size() && System.nanoTime() < pollAt) {
            insertedAt[next] = System.nanoTime();
            channels.get(next % channelCount).insertRows(batches.get(next), String.valueOf(next));
            next++;
          }
          if (next == batches.size()) {
            Thread.sleep(Math.max(0, (pollAt - System.nanoTime()) / 1_000_000L));
          }
          long now = System.nanoTime();
          for (int c = 0; c < channelCount; c++) {
            String token = channels.get(c).getLatestCommittedOffsetToken();
            int upTo = token == null ? -1 : Integer.parseInt(token);
            for (int b = c; b <= upTo; b += channelCount) {
              if (committedAt[b] == 0) {
                committedAt[b] = now;
                seen++;
              }
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (Machine.processCpuNanos() - cpu) / 1e9;
        double serverSeconds = (serverThreadsCpuNanos() - serverCpu) / 1e9;
        List<Long> latencies = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
          latencies.add((committedAt[b] - insertedAt[b]) / 1_000_000L);
        }
        latencies.sort(null);
        long total = (long) batches.size() * batch;
        System.out.printf(
            Locale.ROOT,
            "Snowpipe Streaming, %d rows (%.1f MB of JSON) in batches of %d over %d channels:"
                + " %.0f rows/s, %.1f MB/s; insert to committed P50 %d ms, P99 %d ms;"
                + " %.1f CPU-seconds (client and server), %.0f rows per CPU-second; the local"
                + " Snowflake's request threads %.1f CPU-seconds (DuckDB's own threads not"
                + " included)%n",
            total,
            jsonBytes / 1e6,
            batch,
            channelCount,
            total / seconds,
            jsonBytes / 1e6 / seconds,
            latencies.get(latencies.size() / 2),
            latencies.get(Math.min(latencies.size() - 1, (int) (latencies.size() * 0.99))),
            cpuSeconds,
            total / cpuSeconds,
            serverSeconds);
      }
      try (Connection c = sf.connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from bench.public.t")) {
        rs.next();
        System.out.println("rows in the table: " + rs.getLong(1));
      }
    }
    System.exit(0); // the SDK's HTTP client leaves non-daemon threads behind
  }

  /** CPU time of the local Snowflake's HTTP threads (live ones: the pool keeps them a minute). */
  private static long serverThreadsCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("local-snowflake-http")) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  private static SnowflakeStreamingIngestClient client(LocalSnowflake sf, KeyPair key) {
    Properties p = new Properties();
    p.put("url", sf.url());
    p.put("user", sf.user());
    p.put("private_key", Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()));
    p.put("role", "ACCOUNTADMIN");
    p.put("max_client_lag", "1000");
    return SnowflakeStreamingIngestClientFactory.builder("bench").setProperties(p).build();
  }
}
