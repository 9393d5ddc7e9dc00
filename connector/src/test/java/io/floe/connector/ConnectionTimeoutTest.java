package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SilentEndpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An account URL that accepts connections and never answers must not hang {@code /config/validate}
 * (Connect's REST call gives up after 90 s) nor task start: Floe reports a numbered error on
 * snowflake.url.name within its own deadline.
 */
class ConnectionTimeoutTest {

  private static Map<String, String> config(String url) {
    Map<String, String> c = new HashMap<>();
    c.put("name", "silent");
    c.put("connector.class", SnowflakeSinkConnector.class.getName());
    c.put("topics", "orders");
    c.put("snowflake.url.name", url);
    c.put("snowflake.account.name", "SILENT");
    c.put("snowflake.user.name", "floe");
    c.put("snowflake.private.key", FloeFixture.privateKeyBody());
    c.put("snowflake.database.name", "DB");
    c.put("snowflake.schema.name", "PUBLIC");
    return c;
  }

  private static Map<String, List<String>> errors(Config result) {
    Map<String, List<String>> out = new TreeMap<>();
    for (ConfigValue v : result.configValues()) {
      if (!v.errorMessages().isEmpty()) {
        out.put(v.name(), v.errorMessages());
      }
    }
    return out;
  }

  // A safety net only: without Floe's deadline validate takes about 300 s here.
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void validateAgainstASilentEndpointReportsATimeoutOnTheUrl() throws Exception {
    try (SilentEndpoint silent = new SilentEndpoint()) {
      long start = System.nanoTime();
      Map<String, List<String>> errors =
          errors(new SnowflakeSinkConnector().validate(config(silent.url())));
      assertEquals(List.of("snowflake.url.name"), List.copyOf(errors.keySet()), errors.toString());
      String message = errors.get("snowflake.url.name").get(0);
      System.out.printf(
          "validate against a silent endpoint took %d ms: %s%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), message);
      assertTrue(message.contains(ErrorCode.FLOE_1010.id()), message);
      assertTrue(message.contains(silent.url()), message);
      assertTrue(silent.connections() > 0, "the check never reached the endpoint");
    }
  }
}
