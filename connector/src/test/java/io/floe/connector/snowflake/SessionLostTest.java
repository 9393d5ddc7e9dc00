package io.floe.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.RsaKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session Snowflake no longer has (here: idle past its master token's four hours, so the driver
 * cannot renew it) is dropped by the call that finds it gone, and the retry logs in afresh: every
 * kind of call then succeeds. Before, each retry went to the same dead session and the task failed
 * after six attempts (its own server: the test moves the clock).
 */
class SessionLostTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final Duration PAST_MASTER_TOKEN = Duration.ofHours(5);

  @Test
  void everyKindOfCallLogsInAgainAfterSnowflakeForgotTheSession() throws Exception {
    LocalSnowflake sf = SNOWFLAKE.get();
    KeyPair key = RsaKeys.generate();
    sf.registerPublicKey(sf.user(), key.getPublic());
    sf.execute("create database lost_session", "create stage lost_session.public.s");
    try (Connections connections = new Connections(settings(sf, key))) {
      // Two attempts: the first finds the session gone, the second must be on a new one.
      SnowflakeClient client =
          new SnowflakeClient(
              connections, new Retrier(2, Duration.ofMillis(1), Duration.ofMillis(1)));
      ObjectRef table = ObjectRef.of("LOST_SESSION", "PUBLIC", "T");
      ObjectRef stageName = ObjectRef.of("LOST_SESSION", "PUBLIC", "S");
      Stage stage = Stage.named(stageName);

      client.createTable(table);
      Connection first = connections.get();
      sf.advanceClock(PAST_MASTER_TOKEN);
      assertTrue(client.describeTable(table).isPresent(), "describe after the session was lost");
      Connection second = connections.get();
      assertNotSame(first, second, "a new session replaced the lost one");

      sf.advanceClock(PAST_MASTER_TOKEN);
      client.execute("insert", "insert into " + table.sql() + " select null, null");
      sf.advanceClock(PAST_MASTER_TOKEN);
      assertEquals(
          List.of(List.of("1")), client.query("count", "select count(*) from " + table.sql()));
      sf.advanceClock(PAST_MASTER_TOKEN);
      client.upload(stage, "p", "f.json.gz", "{}".getBytes(StandardCharsets.UTF_8));
      sf.advanceClock(PAST_MASTER_TOKEN);
      assertEquals(1, client.list(stage, "p").size());
      sf.advanceClock(PAST_MASTER_TOKEN);
      assertEquals("{}", new String(client.download(stage, "p/f.json.gz"), StandardCharsets.UTF_8));
      sf.advanceClock(PAST_MASTER_TOKEN);
      assertTrue(client.stageComment(stageName).isPresent(), "SHOW after the session was lost");
    }
  }

  private static SessionSettings settings(LocalSnowflake sf, KeyPair key) {
    return new SessionSettings(
        "http",
        "127.0.0.1",
        sf.port(),
        sf.account(),
        sf.user(),
        key.getPrivate(),
        null,
        "LOST_SESSION",
        "PUBLIC",
        Map.of());
  }
}
