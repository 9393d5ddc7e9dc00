package io.floe.connector.config;

import io.floe.connector.snowflake.OAuthTokens.OAuthCredentials;
import io.floe.connector.table.TableNameResolver;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Floe's connector configuration: the Snowflake connector's keys (so users switch by changing only
 * {@code connector.class}) plus a few of Floe's own, parsed and checked.
 *
 * <p>Constructing it runs the same checks as {@link ConnectorValidator} minus the connection check,
 * and fails with the first problem: a {@link org.apache.kafka.common.config.ConfigException} for a
 * single setting, an {@link InvalidConfigException} for checks across settings (URL and account,
 * key and passphrase, proxy). Secrets never appear in {@link #toString()}, logs or error messages.
 * docs/configuration.md is generated from {@link #configDef()}.
 */
public final class FloeSinkConfig extends AbstractConfig {
  // Connection
  public static final String SNOWFLAKE_URL = "snowflake.url.name";
  public static final String SNOWFLAKE_ACCOUNT = "snowflake.account.name";
  public static final String SNOWFLAKE_USER = "snowflake.user.name";
  public static final String SNOWFLAKE_PRIVATE_KEY = "snowflake.private.key";
  public static final String SNOWFLAKE_PRIVATE_KEY_PASSPHRASE = "snowflake.private.key.passphrase";
  public static final String SNOWFLAKE_ROLE = "snowflake.role.name";
  public static final String SNOWFLAKE_AUTHENTICATOR = "snowflake.authenticator";
  public static final String SNOWFLAKE_OAUTH_CLIENT_ID = "snowflake.oauth.client.id";
  public static final String SNOWFLAKE_OAUTH_CLIENT_SECRET = "snowflake.oauth.client.secret";
  public static final String SNOWFLAKE_OAUTH_REFRESH_TOKEN = "snowflake.oauth.refresh.token";
  public static final String SNOWFLAKE_OAUTH_TOKEN_ENDPOINT = "snowflake.oauth.token.endpoint";
  // Target
  public static final String SNOWFLAKE_DATABASE = "snowflake.database.name";
  public static final String SNOWFLAKE_SCHEMA = "snowflake.schema.name";
  public static final String TOPIC2TABLE_MAP = "snowflake.topic2table.map";
  // Buffering
  public static final String BUFFER_COUNT_RECORDS = "buffer.count.records";
  public static final String BUFFER_SIZE_BYTES = "buffer.size.bytes";
  public static final String BUFFER_MEMORY_MAX_BYTES = "floe.buffer.memory.max.bytes";
  public static final String BUFFER_FLUSH_TIME = "buffer.flush.time";
  // Metadata
  public static final String METADATA_ALL = "snowflake.metadata.all";
  public static final String METADATA_TOPIC = "snowflake.metadata.topic";
  public static final String METADATA_OFFSET_AND_PARTITION =
      "snowflake.metadata.offset.and.partition";
  public static final String METADATA_CREATETIME = "snowflake.metadata.createtime";
  // Behaviour
  public static final String BEHAVIOR_ON_NULL_VALUES = "behavior.on.null.values";
  public static final String INGESTION_METHOD = "snowflake.ingestion.method";
  public static final String ENABLE_SCHEMATIZATION = "snowflake.enable.schematization";
  // Advanced
  public static final String JMX = "jmx";
  public static final String SNOWFLAKE_JDBC_MAP = "snowflake.jdbc.map";
  public static final String LOAD_TRACKING_INTERVAL = "floe.load.tracking.interval.ms";
  public static final String UPLOAD_THREADS = "floe.upload.threads";
  public static final String MAX_RECORD_BYTES = "floe.max.record.bytes";
  public static final String OFFSET_RESET_BEHAVIOR = "floe.offset.reset.behavior";
  public static final String TABLE_FAILURES_MAX = "floe.load.table.failures.max";

  /**
   * Snowflake's documented maximum size of a VARIANT value (128 MB since behaviour change bundle
   * 2025_03; it was 16 MB before).
   */
  public static final int SNOWFLAKE_VARIANT_LIMIT = 134_217_728;

  // Proxy
  public static final String JVM_PROXY_HOST = "jvm.proxy.host";
  public static final String JVM_PROXY_PORT = "jvm.proxy.port";
  public static final String JVM_NON_PROXY_HOSTS = "jvm.nonProxy.hosts";
  public static final String JVM_PROXY_USERNAME = "jvm.proxy.username";
  public static final String JVM_PROXY_PASSWORD = "jvm.proxy.password";

  static final ConfigDef CONFIG_DEF = FloeConfigDef.build();

  private final SnowflakeUrl url;
  private final SnowflakeKey key;
  private final Optional<OAuthCredentials> oauth;
  private final Optional<ProxySettings> proxy;
  private final Map<String, String> jdbcProperties;
  private final TableNameResolver tables;

  public FloeSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    Map<String, Object> parsed = new HashMap<>(values());
    this.url = SettingChecks.url(parsed);
    this.key = SettingChecks.key(parsed);
    this.oauth = SettingChecks.oauthCredentials(parsed, url);
    this.proxy = SettingChecks.proxy(parsed);
    this.jdbcProperties = SettingChecks.jdbcProperties(parsed, proxy);
    this.tables = TableNameResolver.parse(getString(TOPIC2TABLE_MAP));
    SettingChecks.streamingSettings(parsed);
    SettingChecks.streamingTransforms(parsed, originalsStrings());
    CdcConfigDef.check(parsed, originalsStrings());
  }

  /** A copy of Floe's ConfigDef, for {@code Connector.config()}. */
  public static ConfigDef configDef() {
    return new ConfigDef(CONFIG_DEF);
  }

  public SnowflakeUrl snowflakeUrl() {
    return url;
  }

  public String user() {
    return getString(SNOWFLAKE_USER);
  }

  /** The parsed private key with its public key and fingerprint; null under OAuth. */
  public SnowflakeKey snowflakeKey() {
    return key;
  }

  public PrivateKey privateKey() {
    return key == null ? null : key.privateKey();
  }

  /** The OAuth client and refresh token when snowflake.authenticator=oauth. */
  public Optional<OAuthCredentials> oauth() {
    return oauth;
  }

  /** {@code snowflake.role.name}; empty means the user's default role. */
  public Optional<String> role() {
    return Optional.ofNullable(getString(SNOWFLAKE_ROLE)).filter(r -> !r.isBlank());
  }

  public String database() {
    return getString(SNOWFLAKE_DATABASE);
  }

  public String schema() {
    return getString(SNOWFLAKE_SCHEMA);
  }

  public TableNameResolver tableNameResolver() {
    return tables;
  }

  public long bufferCountRecords() {
    return getLong(BUFFER_COUNT_RECORDS);
  }

  public long bufferSizeBytes() {
    return getLong(BUFFER_SIZE_BYTES);
  }

  public long bufferMemoryMaxBytes() {
    return getLong(BUFFER_MEMORY_MAX_BYTES);
  }

  public Duration bufferFlushTime() {
    return Duration.ofSeconds(getLong(BUFFER_FLUSH_TIME));
  }

  public MetadataSettings metadataSettings() {
    return new MetadataSettings(
        getBoolean(METADATA_ALL),
        getBoolean(METADATA_TOPIC),
        getBoolean(METADATA_OFFSET_AND_PARTITION),
        getBoolean(METADATA_CREATETIME));
  }

  public NullValueBehavior nullValueBehavior() {
    return NullValueBehavior.valueOf(
        getString(BEHAVIOR_ON_NULL_VALUES).trim().toUpperCase(Locale.ROOT));
  }

  public OffsetResetBehavior offsetResetBehavior() {
    return OffsetResetBehavior.valueOf(
        getString(OFFSET_RESET_BEHAVIOR).trim().toUpperCase(Locale.ROOT));
  }

  public java.time.Duration loadTrackingInterval() {
    return java.time.Duration.ofMillis(getLong(LOAD_TRACKING_INTERVAL));
  }

  /** {@code floe.load.table.failures.max}: see {@link FloeConfigDef}. */
  public int tableFailuresMax() {
    return getInt(TABLE_FAILURES_MAX);
  }

  public int uploadThreads() {
    return getInt(UPLOAD_THREADS);
  }

  /** {@code floe.max.record.bytes}: the largest staged line (one row) Floe writes. */
  public int maxRecordBytes() {
    return getInt(MAX_RECORD_BYTES);
  }

  public boolean jmxEnabled() {
    return getBoolean(JMX);
  }

  /** Extra JDBC connection properties from {@code snowflake.jdbc.map}, in the order given. */
  public Map<String, String> jdbcProperties() {
    return jdbcProperties;
  }

  public Optional<ProxySettings> proxy() {
    return proxy;
  }

  public ConnectionSettings connectionSettings() {
    return new ConnectionSettings(
        url, user(), key, oauth, role(), database(), schema(), jdbcProperties, proxy);
  }

  /** All settings by key, with every secret shown as {@code [hidden]}. */
  @Override
  public String toString() {
    // Kafka's Password prints as [hidden]; every secret here is a PASSWORD-type setting.
    return "FloeSinkConfig" + new TreeMap<>(values());
  }

  /** snowflake.ingestion.method=SNOWPIPE_STREAMING: channels instead of staged files. */
  /** {@code snowflake.enable.schematization}: one column per top-level field of the value. */
  public boolean schematization() {
    return getBoolean(ENABLE_SCHEMATIZATION);
  }

  public boolean streaming() {
    return SettingChecks.streaming(values());
  }

  /** {@code snowflake.streaming.max.client.lag} in seconds; null for the SDK's default. */
  public Long streamingMaxClientLag() {
    return getLong(StreamingConfigDef.MAX_CLIENT_LAG);
  }

  public long streamingMaxMemoryBytes() {
    return getLong(StreamingConfigDef.MAX_MEMORY);
  }

  public boolean streamingSingleBuffer() {
    return getBoolean(StreamingConfigDef.SINGLE_BUFFER);
  }

  /** SDK parameters from {@code snowflake.streaming.client.provider.override.map}, in order. */
  public Map<String, String> streamingOverrides() {
    return StreamingConfigDef.overrides(getString(StreamingConfigDef.OVERRIDES));
  }

  /** {@code enable.streaming.client.optimization}: one SDK client per connector per worker. */
  public boolean streamingSharedClient() {
    return getBoolean(StreamingConfigDef.CLIENT_OPTIMIZATION);
  }

  public boolean streamingAdoptsIncumbentOffsets() {
    return getBoolean(StreamingConfigDef.ADOPT_INCUMBENT_OFFSETS);
  }

  /** The {@code floe.cdc.*} settings. */
  public CdcSettings cdc() {
    return new CdcSettings(
        CdcConfigDef.upsert(values()),
        CdcSettings.Format.valueOf(
            CdcConfigDef.FORMATS
                .canonical(getString(CdcConfigDef.FORMAT))
                .toUpperCase(Locale.ROOT)),
        CdcConfigDef.keyFields(getList(CdcConfigDef.KEY_FIELDS)),
        CdcConfigDef.DELETE_MODES.canonical(getString(CdcConfigDef.DELETE_MODE)).equals("soft"),
        Duration.ofMillis(getLong(CdcConfigDef.APPLY_INTERVAL)),
        getBoolean(CdcConfigDef.CHANGES_RETAIN),
        getInt(CdcConfigDef.APPLY_FAILURES_MAX));
  }
}
