package io.floe.localsnowflake;

import static io.floe.localsnowflake.streaming.StreamingClients.awaitCommitted;
import static io.floe.localsnowflake.streaming.StreamingClients.client;
import static io.floe.localsnowflake.streaming.StreamingClients.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.driver.DriverGeneration;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/local-snowflake --data-dir DIR} killed with kill -9 and started again: Snowpipe
 * Streaming channels keep their committed offset tokens, in step with the rows.
 */
class StreamingKillDriverTest {
  private static final KeyPair KEY = RsaKeys.generate();

  @TempDir Path dataDir;

  @Test
  void committedOffsetTokensAndTheirRowsSurviveAKill() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    try (LocalSnowflakeProcess first =
        LocalSnowflakeProcess.start("--data-dir", dataDir.toString())) {
      try (Connection c = first.connect();
          Statement s = c.createStatement()) {
        s.execute("create database db");
        s.execute("create table db.public.t (id number, v variant)");
        s.execute(
            "alter user "
                + first.user()
                + " set rsa_public_key = '"
                + Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded())
                + "'");
      }
      try (SnowflakeStreamingIngestClient client = client(first.url(), first.user(), KEY, "a")) {
        SnowflakeStreamingIngestChannel channel = open(client, "t", "c");
        channel.insertRow(Map.of("ID", 1, "V", "{\"n\":1}"), "41");
        channel.insertRow(Map.of("ID", 2, "V", "{\"n\":2}"), "42");
        awaitCommitted(channel, "42");
      }
      first.kill();
    }
    try (LocalSnowflakeProcess second =
            LocalSnowflakeProcess.start("--data-dir", dataDir.toString());
        SnowflakeStreamingIngestClient client = client(second.url(), second.user(), KEY, "b")) {
      SnowflakeStreamingIngestChannel channel = open(client, "t", "c");
      assertEquals("42", channel.getLatestCommittedOffsetToken());
      channel.insertRow(Map.of("ID", 3, "V", "{\"n\":3}"), "43");
      awaitCommitted(channel, "43");
      try (Connection c = second.connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*), sum(v:n::number) from db.public.t")) {
        rs.next();
        assertEquals(3, rs.getLong(1));
        assertEquals(6, rs.getLong(2));
      }
    }
  }
}
