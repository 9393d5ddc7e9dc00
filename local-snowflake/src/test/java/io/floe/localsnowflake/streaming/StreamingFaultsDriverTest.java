package io.floe.localsnowflake.streaming;

import static io.floe.localsnowflake.streaming.StreamingClients.awaitCommitted;
import static io.floe.localsnowflake.streaming.StreamingClients.client;
import static io.floe.localsnowflake.streaming.StreamingClients.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.driver.DriverGeneration;
import io.floe.localsnowflake.http.Faults;
import java.security.KeyPair;
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
 * even when the lost answer came after the commit.
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
}
