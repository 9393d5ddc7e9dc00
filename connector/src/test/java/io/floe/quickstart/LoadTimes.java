package io.floe.quickstart;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.connection.HistoryRangeResponse;
import net.snowflake.ingest.connection.HistoryResponse;

/**
 * When each record of the latency phase became queryable: Snowpipe's load history (read as any
 * client reads it, with the ingest SDK's {@code loadHistoryScan}) gives each file's last insert
 * time, and Floe's file names ({@code <topic>/<partition>/<first>_<last>.json.gz}) say which
 * records it holds.
 */
final class LoadTimes {
  private static final Pattern FILE = Pattern.compile(".*/(\\d+)/(\\d+)_(\\d+)\\.json\\.gz");

  /** Per record of the phase, milliseconds from send to queryable, sorted. */
  private final long[] latencies;

  private final int files;
  private final long rows;

  private LoadTimes(long[] latencies, int files, long rows) {
    this.latencies = latencies;
    this.files = files;
    this.rows = rows;
  }

  static LoadTimes read(SnowflakeLogin login, Path keyFile, BenchRecords.Sent sent)
      throws Exception {
    URI jdbc = URI.create(login.jdbcUrl().substring("jdbc:".length()));
    // TableObjects' pipe name for connector "bench" and table BENCH.
    String pipe =
        "BENCH.PUBLIC.FLOE_"
            + EndToEndBench.CONNECTOR.toUpperCase(java.util.Locale.ROOT)
            + "_PIPE_BENCH";
    long[] latencies = new long[(int) sent.count()];
    int n = 0;
    int files = 0;
    long rows = 0;
    try (SimpleIngestManager ingest =
        new SimpleIngestManager(
            login.account(),
            login.user(),
            pipe,
            privateKey(keyFile),
            "http",
            jdbc.getHost(),
            jdbc.getPort())) {
      Instant start = Instant.now().minusSeconds((long) sent.seconds() + 600);
      Instant end = Instant.now().plusSeconds(60);
      while (start.isBefore(end)) {
        HistoryRangeResponse page =
            ingest.getHistoryRange(UUID.randomUUID(), start.toString(), end.toString());
        for (HistoryResponse.FileEntry f :
            page.files == null ? List.<HistoryResponse.FileEntry>of() : page.files) {
          Matcher m = FILE.matcher(f.getPath());
          if (!m.matches() || f.getLastInsertTime() == null) {
            continue;
          }
          long loaded = f.getLastInsertTime().toInstant(ZoneOffset.UTC).toEpochMilli();
          int partition = Integer.parseInt(m.group(1));
          boolean ours = false;
          for (long o = Long.parseLong(m.group(2)); o <= Long.parseLong(m.group(3)); o++) {
            long sentAt = sent.sendTime(partition, o);
            if (sentAt >= 0 && n < latencies.length) {
              latencies[n++] = loaded - sentAt;
              ours = true;
            }
          }
          if (ours) {
            files++;
            rows += f.getRowsInserted() == null ? 0 : f.getRowsInserted();
          }
        }
        if (page.isCompleteResult() || page.getRangeEndTime() == null) {
          break;
        }
        Instant next =
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(page.getRangeEndTime(), Instant::from);
        start = next.isAfter(start) ? next : start.plusMillis(1);
      }
    }
    if (n < latencies.length) {
      throw new IllegalStateException(
          "the load history accounts for " + n + " of the " + latencies.length + " records sent");
    }
    Arrays.sort(latencies);
    return new LoadTimes(latencies, files, rows);
  }

  /** The {@code p}th percentile latency in seconds (nearest rank); 100 is the maximum. */
  double percentile(double p) {
    int rank = (int) Math.ceil(p / 100 * latencies.length);
    return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))] / 1000.0;
  }

  int files() {
    return files;
  }

  double rowsPerFile() {
    return files == 0 ? 0 : rows / (double) files;
  }

  private static PrivateKey privateKey(Path pem) throws Exception {
    String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
