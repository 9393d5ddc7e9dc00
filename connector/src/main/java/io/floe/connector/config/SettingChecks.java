package io.floe.connector.config;

import static io.floe.connector.config.FloeSinkConfig.JVM_NON_PROXY_HOSTS;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_HOST;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_PASSWORD;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_PORT;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_USERNAME;

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

  static SnowflakeKey key(Map<String, Object> parsed) {
    return PrivateKeys.parse(
        text(parsed, FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY),
        text(parsed, FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE));
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
  static String text(Map<String, Object> parsed, String key) {
    Object value = parsed.get(key);
    if (value instanceof Password p) {
      return p.value();
    }
    return value == null ? null : value.toString();
  }
}
