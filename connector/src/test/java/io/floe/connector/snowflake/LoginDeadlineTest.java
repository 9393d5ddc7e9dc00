package io.floe.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.SilentEndpoint;
import io.floe.localsnowflake.RsaKeys;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A login to an endpoint that never answers ends at Floe's deadline, for the task's sessions too:
 * as a transient failure, so that the task's Retrier tries again (a blip) and then gives up with
 * FLOE-1004 instead of blocking a rebalance for the driver's 5 minutes per attempt.
 */
class LoginDeadlineTest {

  private static SessionSettings settings(int port, Map<String, String> jdbc) {
    return new SessionSettings(
        "http",
        "127.0.0.1",
        port,
        "LOCAL",
        "ADMIN",
        RsaKeys.generate().getPrivate(),
        null,
        "DB",
        "PUBLIC",
        jdbc);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a safety net: the deadline here is 2 s
  void aSilentEndpointFailsTheLoginAtTheDeadlineAsATransientFailure() throws Exception {
    try (SilentEndpoint silent = new SilentEndpoint();
        Connections connections = new Connections(settings(silent.port(), Map.of()))) {
      SQLTimeoutException e =
          assertThrows(SQLTimeoutException.class, () -> connections.open(Duration.ofSeconds(2)));
      assertEquals("08001", e.getSQLState());
      assertTrue(e.getMessage().contains(silent.url() + " did not answer"), e.getMessage());
      assertTrue(Failures.isTransient(e));
    }
  }

  @Test
  void theDeadlineFollowsALoginTimeoutGivenInTheJdbcMap() {
    assertEquals(Connections.LOGIN_DEADLINE, Connections.loginDeadline(Map.of()));
    assertEquals(Duration.ofSeconds(12), Connections.loginDeadline(Map.of("LOGINTIMEOUT", " 12 ")));
    assertEquals(
        Connections.LOGIN_DEADLINE,
        Connections.loginDeadline(Map.of("loginTimeout", "0")),
        "0, the driver's 'no limit', leaves Floe's deadline");
  }
}
