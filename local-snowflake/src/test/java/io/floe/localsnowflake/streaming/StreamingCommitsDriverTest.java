package io.floe.localsnowflake.streaming;

import static io.floe.localsnowflake.streaming.StreamingClients.awaitCommitted;
import static io.floe.localsnowflake.streaming.StreamingClients.client;
import static io.floe.localsnowflake.streaming.StreamingClients.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.driver.DriverGeneration;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelCommit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The history of offset token commits the local Snowflake keeps per channel, so a benchmark can
 * tell when each offset became queryable without polling the table.
 */
class StreamingCommitsDriverTest {
  private static final KeyPair KEY = RsaKeys.generate();

  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void everyTokenCommitIsKeptWithItsTimeAndServedByTheControlApi() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    LocalSnowflake sf = SNOWFLAKE.get();
    sf.registerPublicKey(sf.user(), KEY.getPublic());
    sf.execute("create database if not exists db");
    sf.execute("create table db.public.timed (id number)");
    Instant before = sf.now();
    try (SnowflakeStreamingIngestClient client = client(sf, KEY, "timed")) {
      SnowflakeStreamingIngestChannel channel = open(client, "timed", "c");
      channel.insertRow(Map.of("ID", 1), "1");
      awaitCommitted(channel, "1");
      channel.insertRow(Map.of("ID", 2), "2");
      awaitCommitted(channel, "2");
    }
    Instant after = sf.now();

    List<ChannelCommit> commits = sf.streamingCommits("db", "public", "timed");
    assertEquals(List.of("1", "2"), commits.stream().map(ChannelCommit::offsetToken).toList());
    assertEquals(List.of("C", "C"), commits.stream().map(ChannelCommit::channel).toList());
    assertFalse(commits.get(0).committedOn().isBefore(before), commits.toString());
    assertFalse(commits.get(1).committedOn().isBefore(commits.get(0).committedOn()));
    assertFalse(commits.get(1).committedOn().isAfter(after), commits.toString());

    HttpResponse<String> served =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            sf.url()
                                + "/__local/streaming/commits?database=db&schema=public"
                                + "&table=timed"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, served.statusCode(), served.body());
    JsonNode list = new ObjectMapper().readTree(served.body()).get("commits");
    assertEquals(2, list.size(), served.body());
    assertEquals("2", list.get(1).get("offsetToken").asText());
    assertEquals(
        commits.get(1).committedOn().toEpochMilli(), list.get(1).get("committedOnMillis").asLong());
    assertTrue(sf.streamingCommits("db", "public", "other").isEmpty());
  }
}
