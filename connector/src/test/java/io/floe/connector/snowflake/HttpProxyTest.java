package io.floe.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpProxyTest {

  @Test
  void readsTheProxyFromTheJdbcPropertiesWhateverTheirCase() {
    HttpProxy p =
        HttpProxy.of(
                Map.of(
                    "useProxy", "true",
                    "PROXYHOST", "proxy.corp",
                    "proxyPort", "3128",
                    "proxyUser", "floe",
                    "proxyPassword", "s3cr3t",
                    "nonProxyHosts", "localhost | *.internal.corp"))
            .orElseThrow();
    assertEquals("proxy.corp", p.host());
    assertEquals(3128, p.port());
    assertEquals("http", p.protocol());
    assertEquals(List.of("localhost", "*.internal.corp"), p.nonProxyHosts());
    assertEquals(Optional.of("floe"), p.user());
    assertFalse(p.toString().contains("s3cr3t"), p.toString());
  }

  @Test
  void noProxyUnlessUseProxyIsTrue() {
    assertEquals(
        Optional.empty(), HttpProxy.of(Map.of("proxyHost", "proxy.corp", "proxyPort", "3128")));
  }

  @Test
  void nonProxyHostsMatchWholeNamesWithStarAsWildcard() {
    HttpProxy p =
        HttpProxy.of(
                Map.of(
                    "useProxy", "true",
                    "proxyHost", "proxy.corp",
                    "proxyPort", "3128",
                    "nonProxyHosts", "*.privatelink.snowflakecomputing.com|127.0.0.1"))
            .orElseThrow();
    assertTrue(p.bypasses("xy12345.eu-west-1.PrivateLink.snowflakecomputing.com"));
    assertTrue(p.bypasses("127.0.0.1"));
    assertFalse(p.bypasses("xy12345.snowflakecomputing.com"));
    assertFalse(p.bypasses("127.0.0.10"), "no partial matches");
    assertFalse(p.bypasses("127x0x0x1"), "dots are dots");
  }
}
