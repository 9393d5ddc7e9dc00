package io.floe.localsnowflake.streaming;

import io.floe.localsnowflake.LocalSnowflake;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import net.snowflake.ingest.streaming.OpenChannelRequest;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClientFactory;

/** The real Snowpipe Streaming SDK client pointed at a local Snowflake, as a connector makes it. */
final class StreamingClients {
  private StreamingClients() {}

  /** A client logging in with {@code key} (registered for the admin user) as ACCOUNTADMIN. */
  static SnowflakeStreamingIngestClient client(LocalSnowflake sf, KeyPair key, String name) {
    Properties p = new Properties();
    p.put("url", sf.url());
    p.put("user", sf.user());
    p.put("private_key", Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()));
    p.put("role", "ACCOUNTADMIN");
    // The SDK's floor: rows are flushed (uploaded and registered) a second after insertRows.
    p.put("max_client_lag", "1000");
    return SnowflakeStreamingIngestClientFactory.builder(name).setProperties(p).build();
  }

  static SnowflakeStreamingIngestChannel open(
      SnowflakeStreamingIngestClient client, String table, String channel) {
    return client.openChannel(
        OpenChannelRequest.builder(channel)
            .setDBName("db")
            .setSchemaName("public")
            .setTableName(table)
            .setOnErrorOption(OpenChannelRequest.OnErrorOption.ABORT)
            .build());
  }

  /** Polls (every 100 ms, up to 30 s) until the channel's committed token is {@code token}. */
  static void awaitCommitted(SnowflakeStreamingIngestChannel channel, String token) {
    await(
        () -> token.equals(channel.getLatestCommittedOffsetToken()),
        "offset token " + token + " committed on " + channel.getFullyQualifiedName());
  }

  static void await(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
