package io.floe.connector.config;

import static io.floe.connector.config.FloeSinkConfig.JVM_NON_PROXY_HOSTS;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_HOST;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_PASSWORD;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_PORT;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_USERNAME;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_ACCOUNT;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_AUTHENTICATOR;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_DATABASE;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_JDBC_MAP;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_ROLE;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_SCHEMA;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_URL;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_USER;

import io.floe.connector.snowflake.OAuthTokens.OAuthCredentials;
import io.floe.connector.table.TableNameResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code SnowflakeSinkConnector.validate(Map)} returns: Kafka's per-setting validation of
 * Floe's ConfigDef, then the checks across settings, then (when the connection settings are
 * individually valid) a real {@link ConnectionCheck}. Every problem is attached to the setting the
 * user has to change, so Connect UIs show it next to that field.
 *
 * <p>The connection check is skipped when a connection setting still holds a config provider
 * reference ({@code ${...}}): the worker resolves providers before validating, so an unresolved
 * reference means this worker cannot see the secret, and the connector's own start will tell.
 */
public final class ConnectorValidator {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorValidator.class);

  /** Kafka Connect's own setting for the connector's name. */
  public static final String CONNECTOR_NAME = "name";

  /** Settings whose values the connection check depends on. */
  static final List<String> CONNECTION_KEYS =
      List.of(
          SNOWFLAKE_URL,
          SNOWFLAKE_ACCOUNT,
          SNOWFLAKE_USER,
          SNOWFLAKE_PRIVATE_KEY,
          SNOWFLAKE_PRIVATE_KEY_PASSPHRASE,
          SNOWFLAKE_ROLE,
          SNOWFLAKE_AUTHENTICATOR,
          FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_ID,
          FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_SECRET,
          FloeSinkConfig.SNOWFLAKE_OAUTH_REFRESH_TOKEN,
          FloeSinkConfig.SNOWFLAKE_OAUTH_TOKEN_ENDPOINT,
          SNOWFLAKE_DATABASE,
          SNOWFLAKE_SCHEMA,
          SNOWFLAKE_JDBC_MAP,
          JVM_PROXY_HOST,
          JVM_PROXY_PORT,
          JVM_NON_PROXY_HOSTS,
          JVM_PROXY_USERNAME,
          JVM_PROXY_PASSWORD);

  private static final List<String> PROXY_KEYS =
      List.of(
          JVM_PROXY_HOST,
          JVM_PROXY_PORT,
          JVM_NON_PROXY_HOSTS,
          JVM_PROXY_USERNAME,
          JVM_PROXY_PASSWORD);

  private final ConnectionCheck connectionCheck;

  public ConnectorValidator(ConnectionCheck connectionCheck) {
    this.connectionCheck = Objects.requireNonNull(connectionCheck, "connectionCheck");
  }

  public Config validate(Map<String, String> props) {
    Map<String, ConfigValue> values = validateEach(props);
    Map<String, Object> parsed = new LinkedHashMap<>();
    values.forEach((key, value) -> parsed.put(key, value.value()));

    SnowflakeUrl url =
        attempt(values, () -> SettingChecks.url(parsed), SNOWFLAKE_URL, SNOWFLAKE_ACCOUNT);
    SnowflakeKey key = null;
    if (!fromConfigProvider(props, SNOWFLAKE_PRIVATE_KEY, SNOWFLAKE_PRIVATE_KEY_PASSPHRASE)) {
      key =
          attempt(
              values,
              () -> SettingChecks.key(parsed),
              SNOWFLAKE_PRIVATE_KEY,
              SNOWFLAKE_PRIVATE_KEY_PASSPHRASE);
    }
    for (String oauthKey : SettingChecks.OAUTH_REQUIRED) {
      attempt(
          values,
          () -> {
            SettingChecks.oauthSetting(parsed, oauthKey);
            return Boolean.TRUE;
          },
          oauthKey);
    }
    boolean oauth = SettingChecks.oauth(parsed);
    Optional<OAuthCredentials> oauthCredentials =
        url == null
            ? null
            : attempt(
                values,
                () -> SettingChecks.oauthCredentials(parsed, url),
                FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_ID,
                FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_SECRET,
                FloeSinkConfig.SNOWFLAKE_OAUTH_REFRESH_TOKEN,
                FloeSinkConfig.SNOWFLAKE_OAUTH_TOKEN_ENDPOINT);
    Optional<ProxySettings> proxy =
        attempt(values, () -> SettingChecks.proxy(parsed), PROXY_KEYS.toArray(String[]::new));
    Map<String, String> jdbc =
        proxy == null
            ? null
            : attempt(
                values, () -> SettingChecks.jdbcProperties(parsed, proxy), SNOWFLAKE_JDBC_MAP);

    attempt(
        values,
        () -> {
          SettingChecks.streamingSettings(parsed);
          return Boolean.TRUE;
        },
        FloeSinkConfig.INGESTION_METHOD,
        SNOWFLAKE_ROLE,
        FloeSinkConfig.OFFSET_RESET_BEHAVIOR,
        FloeSinkConfig.ENABLE_SCHEMATIZATION);
    attempt(
        values,
        () -> {
          SettingChecks.streamingTransforms(parsed, props);
          return Boolean.TRUE;
        },
        FloeSinkConfig.INGESTION_METHOD);
    attempt(
        values,
        () -> {
          CdcConfigDef.check(parsed, props);
          return Boolean.TRUE;
        },
        CdcConfigDef.MODE,
        CdcConfigDef.KEY_FIELDS,
        FloeSinkConfig.OFFSET_RESET_BEHAVIOR,
        FloeSinkConfig.INGESTION_METHOD,
        FloeSinkConfig.ENABLE_SCHEMATIZATION);
    Map<String, String> ignored = CompatibilityKeys.ignoredStreamingKeys(props);
    if (!ignored.isEmpty()) {
      LOG.warn(
          "Ignoring Snowflake-connector streaming settings that Floe does not use (Floe names"
              + " its channels its own way): {}",
          ignored.keySet());
    }

    boolean ready =
        url != null
            && (oauth || key != null)
            && oauthCredentials != null
            && proxy != null
            && jdbc != null
            && CONNECTION_KEYS.stream().allMatch(k -> values.get(k).errorMessages().isEmpty())
            && !fromConfigProvider(props, CONNECTION_KEYS.toArray(String[]::new));
    if (ready) {
      ConnectionSettings settings =
          new ConnectionSettings(
              url,
              (String) parsed.get(SNOWFLAKE_USER),
              key,
              oauthCredentials,
              Optional.ofNullable((String) parsed.get(SNOWFLAKE_ROLE)),
              (String) parsed.get(SNOWFLAKE_DATABASE),
              (String) parsed.get(SNOWFLAKE_SCHEMA),
              jdbc,
              proxy);
      Optional<String> name =
          Optional.ofNullable(props.get(CONNECTOR_NAME)).filter(n -> !n.isBlank());
      for (ConfigProblem problem : check(settings, name, schematizedTables(values, props))) {
        values.computeIfAbsent(problem.key(), ConfigValue::new).addErrorMessage(problem.message());
      }
    } else {
      LOG.debug("Skipping the Snowflake connection check: connection settings are not all usable.");
    }
    return new Config(new ArrayList<>(values.values()));
  }

  /** Kafka's own validation, ordered as the ConfigDef defines the keys. */
  private static Map<String, ConfigValue> validateEach(Map<String, String> props) {
    ConfigDef def = FloeSinkConfig.CONFIG_DEF;
    Map<String, ConfigValue> byKey = def.validateAll(props);
    Map<String, ConfigValue> ordered = new LinkedHashMap<>();
    for (String key : def.configKeys().keySet()) {
      ordered.put(key, byKey.get(key));
    }
    return ordered;
  }

  /**
   * Runs a cross-setting check when none of {@code keys} already has an error (a second message
   * about the same typo would only add noise). Returns null when skipped or failed.
   */
  private static <T> T attempt(Map<String, ConfigValue> values, Supplier<T> check, String... keys) {
    for (String key : keys) {
      if (!values.get(key).errorMessages().isEmpty()) {
        return null;
      }
    }
    try {
      return check.get();
    } catch (InvalidConfigException e) {
      values.computeIfAbsent(e.key(), ConfigValue::new).addErrorMessage(e.getMessage());
      return null;
    }
  }

  /**
   * The tables to check for schematized rows: none without schematization, or when the settings
   * that name them are themselves wrong.
   */
  private static List<TargetTables.Target> schematizedTables(
      Map<String, ConfigValue> values, Map<String, String> props) {
    ConfigValue schematization = values.get(FloeSinkConfig.ENABLE_SCHEMATIZATION);
    ConfigValue map = values.get(FloeSinkConfig.TOPIC2TABLE_MAP);
    if (!Boolean.TRUE.equals(schematization.value())
        || !schematization.errorMessages().isEmpty()
        || !map.errorMessages().isEmpty()) {
      return List.of();
    }
    return TargetTables.of(props, TableNameResolver.parse((String) map.value()));
  }

  private List<ConfigProblem> check(
      ConnectionSettings settings, Optional<String> name, List<TargetTables.Target> tables) {
    try {
      List<ConfigProblem> problems = connectionCheck.check(settings, name, tables);
      return problems == null ? List.of() : problems;
    } catch (RuntimeException e) {
      LOG.warn("The Snowflake connection check failed unexpectedly", e);
      return List.of(
          new ConfigProblem(
              SNOWFLAKE_URL,
              "Floe could not check the connection to Snowflake: " + e.getMessage()));
    }
  }

  /** True when any of {@code keys} still holds an unresolved {@code ${...}} reference. */
  static boolean fromConfigProvider(Map<String, String> props, String... keys) {
    for (String key : keys) {
      String value = props.get(key);
      if (value != null && value.contains("${")) {
        return true;
      }
    }
    return false;
  }
}
