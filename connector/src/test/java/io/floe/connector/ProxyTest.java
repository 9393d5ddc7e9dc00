package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.CountingProxy;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The jvm.proxy.* settings carry every call to Snowflake, JDBC (validate, DDL, uploads) and
 * Snowpipe REST (submissions, load reports) alike, with the proxy's credentials, except to hosts in
 * jvm.nonProxy.hosts. The local Snowflake is http on 127.0.0.1, which neither the JDBC driver nor
 * Floe exempts from the proxy by default (only the JDK's own ProxySelector does), so the proxy sees
 * its traffic unless the test lists 127.0.0.1 in jvm.nonProxy.hosts.
 */
class ProxyTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static Map<String, String> proxied(
      FloeFixture f, String name, CountingProxy proxy, String nonProxyHosts) {
    Map<String, String> c = new HashMap<>(f.config(name, 5));
    c.put("topics", "orders");
    c.put("jvm.proxy.host", "127.0.0.1");
    c.put("jvm.proxy.port", String.valueOf(proxy.port()));
    c.put("jvm.proxy.username", "floe");
    c.put("jvm.proxy.password", "proxy-secret");
    if (nonProxyHosts != null) {
      c.put("jvm.nonProxy.hosts", nonProxyHosts);
    }
    return c;
  }

  private static List<String> errors(Map<String, String> config) {
    return new SnowflakeSinkConnector()
        .validate(config).configValues().stream()
            .flatMap((ConfigValue v) -> v.errorMessages().stream().map(m -> v.name() + ": " + m))
            .toList();
  }

  private static void load(FloeFixture f, Map<String, String> config) {
    TopicPartition tp = new TopicPartition("orders", 0);
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, FloeFixture.records(tp, 5)));
    worker.start(config);
    worker.drain(100);
    worker.commitUntil(Map.of(tp, 5L));
    worker.stop();
    assertEquals(5, f.awaitRows("ORDERS", 5));
  }

  @Test
  void oauthTokenRequestsGoThroughTheProxyWithItsCredentials() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "proxy_oauth_db");
    SNOWFLAKE.get().registerOAuthClient("proxied-client", "client-secret");
    try (CountingProxy proxy = new CountingProxy("floe", "proxy-secret")) {
      Map<String, String> config = proxied(f, "proxied-oauth", proxy, null);
      config.remove("snowflake.private.key");
      config.put("snowflake.authenticator", "oauth");
      config.put("snowflake.oauth.client.id", "proxied-client");
      config.put("snowflake.oauth.client.secret", "client-secret");
      config.put(
          "snowflake.oauth.refresh.token",
          SNOWFLAKE.get().issueOAuthRefreshToken("proxied-client", SNOWFLAKE.get().user()));
      assertEquals(List.of(), errors(config));
      assertTrue(
          proxy.forwarded("/oauth/token-request") > 0,
          "the token request went around the proxy: " + proxy);
      load(f, config);
      assertTrue(proxy.forwarded("/insertFiles") > 0, "Snowpipe submissions went around: " + proxy);
    }
  }

  @Test
  void validateLoginsUploadsAndSnowpipeCallsAllGoThroughTheProxy() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "proxy_db");
    try (CountingProxy proxy = new CountingProxy("floe", "proxy-secret")) {
      Map<String, String> config = proxied(f, "proxied", proxy, null);

      assertEquals(List.of(), errors(config));
      int validateLogins = proxy.forwarded("/session/v1/login-request");
      assertTrue(validateLogins > 0, "validate's login went around the proxy: " + proxy);

      load(f, config);
      assertTrue(
          proxy.forwarded("/session/v1/login-request") > validateLogins,
          "the task's logins went around the proxy: " + proxy);
      assertTrue(proxy.forwarded("/queries/v1/query-request") > 0, "queries went around: " + proxy);
      assertTrue(proxy.forwarded("PUT ") > 0, "stage uploads went around: " + proxy);
      assertTrue(proxy.forwarded("/insertFiles") > 0, "Snowpipe submissions went around: " + proxy);
      assertTrue(
          proxy.forwarded("/insertReport") + proxy.forwarded("/loadHistoryScan") > 0,
          "Snowpipe load reports went around the proxy: " + proxy);
    }
  }

  @Test
  void hostsInNonProxyHostsAreReachedDirectly() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "direct_db");
    try (CountingProxy proxy = new CountingProxy("floe", "proxy-secret")) {
      Map<String, String> config = proxied(f, "direct", proxy, "localhost|127.0.0.*");

      assertEquals(List.of(), errors(config));
      load(f, config);
      assertEquals(0, proxy.forwarded() + proxy.refused(), "nothing should reach it: " + proxy);
    }
  }
}
