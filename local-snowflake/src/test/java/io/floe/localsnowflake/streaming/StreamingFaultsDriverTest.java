package io.floe.localsnowflake.streaming;

import static io.floe.localsnowflake.streaming.StreamingClients.awaitCommitted;
import static io.floe.localsnowflake.streaming.StreamingClients.client;
import static io.floe.localsnowflake.streaming.StreamingClients.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.driver.DriverGeneration;
import io.floe.localsnowflake.http.Faults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults on Snowpipe Streaming's calls, survived by the real SDK: it re-sends a registration
 * answered 5xx, and since registering a chunk twice inserts it once, every row arrives exactly once
 * even when the lost answer came after the commit. A blob upload that fails invalidates its
 * channels, as after a cloud upload whose retries are used up.
 */
class StreamingFaultsDriverTest {
  private static final KeyPair KEY = RsaKeys.generate();

  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @BeforeAll
  static void key() {
    SNOWFLAKE.get().registerPublicKey(SNOWFLAKE.get().user(), KEY.getPublic());
    SNOWFLAKE.get().execute("create database if not exists db");
  }

  @Test
  void aRegistrationAnswered5xxIsResentAndItsRowsInsertedOnce() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    LocalSnowflake sf = SNOWFLAKE.get();
    sf.execute("create table db.public.faulty (id number, v variant)");
    // First a 503 before serving, then a 500 after the rows were committed (a lost answer).
    sf.faults().fail(Faults.Endpoint.REGISTER_BLOBS, 1);
    sf.faults().loseResponse(Faults.Endpoint.REGISTER_BLOBS, 1);
    sf.faults().fail(Faults.Endpoint.OPEN_CHANNEL, 1);
    // An expired JWT (401): the SDK signs a new one and retries.
    sf.faults().expireSession(Faults.Endpoint.CHANNEL_STATUS, 1);
    try (SnowflakeStreamingIngestClient client = client(sf, KEY, "faulty")) {
      SnowflakeStreamingIngestChannel channel = open(client, "faulty", "c");
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        rows.add(Map.of("ID", i, "V", "{\"i\":" + i + "}"));
      }
      channel.insertRows(rows, "99");
      awaitCommitted(channel, "99");
      assertEquals(0, sf.faults().pending());
      // The re-sent registration was answered as the first: the channel was not invalidated.
      assertTrue(channel.isValid());
    }
    assertEquals(List.of("100", "100", "0", "99"), StreamingDriverTest.counts(sf, "FAULTY"));
  }

  @Test
  void aJwtOutlivedByTheLocalClockIsRefusedAndTheSdkSignsANewOne() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    LocalSnowflake sf = SNOWFLAKE.get();
    sf.execute("create table db.public.aged (id number)");
    try (SnowflakeStreamingIngestClient client = client(sf, KEY, "aged")) {
      SnowflakeStreamingIngestChannel channel = open(client, "aged", "c");
      channel.insertRow(Map.of("ID", 1), "1");
      awaitCommitted(channel, "1");
      // The client's JWT was signed before this advance: in local time it has expired.
      sf.advanceClock(Duration.ofHours(2));
      channel.insertRow(Map.of("ID", 2), "2");
      awaitCommitted(channel, "2");
      assertTrue(channel.isValid());
    }
    assertEquals(List.of("2", "2", "1", "2"), StreamingDriverTest.counts(sf, "AGED"));
  }

  /**
   * The SDK writes a LOCAL_FS blob itself; while the fault lasts that write fails, and the SDK does
   * what it does after a failed cloud upload: it registers nothing and invalidates the blob's
   * channel, so its rows are lost and a reopened channel starts from the committed token.
   */
  @Test
  void aFailedBlobUploadInvalidatesTheChannelAndTheReopenedOneLoads() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    LocalSnowflake sf = SNOWFLAKE.get();
    sf.execute("create table db.public.unwritten (id number)");
    try (SnowflakeStreamingIngestClient client = client(sf, KEY, "unwritten")) {
      SnowflakeStreamingIngestChannel channel = open(client, "unwritten", "c");
      channel.insertRow(Map.of("ID", 1), "1");
      awaitCommitted(channel, "1");

      sf.faults().failBlobUploads(1);
      channel.insertRow(Map.of("ID", 2), "2");
      StreamingClients.await(() -> !channel.isValid(), "the SDK to invalidate the channel");
      assertEquals(1, sf.faults().pending(), "no channel opened yet: uploads still fail");

      SnowflakeStreamingIngestChannel reopened = open(client, "unwritten", "c");
      assertEquals(0, sf.faults().pending(), "the open ended the fault");
      assertEquals("1", reopened.getLatestCommittedOffsetToken(), "row 2 was never registered");
      reopened.insertRow(Map.of("ID", 2), "2");
      awaitCommitted(reopened, "2");
    }
    assertEquals(List.of("2", "2", "1", "2"), StreamingDriverTest.counts(sf, "UNWRITTEN"));
  }

  @Test
  void theControlApiTakesStreamingFaultsAndAfterServingFaultsAreForStreamingOnly()
      throws Exception {
    LocalSnowflake sf = SNOWFLAKE.get();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> added =
        http.send(
            HttpRequest.newBuilder(URI.create(sf.url() + "/__local/faults"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"endpoint\":\"register_blobs\",\"kind\":\"HTTP_500_AFTER_SERVING\","
                            + "\"times\":2}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, added.statusCode(), added.body());
    assertEquals(2, sf.faults().pending());
    sf.faults().clear();
    HttpResponse<String> uploads =
        http.send(
            HttpRequest.newBuilder(URI.create(sf.url() + "/__local/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"endpoint\":\"blob_upload\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, uploads.statusCode(), uploads.body());
    assertEquals(1, sf.faults().pending());
    sf.faults().clear();
    assertThrows(
        IllegalArgumentException.class,
        () -> sf.faults().fail(Faults.Endpoint.BLOB_UPLOAD, 1),
        "a blob upload fails one way only: WRITE_FAILS");
    assertThrows(
        IllegalArgumentException.class, () -> sf.faults().loseResponse(Faults.Endpoint.QUERY, 1));
  }
}
