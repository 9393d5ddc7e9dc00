package io.floe.connector.config;

import static io.floe.connector.config.FloeSinkConfig.JVM_NON_PROXY_HOSTS;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_HOST;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_PASSWORD;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_PORT;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_USERNAME;

import io.floe.connector.ErrorCode;
import io.floe.connector.snowflake.OAuthTokens.OAuthCredentials;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * The checks that need more than one setting, over the values Kafka parsed from the ConfigDef.
 * Shared by {@link FloeSinkConfig} (first problem fails start-up) and {@link ConnectorValidator}
 * (each problem is attached to its key), so the two cannot drift apart. Each throws {@link
 * InvalidConfigException} naming the key to change.
 */
final class SettingChecks {
  private SettingChecks() {}

  static SnowflakeUrl url(Map<String, Object> parsed) {
    return SnowflakeUrl.parse(
        text(parsed, FloeSinkConfig.SNOWFLAKE_URL), text(parsed, FloeSinkConfig.SNOWFLAKE_ACCOUNT));
  }

  /** True when snowflake.authenticator is oauth (any case). */
  static boolean oauth(Map<String, Object> parsed) {
    String authenticator = text(parsed, FloeSinkConfig.SNOWFLAKE_AUTHENTICATOR);
    return authenticator != null && authenticator.trim().equalsIgnoreCase("oauth");
  }

  /** The parsed private key; null under OAuth, where it is not used. */
  static SnowflakeKey key(Map<String, Object> parsed) {
    if (oauth(parsed)) {
      return null;
    }
    String key = text(parsed, FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY);
    if (key == null) {
      throw new InvalidConfigException(
          FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY,
          ErrorCode.FLOE_0019,
          FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY
              + " is not set; key-pair authentication (snowflake.authenticator=snowflake_jwt, the"
              + " default) needs it.");
    }
    return PrivateKeys.parse(
        text(parsed, FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY),
        text(parsed, FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE));
  }

  /** The settings OAuth needs, each checked against the one key it names. */
  static final List<String> OAUTH_REQUIRED =
      List.of(
          FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_ID,
          FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_SECRET,
          FloeSinkConfig.SNOWFLAKE_OAUTH_REFRESH_TOKEN);

  /** Fails when {@code key}, which OAuth needs, is empty; a no-op with key-pair authentication. */
  static void oauthSetting(Map<String, Object> parsed, String key) {
    String value = text(parsed, key);
    if (oauth(parsed) && (value == null || value.isBlank())) {
      throw new InvalidConfigException(
          key, ErrorCode.FLOE_0019, key + " is not set; snowflake.authenticator=oauth needs it.");
    }
  }

  /** The OAuth credentials, or empty with key-pair authentication. */
  static Optional<OAuthCredentials> oauthCredentials(Map<String, Object> parsed, SnowflakeUrl url) {
    if (!oauth(parsed)) {
      return Optional.empty();
    }
    for (String key : OAUTH_REQUIRED) {
      oauthSetting(parsed, key);
    }
    String endpoint = text(parsed, FloeSinkConfig.SNOWFLAKE_OAUTH_TOKEN_ENDPOINT);
    URI uri =
        endpoint == null || endpoint.isBlank()
            ? URI.create(url.scheme() + "://" + hostAndPort(url) + "/oauth/token-request")
            : URI.create(endpoint.trim());
    return Optional.of(
        new OAuthCredentials(
            uri,
            text(parsed, FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_ID).trim(),
            text(parsed, FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_SECRET),
            text(parsed, FloeSinkConfig.SNOWFLAKE_OAUTH_REFRESH_TOKEN).trim()));
  }

  private static String hostAndPort(SnowflakeUrl url) {
    boolean defaultPort = url.port() == ("http".equals(url.scheme()) ? 80 : 443);
    return defaultPort ? url.host() : url.host() + ":" + url.port();
  }

  static Optional<ProxySettings> proxy(Map<String, Object> parsed) {
    return ProxySettings.parse(
        text(parsed, JVM_PROXY_HOST),
        text(parsed, JVM_PROXY_PORT),
        text(parsed, JVM_NON_PROXY_HOSTS),
        text(parsed, JVM_PROXY_USERNAME),
        text(parsed, JVM_PROXY_PASSWORD));
  }

  static Map<String, String> jdbcProperties(
      Map<String, Object> parsed, Optional<ProxySettings> proxy) {
    Map<String, String> properties =
        JdbcProperties.parse(text(parsed, FloeSinkConfig.SNOWFLAKE_JDBC_MAP));
    if (proxy.isPresent()) {
      JdbcProperties.checkNoProxyOverride(properties);
    }
    return properties;
  }

  /** The string behind a parsed value; secrets are unwrapped only to be parsed, never shown. */
  static String text(Map<String, ?> parsed, String key) {
    Object value = parsed.get(key);
    if (value instanceof Password p) {
      return p.value();
    }
    return value == null ? null : value.toString();
  }

  /** True for snowflake.ingestion.method=SNOWPIPE_STREAMING (any case). */
  static boolean streaming(Map<String, ?> parsed) {
    String method = text(parsed, FloeSinkConfig.INGESTION_METHOD);
    return method != null && method.trim().equalsIgnoreCase("SNOWPIPE_STREAMING");
  }

  /**
   * What Snowpipe Streaming needs beyond single settings: a role (channels are opened as it, and
   * the Snowflake connector requires it in this mode too), and no offset-reset behaviour the mode
   * cannot honour (file-name generations have no counterpart for channels).
   */
  static void streamingSettings(Map<String, Object> parsed) {
    if (!streaming(parsed)) {
      return;
    }
    String role = text(parsed, FloeSinkConfig.SNOWFLAKE_ROLE);
    if (role == null || role.isBlank()) {
      throw new InvalidConfigException(
          FloeSinkConfig.SNOWFLAKE_ROLE,
          ErrorCode.FLOE_0050,
          "snowflake.ingestion.method=SNOWPIPE_STREAMING and snowflake.role.name is not set.");
    }
    String reset = text(parsed, FloeSinkConfig.OFFSET_RESET_BEHAVIOR);
    if (reset != null && reset.trim().equalsIgnoreCase("new_generation")) {
      throw new InvalidConfigException(
          FloeSinkConfig.OFFSET_RESET_BEHAVIOR,
          ErrorCode.FLOE_0051,
          FloeSinkConfig.OFFSET_RESET_BEHAVIOR
              + "=new_generation names staged files anew; Snowpipe Streaming stages no files, so"
              + " only fail applies (FLOE-3040 says how to go on).");
    }
  }

  /**
   * Snowpipe Streaming keys channels by the partition a record carries; Kafka's topic-renaming
   * transforms would send a partition's records to other tables through one channel, so the mode
   * refuses them for now (the file mode supports them). Other transforms are checked per record.
   */
  static void streamingTransforms(Map<String, Object> parsed, Map<String, String> props) {
    if (!streaming(parsed)) {
      return;
    }
    for (String alias : props.getOrDefault("transforms", "").split(",")) {
      String type = props.getOrDefault("transforms." + alias.trim() + ".type", "").trim();
      if (type.equals("org.apache.kafka.connect.transforms.RegexRouter")
          || type.equals("org.apache.kafka.connect.transforms.TimestampRouter")) {
        throw new InvalidConfigException(
            "transforms",
            ErrorCode.FLOE_0051,
            "transform '"
                + alias.trim()
                + "' ("
                + type
                + ") renames topics, which snowflake.ingestion.method=SNOWPIPE_STREAMING does"
                + " not support yet; use SNOWPIPE for it.");
      }
    }
  }
}
