package io.floe.connector.config;

import io.floe.connector.ErrorCode;
import java.util.Optional;

/**
 * The HTTP(S) proxy for Floe's connections to Snowflake, from the Snowflake connector's {@code
 * jvm.proxy.*} settings, checked for completeness. It becomes the JDBC driver's connection
 * properties ({@code useProxy}, {@code proxyHost}, ...), which Floe's Snowpipe REST client reads
 * too; the ingest SDK's own client only follows JVM-wide {@code http.*} system properties (which is
 * why the Snowflake connector set those, for every connector in the worker). {@link #toString()}
 * hides the password.
 */
public record ProxySettings(
    String host,
    int port,
    Optional<String> nonProxyHosts,
    Optional<String> username,
    Optional<String> password) {

  /**
   * @return empty when no proxy host/port is set
   * @throws InvalidConfigException naming the setting that is missing or malformed
   */
  static Optional<ProxySettings> parse(
      String host, String port, String nonProxyHosts, String username, String password) {
    boolean hasHost = !blank(host);
    boolean hasPort = !blank(port);
    if (hasHost != hasPort) {
      String missing = hasHost ? FloeSinkConfig.JVM_PROXY_PORT : FloeSinkConfig.JVM_PROXY_HOST;
      String given = hasHost ? FloeSinkConfig.JVM_PROXY_HOST : FloeSinkConfig.JVM_PROXY_PORT;
      throw new InvalidConfigException(
          missing, ErrorCode.FLOE_0015, given + " is set but " + missing + " is not.");
    }
    if (!hasHost) {
      return Optional.empty();
    }
    boolean hasUser = !blank(username);
    boolean hasPassword = !blank(password);
    if (hasUser != hasPassword) {
      String missing =
          hasUser ? FloeSinkConfig.JVM_PROXY_PASSWORD : FloeSinkConfig.JVM_PROXY_USERNAME;
      String given =
          hasUser ? FloeSinkConfig.JVM_PROXY_USERNAME : FloeSinkConfig.JVM_PROXY_PASSWORD;
      throw new InvalidConfigException(
          missing, ErrorCode.FLOE_0015, given + " is set but " + missing + " is not.");
    }
    return Optional.of(
        new ProxySettings(
            host.trim(),
            portNumber(port),
            Optional.ofNullable(blank(nonProxyHosts) ? null : nonProxyHosts.trim()),
            Optional.ofNullable(hasUser ? username.trim() : null),
            Optional.ofNullable(hasPassword ? password : null)));
  }

  static int portNumber(String port) {
    String text = port.trim();
    if (text.matches("[0-9]{1,5}")) {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= 65535) {
        return n;
      }
    }
    throw new InvalidConfigException(
        FloeSinkConfig.JVM_PROXY_PORT,
        ErrorCode.FLOE_0015,
        FloeSinkConfig.JVM_PROXY_PORT + "='" + text + "' is not a port number (1-65535).");
  }

  /** The JDBC driver's proxy properties for this proxy. */
  public java.util.Map<String, String> jdbcProperties() {
    java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
    p.put("useProxy", "true");
    p.put("proxyHost", host);
    p.put("proxyPort", String.valueOf(port));
    nonProxyHosts.ifPresent(h -> p.put("nonProxyHosts", h));
    username.ifPresent(u -> p.put("proxyUser", u));
    password.ifPresent(pw -> p.put("proxyPassword", pw));
    return p;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "ProxySettings[host="
        + host
        + ", port="
        + port
        + ", nonProxyHosts="
        + nonProxyHosts.orElse("")
        + ", username="
        + username.orElse("")
        + ", password="
        + (password.isPresent() ? "[hidden]" : "")
        + "]";
  }
}
