package io.floe.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.testing.SilentEndpoint;
import io.floe.localsnowflake.RsaKeys;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Snowpipe REST calls to an endpoint that accepts connections and never answers end with a read
 * timeout (the ingest SDK's client retried such calls for minutes); the Retrier then decides.
 */
class SnowpipeTimeoutTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a safety net: the read timeout here is 1 s
  void aSubmissionToASilentEndpointTimesOut() throws Exception {
    try (SilentEndpoint silent = new SilentEndpoint()) {
      SessionSettings settings =
          new SessionSettings(
              "http",
              "127.0.0.1",
              silent.port(),
              "LOCAL",
              "ADMIN",
              RsaKeys.generate().getPrivate(),
              null,
              "DB",
              "PUBLIC",
              Map.of());
      Retrier once = new Retrier(1, Duration.ofMillis(1), Duration.ofMillis(1));
      try (SnowpipeClient client = new SnowpipeClient(settings, once, Duration.ofSeconds(1))) {
        FloeException e =
            assertThrows(
                FloeException.class,
                () -> client.insertFiles(ObjectRef.of("DB", "PUBLIC", "P"), List.of("a.json.gz")));
        assertEquals(ErrorCode.FLOE_1004, e.code(), e.getMessage());
        assertInstanceOf(SocketTimeoutException.class, e.getCause(), e.getMessage());
      }
    }
  }
}
