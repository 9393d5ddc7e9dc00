package io.floe.connector.streaming;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.snowflake.OAuthTokens.OAuthCredentials;
import io.floe.connector.snowflake.SessionSettings;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClientFactory;
import net.snowflake.ingest.utils.SFException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the SDK's streaming clients and, with {@code enable.streaming.client.optimization},
 * shares one among the tasks of a connector in this worker: a client holds buffers and flush
 * threads, so one per task multiplies both. A shared client is closed when its last task releases
 * it.
 */
final class StreamingClients {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingClients.class);
  private static final Map<Key, Shared> SHARED = new HashMap<>();

  private StreamingClients() {}

  /** What a client is made of; tasks whose keys are equal may share one. */
  record Key(String name, Properties properties, Map<String, Object> parameters) {}

  /** One task's hold on a client. */
  static final class Lease {
    private final SnowflakeStreamingIngestClient client;
    private final Runnable release;
    private final Duration closeTimeout;
    private boolean released;

    private Lease(SnowflakeStreamingIngestClient client, Runnable release, Duration closeTimeout) {
      this.client = client;
      this.release = release;
      this.closeTimeout = closeTimeout;
    }

    SnowflakeStreamingIngestClient client() {
      return client;
    }

    Duration closeTimeout() {
      return closeTimeout;
    }

    synchronized void release() {
      if (!released) {
        released = true;
        release.run();
      }
    }
  }

  private static final class Shared {
    final SnowflakeStreamingIngestClient client;
    int leases;

    Shared(SnowflakeStreamingIngestClient client) {
      this.client = client;
    }
  }

  /**
   * The client's properties as the SDK reads them. The SDK takes {@code url} with scheme and port,
   * and a private key as base64 PKCS#8 text, which Floe already decrypted if it was encrypted.
   */
  static Properties properties(SessionSettings session) {
    Properties p = new Properties();
    p.put("url", session.scheme() + "://" + session.host() + ":" + session.port());
    p.put("account", session.account());
    p.put("user", session.user());
    if (session.role() == null) {
      throw new FloeException(
          ErrorCode.FLOE_0050, "snowflake.ingestion.method=SNOWPIPE_STREAMING needs a role.");
    }
    p.put("role", session.role());
    if (session.oauthAuthentication()) {
      OAuthCredentials oauth = session.oauth().credentials();
      p.put("authorization_type", "OAuth");
      p.put("oauth_client_id", oauth.clientId());
      p.put("oauth_client_secret", oauth.clientSecret());
      p.put("oauth_refresh_token", oauth.refreshToken());
      p.put("oauth_token_endpoint", oauth.tokenEndpoint().toString());
    } else {
      p.put("private_key", Base64.getEncoder().encodeToString(session.privateKey().getEncoded()));
    }
    return p;
  }

  /**
   * SDK parameters from Floe's settings: {@code snowflake.streaming.max.client.lag} as the SDK's
   * {@code MAX_CLIENT_LAG}, the memory limit, then the user's provider overrides, which win.
   */
  static Map<String, Object> parameters(
      Long maxClientLagSeconds, long maxMemoryBytes, Map<String, String> overrides) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (maxClientLagSeconds != null) {
      out.put("MAX_CLIENT_LAG", maxClientLagSeconds + " second");
    }
    if (maxMemoryBytes > 0) {
      out.put("MAX_MEMORY_LIMIT_IN_BYTES", maxMemoryBytes);
    }
    out.putAll(overrides);
    return out;
  }

  /** A client of its own for one task, or a hold on the connector's shared one. */
  static Lease lease(Key key, boolean share, Duration closeTimeout) {
    if (!share) {
      SnowflakeStreamingIngestClient client = build(key);
      return new Lease(client, () -> closeQuietly(client), closeTimeout);
    }
    synchronized (SHARED) {
      Shared shared = SHARED.get(key);
      if (shared == null || shared.client.isClosed()) {
        shared = new Shared(build(key));
        SHARED.put(key, shared);
      }
      shared.leases++;
      Shared held = shared;
      return new Lease(held.client, () -> release(key, held), closeTimeout);
    }
  }

  private static void release(Key key, Shared shared) {
    synchronized (SHARED) {
      if (--shared.leases > 0) {
        return;
      }
      if (Objects.equals(SHARED.get(key), shared)) {
        SHARED.remove(key);
      }
    }
    closeQuietly(shared.client);
  }

  private static SnowflakeStreamingIngestClient build(Key key) {
    try {
      return SnowflakeStreamingIngestClientFactory.builder(key.name())
          .setProperties(key.properties())
          .setParameterOverrides(key.parameters())
          .build();
    } catch (SFException e) {
      throw new FloeException(
          ErrorCode.FLOE_3044, "Cannot create the Snowpipe Streaming client: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(SnowflakeStreamingIngestClient client) {
    try {
      client.close();
    } catch (Exception e) {
      LOG.warn("Closing Snowpipe Streaming client {} failed: {}", client.getName(), e.toString());
    }
  }
}
