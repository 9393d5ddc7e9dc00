package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * snowflake.authenticator=oauth against the local Snowflake: validate, a task loading rows through
 * JDBC and Snowpipe with access tokens from the refresh token, and the numbered errors for a
 * revoked refresh token or a wrong client.
 */
class OAuthTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();
  private static FloeFixture fixture;

  @BeforeAll
  static void setUp() {
    fixture = new FloeFixture(SNOWFLAKE.get(), "oauth_db");
    SNOWFLAKE.get().registerOAuthClient("floe", "floe-secret");
  }

  /** The fixture's config with OAuth instead of the private key. */
  private static Map<String, String> config(String name, String refreshToken) {
    Map<String, String> c = new HashMap<>(fixture.config(name, 5));
    c.remove("snowflake.private.key");
    c.put("topics", "orders");
    c.put("snowflake.authenticator", "oauth");
    c.put("snowflake.oauth.client.id", "floe");
    c.put("snowflake.oauth.client.secret", "floe-secret");
    c.put("snowflake.oauth.refresh.token", refreshToken);
    return c;
  }

  private static String refreshToken() {
    return SNOWFLAKE.get().issueOAuthRefreshToken("floe", SNOWFLAKE.get().user());
  }

  private static Map<String, List<String>> errors(Map<String, String> config) {
    Config result = new SnowflakeSinkConnector().validate(config);
    Map<String, List<String>> out = new TreeMap<>();
    for (ConfigValue v : result.configValues()) {
      if (!v.errorMessages().isEmpty()) {
        out.put(v.name(), v.errorMessages());
      }
    }
    return out;
  }

  @Test
  void anOAuthConfigValidatesWithoutAPrivateKey() {
    assertEquals(Map.of(), errors(config("oauth-validate", refreshToken())));
  }

  @Test
  void aRevokedRefreshTokenIsFloe1020OnTheRefreshToken() {
    String token = refreshToken();
    SNOWFLAKE.get().revokeOAuthRefreshToken(token);
    Map<String, List<String>> errors = errors(config("oauth-revoked", token));
    assertEquals(List.of("snowflake.oauth.refresh.token"), List.copyOf(errors.keySet()));
    String message = errors.get("snowflake.oauth.refresh.token").get(0);
    assertTrue(message.startsWith("FLOE-1020"), message);
    assertTrue(message.contains("invalid_grant"), message);
    assertTrue(message.contains("Obtain a new refresh token"), message);
  }

  @Test
  void aWrongClientSecretIsFloe1021OnTheClientSettings() {
    Map<String, String> c = config("oauth-client", refreshToken());
    c.put("snowflake.oauth.client.secret", "not-it");
    Map<String, List<String>> errors = errors(c);
    assertEquals(
        List.of("snowflake.oauth.client.id", "snowflake.oauth.client.secret"),
        List.copyOf(errors.keySet()));
    assertTrue(errors.get("snowflake.oauth.client.id").get(0).startsWith("FLOE-1021"), errors + "");
  }

  @Test
  void aTaskWhoseRefreshTokenWasRevokedFailsWithFloe1020() {
    String token = refreshToken();
    SNOWFLAKE.get().revokeOAuthRefreshToken(token);
    TopicPartition tp = new TopicPartition("orders", 0);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, FloeFixture.records(tp, 5)));
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () -> {
              worker.start(config("oauth-revoked-task", token));
              worker.drain(100);
              worker.commitUntil(Map.of(tp, 5L));
            });
    Throwable floe = e;
    while (floe != null && !(floe instanceof FloeException)) {
      floe = floe.getCause();
    }
    assertTrue(floe != null, "not a numbered error: " + e);
    assertEquals(ErrorCode.FLOE_1020, ((FloeException) floe).code(), floe.getMessage());
  }

  @Test
  void aTaskLoadsRowsWithOAuthAndOutlivesItsAccessToken() {
    TopicPartition tp = new TopicPartition("orders", 0);
    List<SinkRecord> records = FloeFixture.records(tp, 10);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, records));
    worker.start(config("oauth-task", refreshToken()));
    worker.poll(5);
    worker.commitUntil(Map.of(tp, 5L));
    fixture.awaitRows("ORDERS", 5);
    // Access tokens live ten minutes: the next files go to Snowpipe with a fresh one.
    SNOWFLAKE.advanceClock(Duration.ofMinutes(11));
    worker.poll(5);
    worker.commitUntil(Map.of(tp, 10L));
    assertEquals(10, fixture.awaitRows("ORDERS", 10));
    worker.stop();
  }
}
