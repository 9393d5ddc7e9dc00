package io.floe.localsnowflake.streaming;

import static io.floe.localsnowflake.streaming.StreamingClients.awaitCommitted;
import static io.floe.localsnowflake.streaming.StreamingClients.client;
import static io.floe.localsnowflake.streaming.StreamingClients.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.driver.DriverGeneration;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory keeps channels: a restarted local Snowflake knows their offset tokens. */
class StreamingPersistenceDriverTest {
  private static final KeyPair KEY = RsaKeys.generate();

  @TempDir Path dataDir;

  @Test
  void offsetTokensSurviveARestart() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    try (LocalSnowflake first = LocalSnowflake.builder().dataDir(dataDir).start()) {
      first.registerPublicKey(first.user(), KEY.getPublic());
      first.execute("create database db", "create table db.public.kept (id number, v variant)");
      try (SnowflakeStreamingIngestClient client = client(first, KEY, "before")) {
        SnowflakeStreamingIngestChannel channel = open(client, "kept", "c");
        channel.insertRow(Map.of("ID", 1), "5");
        awaitCommitted(channel, "5");
      }
    }
    try (LocalSnowflake second = LocalSnowflake.builder().dataDir(dataDir).start();
        SnowflakeStreamingIngestClient client = client(second, KEY, "after")) {
      SnowflakeStreamingIngestChannel channel = open(client, "kept", "c");
      assertEquals("5", channel.getLatestCommittedOffsetToken());
      channel.insertRow(Map.of("ID", 2), "6");
      awaitCommitted(channel, "6");
      assertEquals(List.of("1", "2"), StreamingChannelsDriverTest.ids(second, "KEPT"));
    }
  }
}
