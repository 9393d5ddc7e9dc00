package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.driver.DriverGeneration;
import io.floe.localsnowflake.driver.StageStreams;
import io.floe.localsnowflake.http.Faults;
import io.floe.localsnowflake.http.Faults.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
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
import java.util.List;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.connection.HistoryResponse;
import net.snowflake.ingest.connection.IngestResponse;
import net.snowflake.ingest.utils.StagedFileWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Injected faults as the real drivers see them, through the Java API and the HTTP control path:
 * 503s that the driver and the Snowpipe SDK retry, session expiry that the driver renews (390112)
 * and the SDK answers with a new JWT (401), faults at the cloud-storage URLs, stalls, and Snowpipe
 * paused and resumed.
 */
class FaultInjectionDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final KeyPair KEY = RsaKeys.generate();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void objects() {
    LocalSnowflake sf = SNOWFLAKE.get();
    sf.registerPublicKey(sf.user(), KEY.getPublic());
    sf.execute(
        "create database faults",
        "create table faults.public.t (v variant)",
        "create stage faults.public.s file_format = (type = json)",
        "create pipe faults.public.p as copy into faults.public.t from @faults.public.s");
  }

  @AfterEach
  void clear() {
    SNOWFLAKE.get().faults().clear();
    SNOWFLAKE.get().resumeSnowpipe();
  }

  private static Faults faults() {
    return SNOWFLAKE.get().faults();
  }

  private static Connection connect() throws SQLException {
    Connection c = SNOWFLAKE.get().connect();
    try (Statement s = c.createStatement()) {
      s.execute("use schema faults.public");
    }
    return c;
  }

  @Test
  void queriesAnswered503AreRetriedByTheDriver() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      faults().failQueries("select", 2);
      assertEquals(1, count(s, "select 1"));
      assertEquals(0, faults().pending());
    }
  }

  @Test
  void anExpiredSessionIsRenewedByTheDriver() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      faults().expireSession(Endpoint.QUERY, 1);
      assertEquals(1, count(s, "select 1"));
      assertEquals(0, faults().pending());
    }
  }

  @Test
  void aStorageUploadAnswered503FailsThePutAndARetrySucceeds() throws Exception {
    // The driver resends the storage PUT after a 503, but from the stream it already consumed;
    // the digest check refuses that body (GCS would store it), so the driver's upload fails and
    // the caller retries the whole upload, as Floe does.
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      StageStreams streams = StageStreams.of(c);
      for (boolean compress : new boolean[] {true, false}) {
        String name = compress ? "a.json" : "a.json.gz";
        faults().fail(Endpoint.UPLOAD, 1);
        assertThrows(
            SQLException.class, () -> streams.upload("s", "u", name, stream("{}"), compress));
        assertEquals(0, faults().pending());
        assertTrue(names(s, "list @s/u").isEmpty());
      }
      streams.upload("s", "u", "a.json", stream("{}"), true);
      assertEquals(List.of("s/u/a.json.gz"), names(s, "list @s/u"));
    }
  }

  @Test
  void aStorageDownloadAnswered503IsRetriedByTheDriver() throws Exception {
    try (Connection c = connect()) {
      StageStreams streams = StageStreams.of(c);
      streams.upload("s", "d", "b.json", stream("{\"b\":1}"), false);
      faults().fail(Endpoint.DOWNLOAD, 2);
      try (InputStream in = streams.download("s", "d/b.json", false)) {
        assertArrayEquals("{\"b\":1}".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
      }
      assertEquals(0, faults().pending());
    }
  }

  @Test
  void aStalledUploadStillCompletes() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      faults().stall(Endpoint.UPLOAD, 1, Duration.ofMillis(300));
      long start = System.nanoTime();
      StageStreams.of(c).upload("s", "slow", "c.json", stream("{}"), true);
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);
      assertEquals(List.of("s/slow/c.json.gz"), names(s, "list @s/slow"));
    }
  }

  @Test
  void snowpipeCallsAnswered503OrUnauthorizedAreRetriedByTheSdk() throws Exception {
    try (Connection c = connect()) {
      StageStreams.of(c).upload("s", "pipe", "e.json", stream("{\"e\":1}"), true);
    }
    try (SimpleIngestManager ingest = ingest()) {
      faults().fail(Endpoint.INSERT_FILES, 1);
      IngestResponse r = ingest.ingestFile(new StagedFileWrapper("pipe/e.json.gz", null), null);
      assertEquals("SUCCESS", r.getResponseCode());
      assertTrue(SNOWFLAKE.get().awaitSnowpipeIdle(Duration.ofSeconds(30)));
      // An expired JWT is a 401: the SDK makes a new token and asks again.
      faults().expireSession(Endpoint.INSERT_REPORT, 1);
      HistoryResponse history = ingest.getHistory(null, null, null);
      assertTrue(
          history.files.stream().anyMatch(f -> f.getPath().equals("pipe/e.json.gz")),
          history.toString());
      assertEquals(0, faults().pending());
    }
  }

  @Test
  void theControlPathInjectsAndClearsFaults() throws Exception {
    HttpResponse<String> added =
        control(
            "POST",
            "/__local/faults",
            "{\"endpoint\":\"query\",\"statement\":\"SELECT\",\"times\":1,\"kind\":\"HTTP_503\"}");
    assertEquals(200, added.statusCode(), added.body());
    assertEquals("{\"pending\":1}", added.body());
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertEquals(1, count(s, "select 1"));
    }
    assertEquals("{\"pending\":0}", control("GET", "/__local/faults", null).body());

    control("POST", "/__local/faults", "{\"endpoint\":\"LOGIN\",\"times\":3}");
    assertEquals("{\"pending\":0}", control("DELETE", "/__local/faults", null).body());

    HttpResponse<String> bad =
        control(
            "POST", "/__local/faults", "{\"endpoint\":\"UPLOAD\",\"kind\":\"SESSION_EXPIRED\"}");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("no session to expire"), bad.body());
    assertEquals(400, control("POST", "/__local/faults", "{\"endpoint\":\"NOPE\"}").statusCode());
  }

  @Test
  void snowpipePausedOverTheControlPathQueuesUntilResumed() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      long before = count(s, "select count(*) from t");
      StageStreams.of(c).upload("s", "paused", "f.json", stream("{\"f\":1}"), true);
      assertEquals(200, control("POST", "/__local/snowpipe/pause", null).statusCode());
      try (SimpleIngestManager ingest = ingest()) {
        ingest.ingestFile(new StagedFileWrapper("paused/f.json.gz", null), null);
      }
      assertEquals(
          "{\"idle\":false}",
          control("POST", "/__local/snowpipe/await-idle?timeoutMillis=200", null).body());
      assertEquals(before, count(s, "select count(*) from t"));
      control("POST", "/__local/snowpipe/resume", null);
      assertEquals(
          "{\"idle\":true}",
          control("POST", "/__local/snowpipe/await-idle?timeoutMillis=30000", null).body());
      assertEquals(before + 1, count(s, "select count(*) from t"));
    }
  }

  @Test
  void snowpipePausedThroughTheJavaApi() throws Exception {
    SNOWFLAKE.get().pauseSnowpipe();
    try (Connection c = connect()) {
      StageStreams.of(c).upload("s", "api", "g.json", stream("{\"g\":1}"), true);
    }
    try (SimpleIngestManager ingest = ingest()) {
      ingest.ingestFile(new StagedFileWrapper("api/g.json.gz", null), null);
    }
    assertFalse(SNOWFLAKE.get().awaitSnowpipeIdle(Duration.ofMillis(200)));
    assertEquals(1, SNOWFLAKE.get().snowpipe().pendingFiles());
    SNOWFLAKE.get().resumeSnowpipe();
    assertTrue(SNOWFLAKE.get().awaitSnowpipeIdle(Duration.ofSeconds(30)));
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
        "FAULTS.PUBLIC.P",
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

  private static List<String> names(Statement s, String sql) throws SQLException {
    List<String> out = new java.util.ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
