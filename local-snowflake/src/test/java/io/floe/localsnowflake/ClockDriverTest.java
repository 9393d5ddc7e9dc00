package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.localsnowflake.driver.DriverGeneration;
import io.floe.localsnowflake.driver.StageStreams;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.connection.HistoryResponse;
import net.snowflake.ingest.connection.IngestResponse;
import net.snowflake.ingest.utils.StagedFileWrapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Time passing in a test, through the real drivers: advancing the local Snowflake's clock expires
 * session and master tokens, ages Snowpipe's load history and its 14-day memory of paths, expires
 * COPY's 64-day load metadata and shows in LIST. The tests share one server and so one clock; each
 * measures from the time it reads when it starts.
 */
class ClockDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final KeyPair KEY = RsaKeys.generate();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void objects() {
    LocalSnowflake sf = SNOWFLAKE.get();
    sf.registerPublicKey(sf.user(), KEY.getPublic());
    sf.execute(
        "create database clocked",
        "create table clocked.public.piped (v variant)",
        "create table clocked.public.copied (v variant)",
        "create stage clocked.public.s file_format = (type = json)",
        "create pipe clocked.public.p as copy into clocked.public.piped from @clocked.public.s");
  }

  @Test
  void sessionTokensExpireAndAreRenewedUntilTheMasterTokenExpires() throws Exception {
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement()) {
      assertEquals(1, count(s, "select 1"));
      // The session token lives an hour: the driver renews it with its master token (390112).
      SNOWFLAKE.advanceClock(Duration.ofMinutes(61));
      assertEquals(1, count(s, "select 1"));
      // The master token lives four hours from login: renewing fails and the user must log in.
      SNOWFLAKE.advanceClock(Duration.ofHours(3));
      SQLException expired = assertThrows(SQLException.class, () -> count(s, "select 1"));
      assertEquals(390114, expired.getErrorCode(), expired.getMessage());
    }
    try (Connection again = SNOWFLAKE.get().connect();
        Statement s = again.createStatement()) {
      assertEquals(1, count(s, "select 1"));
    }
  }

  @Test
  void snowpipeSkipsAPathReceivedWithin14DaysAndLoadsItAgainAfter() throws Exception {
    String loaded = "select count(*) from clocked.public.piped where v:n = 1";
    try (SimpleIngestManager ingest = ingest()) {
      upload("again", "a.json", "{\"n\":1}");
      StagedFileWrapper file = new StagedFileWrapper("again/a.json", null);
      assertEquals(List.of(), skipped(ingest.ingestFile(file, null, true)));
      assertTrue(SNOWFLAKE.get().awaitSnowpipeIdle(Duration.ofSeconds(30)));
      assertEquals(List.of("1"), column(loaded, 1));

      // Past the JWT's hour too: the SDK's token has expired, it signs a new one and goes on.
      SNOWFLAKE.advanceClock(Duration.ofDays(13));
      assertEquals(List.of("again/a.json"), skipped(ingest.ingestFile(file, null, true)));
      assertTrue(SNOWFLAKE.get().awaitSnowpipeIdle(Duration.ofSeconds(30)));
      assertEquals(List.of("1"), column(loaded, 1));

      SNOWFLAKE.advanceClock(Duration.ofDays(2));
      assertEquals(List.of(), skipped(ingest.ingestFile(file, null, true)));
      assertTrue(SNOWFLAKE.get().awaitSnowpipeIdle(Duration.ofSeconds(30)));
      assertEquals(List.of("2"), column(loaded, 1));
    }
  }

  @Test
  void loadHistoryAgesOutOfInsertReportAndThenOfLoadHistoryScan() throws Exception {
    Instant before = SNOWFLAKE.get().now().minusSeconds(1);
    try (SimpleIngestManager ingest = ingest()) {
      upload("aging", "b.json", "{\"n\":2}");
      ingest.ingestFile(new StagedFileWrapper("aging/b.json", null), null);
      assertTrue(SNOWFLAKE.get().awaitSnowpipeIdle(Duration.ofSeconds(30)));
      assertTrue(reported(ingest).contains("aging/b.json"));
      assertTrue(scanned(ingest, before).contains("aging/b.json"));

      // insertReport keeps events 10 minutes; loadHistoryScan still has them.
      SNOWFLAKE.advanceClock(Duration.ofMinutes(11));
      assertFalse(reported(ingest).contains("aging/b.json"));
      assertTrue(scanned(ingest, before).contains("aging/b.json"));

      // The pipe's load history lasts 14 days.
      SNOWFLAKE.advanceClock(Duration.ofDays(14));
      assertFalse(scanned(ingest, before).contains("aging/b.json"));
    }
  }

  @Test
  void copyLoadMetadataExpiresAfter64DaysAndThenTheFileIsUncertain() throws Exception {
    // Sessions do not outlive such advances (their master token lasts four hours): each
    // statement logs in anew.
    upload("copied", "c.json", "{\"n\":3}");
    String copy = "copy into clocked.public.copied from @clocked.public.s/copied/";
    assertEquals(List.of("LOADED"), column(copy, 2));

    SNOWFLAKE.advanceClock(Duration.ofDays(63));
    assertEquals(List.of("Copy executed with 0 files processed."), column(copy, 1));

    // Now the file is older than 64 days, and so are its load and the table's first load: its
    // load status is unknown, and COPY skips it unless told to load uncertain files.
    SNOWFLAKE.advanceClock(Duration.ofDays(2));
    assertEquals(List.of("Copy executed with 0 files processed."), column(copy, 1));
    // A file staged since is new to the table's metadata: it loads.
    upload("copied", "d.json", "{\"n\":4}");
    assertEquals(List.of("s/copied/d.json"), column(copy, 1));
    assertEquals(List.of("LOADED"), column(copy + " load_uncertain_files = true", 2));
    assertEquals(
        List.of("3", "3", "4"), column("select v:n from clocked.public.copied order by 1", 1));
  }

  @Test
  void listShowsFilesModifiedWhenTheClockSaysTheyWere() throws Exception {
    Instant first = SNOWFLAKE.get().now();
    upload("listed", "e.json", "{}");
    SNOWFLAKE.advanceClock(Duration.ofDays(30));
    Instant second = SNOWFLAKE.get().now();
    upload("listed", "f.json", "{}");

    Map<String, Instant> modified = new HashMap<>();
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("list @clocked.public.s/listed/")) {
      while (rs.next()) {
        String text = rs.getString("last_modified");
        modified.put(
            rs.getString("name"),
            ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      }
    }
    assertAbout(first, modified.get("s/listed/e.json"));
    assertAbout(second, modified.get("s/listed/f.json"));
  }

  @Test
  void queriesSeeLocalTime() throws Exception {
    SNOWFLAKE.advanceClock(Duration.ofDays(100));
    Instant now = SNOWFLAKE.get().now();
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_timestamp(), sysdate(), current_date()")) {
      assertTrue(rs.next());
      assertAbout(now, rs.getTimestamp(1).toInstant());
      assertAbout(now, rs.getTimestamp(2).toLocalDateTime().toInstant(ZoneOffset.UTC));
      assertEquals(now.atZone(ZoneOffset.UTC).toLocalDate(), rs.getDate(3).toLocalDate());
    }
  }

  @Test
  void theControlApiReadsAndAdvancesTheClock() throws Exception {
    JsonNode now = JSON.readTree(control("GET", "/__local/clock", null).body());
    assertAbout(SNOWFLAKE.get().now(), Instant.parse(now.get("now").asText()));
    long offset = now.get("offsetSeconds").asLong();

    JsonNode hour =
        JSON.readTree(control("POST", "/__local/clock/advance?seconds=3600", null).body());
    assertEquals(offset + 3600, hour.get("offsetSeconds").asLong());
    JsonNode day =
        JSON.readTree(control("POST", "/__local/clock/advance", "{\"duration\":\"P1D\"}").body());
    assertEquals(offset + 3600 + 86_400, day.get("offsetSeconds").asLong());
    assertAbout(SNOWFLAKE.get().now(), Instant.parse(day.get("now").asText()));

    HttpResponse<String> back = control("POST", "/__local/clock/advance?seconds=-1", null);
    assertEquals(400, back.statusCode(), back.body());
    assertEquals(400, control("POST", "/__local/clock/advance", null).statusCode());
  }

  /** Within two seconds (LIST shows whole seconds). */
  private static void assertAbout(Instant expected, Instant actual) {
    assertTrue(
        Duration.between(expected, actual).abs().compareTo(Duration.ofSeconds(2)) < 0,
        "expected about " + expected + ", was " + actual);
  }

  private static List<String> skipped(IngestResponse r) {
    return r.getSkippedFiles() == null ? List.of() : r.getSkippedFiles();
  }

  private static List<String> reported(SimpleIngestManager ingest) throws Exception {
    HistoryResponse r = ingest.getHistory(null, null, null);
    return r.files.stream().map(HistoryResponse.FileEntry::getPath).toList();
  }

  /** loadHistoryScan from {@code start} to the local Snowflake's now. */
  private static List<String> scanned(SimpleIngestManager ingest, Instant start) throws Exception {
    String end = SNOWFLAKE.get().now().plusSeconds(1).toString();
    return ingest.getHistoryRange(null, start.toString(), end).files.stream()
        .map(HistoryResponse.FileEntry::getPath)
        .toList();
  }

  private static void upload(String prefix, String name, String content) throws SQLException {
    try (Connection c = SNOWFLAKE.get().connect()) {
      StageStreams.of(c)
          .upload(
              "clocked.public.s",
              prefix,
              name,
              new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
              false);
    }
  }

  private static HttpResponse<String> control(String method, String path, String json)
      throws Exception {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(SNOWFLAKE.get().url() + path))
            .method(method, body)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static SimpleIngestManager ingest() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    LocalSnowflake sf = SNOWFLAKE.get();
    return new SimpleIngestManager(
        sf.account(),
        sf.user(),
        "CLOCKED.PUBLIC.P",
        KEY.getPrivate(),
        "http",
        "127.0.0.1",
        sf.port());
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  /** One column of a statement's result, run in a session of its own. */
  private static List<String> column(String sql, int column) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(column));
      }
    }
    return out;
  }
}
