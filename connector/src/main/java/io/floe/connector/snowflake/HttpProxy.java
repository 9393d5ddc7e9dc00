package io.floe.connector.snowflake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP proxy between Floe and Snowflake, read from the session's JDBC properties ({@code
 * useProxy}, {@code proxyHost}, {@code proxyPort}, {@code nonProxyHosts}, {@code proxyUser}, {@code
 * proxyPassword}, {@code proxyProtocol}), which is where the {@code jvm.proxy.*} settings and a
 * proxy given in {@code snowflake.jdbc.map} both end up. Reading them here lets Snowpipe REST take
 * the same route as JDBC without JVM-wide system properties, which other connectors in the worker
 * would see too. {@link #toString()} leaves the password out.
 *
 * @param nonProxyHosts host patterns reached directly, as the JDBC driver reads them: separated by
 *     {@code |}, {@code *} matching any characters, case-insensitive
 */
record HttpProxy(
    String host,
    int port,
    String protocol,
    List<String> nonProxyHosts,
    Optional<String> user,
    Optional<String> password) {

  HttpProxy {
    nonProxyHosts = List.copyOf(nonProxyHosts);
  }

  /** The proxy the JDBC properties configure; empty when {@code useProxy} is not true. */
  static Optional<HttpProxy> of(Map<String, String> jdbcProperties) {
    if (!"true".equalsIgnoreCase(get(jdbcProperties, "useProxy"))) {
      return Optional.empty();
    }
    String host = get(jdbcProperties, "proxyHost");
    String port = get(jdbcProperties, "proxyPort");
    if (host == null || host.isBlank() || port == null || !port.trim().matches("[0-9]{1,5}")) {
      return Optional.empty(); // the driver refuses the session with its own message
    }
    String protocol = get(jdbcProperties, "proxyProtocol");
    return Optional.of(
        new HttpProxy(
            host.trim(),
            Integer.parseInt(port.trim()),
            protocol == null || protocol.isBlank()
                ? "http"
                : protocol.trim().toLowerCase(Locale.ROOT),
            patterns(get(jdbcProperties, "nonProxyHosts")),
            Optional.ofNullable(get(jdbcProperties, "proxyUser")).filter(u -> !u.isBlank()),
            Optional.ofNullable(get(jdbcProperties, "proxyPassword")).filter(p -> !p.isEmpty())));
  }

  /**
   * The proxy of the worker's JVM-wide {@code http.useProxy}/{@code http.proxyHost}/... system
   * properties, which the ingest SDK's own client followed: workers set up that way keep working.
   */
  static Optional<HttpProxy> fromSystemProperties() {
    if (!"true".equalsIgnoreCase(System.getProperty("http.useProxy"))) {
      return Optional.empty();
    }
    return of(
        Map.of(
            "useProxy", "true",
            "proxyHost", System.getProperty("http.proxyHost", ""),
            "proxyPort", System.getProperty("http.proxyPort", ""),
            "nonProxyHosts", System.getProperty("http.nonProxyHosts", ""),
            "proxyUser", System.getProperty("http.proxyUser", ""),
            "proxyPassword", System.getProperty("http.proxyPassword", "")));
  }

  /** Whether requests to {@code target} go around the proxy. */
  boolean bypasses(String target) {
    String name = target.toLowerCase(Locale.ROOT);
    return nonProxyHosts.stream().anyMatch(p -> glob(p).matcher(name).matches());
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    String[] parts = pattern.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }

  private static List<String> patterns(String nonProxyHosts) {
    List<String> out = new ArrayList<>();
    if (nonProxyHosts != null) {
      for (String p : nonProxyHosts.split("\\|")) {
        if (!p.isBlank()) {
          out.add(p.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  /** The driver matches property names without regard to case. */
  private static String get(Map<String, String> properties, String key) {
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "HttpProxy["
        + protocol
        + "://"
        + host
        + ":"
        + port
        + ", nonProxyHosts="
        + String.join("|", nonProxyHosts)
        + ", user="
        + user.orElse("")
        + ", password="
        + (password.isPresent() ? "[hidden]" : "")
        + "]";
  }
}
