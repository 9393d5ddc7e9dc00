package io.floe.connector.config;

import io.floe.connector.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code snowflake.jdbc.map}: extra Snowflake JDBC connection properties as comma-separated
 * {@code key:value} pairs. Properties Floe derives from its own settings (identity, authentication,
 * TLS, proxy) cannot be set here, because two sources for the same property would make it unclear
 * which one Snowflake sees; the Snowflake connector refuses such duplicates too.
 */
final class JdbcProperties {
  static final Set<String> RESERVED =
      Set.of(
          "account",
          "authenticator",
          "db",
          "database",
          "host",
          "passcode",
          "password",
          "port",
          "private_key_base64",
          "private_key_file",
          "private_key_file_pwd",
          "private_key_pwd",
          "privatekey",
          "role",
          "schema",
          "ssl",
          "token",
          "user");
  static final Set<String> PROXY =
      Set.of("useproxy", "proxyhost", "proxyport", "proxyuser", "proxypassword", "nonproxyhosts");

  private JdbcProperties() {}

  /** The properties in the order given; empty for null or blank input. */
  static Map<String, String> parse(String value) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (value == null || value.isBlank()) {
      return Collections.unmodifiableMap(properties);
    }
    int number = 0;
    for (String raw : value.split(",")) {
      number++;
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      String key = colon < 0 ? "" : entry.substring(0, colon).trim();
      String val = colon < 0 ? "" : entry.substring(colon + 1).trim();
      if (key.isEmpty() || val.isEmpty()) {
        // Only the key is shown: the value (or, when a value contains a comma, the entry itself)
        // may be part of a secret such as proxyPassword.
        throw invalid(
            "Entry "
                + number
                + (key.isEmpty() ? "" : " ('" + key + "')")
                + " is not a key:value pair (values cannot contain commas).");
      }
      if (RESERVED.contains(key.toLowerCase(Locale.ROOT))) {
        throw invalid("Property '" + key + "' is set by Floe from its snowflake.* settings.");
      }
      if (properties.put(key, val) != null) {
        throw invalid("Property '" + key + "' is given twice.");
      }
    }
    return Collections.unmodifiableMap(properties);
  }

  private static InvalidConfigException invalid(String detail) {
    return new InvalidConfigException(
        FloeSinkConfig.SNOWFLAKE_JDBC_MAP, ErrorCode.FLOE_0014, detail);
  }

  /** Rejects JDBC proxy properties when the jvm.proxy.* settings already define the proxy. */
  static void checkNoProxyOverride(Map<String, String> properties) {
    for (String key : properties.keySet()) {
      if (PROXY.contains(key.toLowerCase(Locale.ROOT))) {
        throw invalid(
            "Property '"
                + key
                + "' conflicts with "
                + FloeSinkConfig.JVM_PROXY_HOST
                + "; configure the proxy in one place only.");
      }
    }
  }
}
