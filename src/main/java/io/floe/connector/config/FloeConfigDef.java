package io.floe.connector.config;

import static io.floe.connector.config.FloeSinkConfig.BEHAVIOR_ON_NULL_VALUES;
import static io.floe.connector.config.FloeSinkConfig.BUFFER_COUNT_RECORDS;
import static io.floe.connector.config.FloeSinkConfig.BUFFER_FLUSH_TIME;
import static io.floe.connector.config.FloeSinkConfig.BUFFER_SIZE_BYTES;
import static io.floe.connector.config.FloeSinkConfig.INGESTION_METHOD;
import static io.floe.connector.config.FloeSinkConfig.JMX;
import static io.floe.connector.config.FloeSinkConfig.JVM_NON_PROXY_HOSTS;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_HOST;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_PASSWORD;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_PORT;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_USERNAME;
import static io.floe.connector.config.FloeSinkConfig.METADATA_ALL;
import static io.floe.connector.config.FloeSinkConfig.METADATA_CREATETIME;
import static io.floe.connector.config.FloeSinkConfig.METADATA_OFFSET_AND_PARTITION;
import static io.floe.connector.config.FloeSinkConfig.METADATA_TOPIC;
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
import static io.floe.connector.config.FloeSinkConfig.TOPIC2TABLE_MAP;

import io.floe.connector.ErrorCode;
import io.floe.connector.table.TableNameResolver;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Defines Floe's settings: documentation, group, order, display name, validator and recommender for
 * each. The Snowflake connector's keys that Floe accepts without using them are in {@link
 * CompatibilityKeys}.
 */
final class FloeConfigDef {
  static final String CONNECTION = "Connection";
  static final String TARGET = "Target";
  static final String BUFFERING = "Buffering";
  static final String METADATA = "Metadata";
  static final String BEHAVIOUR = "Behaviour";
  static final String ADVANCED = "Advanced";
  static final String PROXY = "Proxy";

  static final ChoiceValidator AUTHENTICATORS =
      ChoiceValidator.of("snowflake_jwt")
          .rejecting(
              "oauth",
              ErrorCode.FLOE_0007,
              "OAuth is not supported yet; Floe authenticates with a key pair only.");
  static final ChoiceValidator INGESTION_METHODS =
      ChoiceValidator.of("SNOWPIPE")
          .rejecting(
              "snowpipe_streaming",
              ErrorCode.FLOE_0008,
              "Snowpipe Streaming is not available in Floe yet; Floe loads through classic"
                  + " Snowpipe, exactly once.");
  static final ChoiceValidator NULL_VALUE_BEHAVIORS = ChoiceValidator.of("DEFAULT", "IGNORE");

  private FloeConfigDef() {}

  static ConfigDef build() {
    ConfigDef def = new ConfigDef();
    connection(def);
    target(def);
    buffering(def);
    metadata(def);
    behaviour(def);
    advanced(def);
    proxy(def);
    CompatibilityKeys.define(def);
    return def;
  }

  private static void connection(ConfigDef def) {
    int order = 0;
    def.define(
        SNOWFLAKE_URL,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        new ParsingValidator(
            SnowflakeUrl::parseAddress, "[https://]<account>.snowflakecomputing.com[:port]"),
        Importance.HIGH,
        "Snowflake account URL, in any form the Snowflake connector accepts:"
            + " <account>.snowflakecomputing.com with optional https:// and :port (default 443),"
            + " e.g. myorg-myaccount.snowflakecomputing.com:443 or"
            + " https://xy12345.eu-west-1.snowflakecomputing.com. http://host:port (default port"
            + " 80) connects without TLS and is meant for local test endpoints. The account name"
            + " used for key-pair authentication is the first label of a"
            + " *.snowflakecomputing.com host; for any other host set "
            + SNOWFLAKE_ACCOUNT
            + ".",
        CONNECTION,
        ++order,
        Width.LONG,
        "Snowflake URL",
        List.of(SNOWFLAKE_ACCOUNT));
    def.define(
        SNOWFLAKE_ACCOUNT,
        Type.STRING,
        null,
        new ParsingValidator(FloeConfigDef::checkAccountName, "account identifier"),
        Importance.LOW,
        "Floe only. The account identifier used in key-pair (JWT) authentication, e.g."
            + " MYORG-MYACCOUNT or XY12345. Optional for *.snowflakecomputing.com URLs, where it"
            + " is taken from the host (this setting overrides it); required for any other host,"
            + " such as a private DNS name or an IP address.",
        CONNECTION,
        ++order,
        Width.MEDIUM,
        "Snowflake account name",
        List.of(),
        new AccountNameRecommender());
    def.define(
        SNOWFLAKE_USER,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        NonBlankValidator.INSTANCE,
        Importance.HIGH,
        "Snowflake user Floe logs in as. Its RSA public key must be registered with"
            + " ALTER USER <user> SET RSA_PUBLIC_KEY='...'.",
        CONNECTION,
        ++order,
        Width.MEDIUM,
        "User name");
    def.define(
        SNOWFLAKE_PRIVATE_KEY,
        Type.PASSWORD,
        ConfigDef.NO_DEFAULT_VALUE,
        NonBlankValidator.INSTANCE,
        Importance.HIGH,
        "The user's RSA private key: the contents of the PEM file, with or without its"
            + " -----BEGIN/END----- lines; line breaks, spaces and escaped \\n are ignored."
            + " Unencrypted PKCS#8, encrypted PKCS#8 (e.g. from openssl pkcs8 -topk8 -v2 des3 or"
            + " -v2 aes256) and PKCS#1 (BEGIN RSA PRIVATE KEY) are accepted. Consider a config"
            + " provider (${provider:path:key}) to keep it out of the connector configuration.",
        CONNECTION,
        ++order,
        Width.LONG,
        "Private key",
        List.of(SNOWFLAKE_PRIVATE_KEY_PASSPHRASE));
    def.define(
        SNOWFLAKE_PRIVATE_KEY_PASSPHRASE,
        Type.PASSWORD,
        "",
        Importance.MEDIUM,
        "Passphrase of an encrypted "
            + SNOWFLAKE_PRIVATE_KEY
            + ". Ignored, with a warning in the log, when the key is not encrypted.",
        CONNECTION,
        ++order,
        Width.MEDIUM,
        "Private key passphrase");
    def.define(
        SNOWFLAKE_ROLE,
        Type.STRING,
        null,
        NonBlankValidator.INSTANCE,
        Importance.MEDIUM,
        "Role for Floe's Snowflake sessions; when not set, the user's default role is used."
            + " The role needs to use the database and schema and to create (or use) the target"
            + " tables and Floe's stages and pipes there.",
        CONNECTION,
        ++order,
        Width.MEDIUM,
        "Role");
    def.define(
        SNOWFLAKE_AUTHENTICATOR,
        Type.STRING,
        "snowflake_jwt",
        AUTHENTICATORS,
        Importance.LOW,
        "Authentication method. Only snowflake_jwt (key pair) is supported; oauth, which the"
            + " Snowflake connector also accepts, is rejected as not supported yet.",
        CONNECTION,
        ++order,
        Width.SHORT,
        "Authenticator",
        List.of(),
        AUTHENTICATORS);
  }

  private static void target(ConfigDef def) {
    int order = 0;
    def.define(
        SNOWFLAKE_DATABASE,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        NonBlankValidator.INSTANCE,
        Importance.HIGH,
        "Database of the target tables and of Floe's stages and pipes.",
        TARGET,
        ++order,
        Width.MEDIUM,
        "Database");
    def.define(
        SNOWFLAKE_SCHEMA,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        NonBlankValidator.INSTANCE,
        Importance.HIGH,
        "Schema of the target tables and of Floe's stages and pipes.",
        TARGET,
        ++order,
        Width.MEDIUM,
        "Schema");
    def.define(
        TOPIC2TABLE_MAP,
        Type.STRING,
        "",
        new ParsingValidator(TableNameResolver::parse, "topic:table[,topic:table...]"),
        Importance.MEDIUM,
        "Which table each topic loads into: comma-separated topic:table pairs, e.g."
            + " orders:ORDERS,payments_.*:PAYMENTS. A topic may be a Java regular expression"
            + " (full match); tables may be qualified as schema.table or db.schema.table."
            + " A topic's table is the entry naming the topic exactly, else the first entry"
            + " whose pattern matches, else the topic name itself when it is a valid unquoted"
            + " identifier, else the topic sanitised as the Snowflake connector does (my-topic"
            + " becomes my_topic_<hash>), so switching connectors keeps the same tables."
            + " Duplicate topics and overlapping patterns are rejected; topics and tables"
            + " cannot contain ',' or ':' and quoted table names are not supported.",
        TARGET,
        ++order,
        Width.LONG,
        "Topic to table map");
  }

  private static void buffering(ConfigDef def) {
    int order = 0;
    def.define(
        BUFFER_COUNT_RECORDS,
        Type.LONG,
        10_000L,
        Range.atLeast(1),
        Importance.MEDIUM,
        "Number of records buffered per partition before Floe writes them to a file and loads"
            + " it.",
        BUFFERING,
        ++order,
        Width.SHORT,
        "Buffer record count");
    def.define(
        BUFFER_SIZE_BYTES,
        Type.LONG,
        5_000_000L,
        Range.atLeast(1),
        Importance.MEDIUM,
        "Size in bytes of the records buffered per partition (as uncompressed JSON) before"
            + " Floe writes them to a file and loads it.",
        BUFFERING,
        ++order,
        Width.SHORT,
        "Buffer size (bytes)");
    def.define(
        BUFFER_FLUSH_TIME,
        Type.LONG,
        120L,
        Range.atLeast(1),
        Importance.MEDIUM,
        "Maximum time in seconds records wait in a partition's buffer before Floe writes and"
            + " loads them. Floe accepts any value of at least 1 second, where the Snowflake"
            + " connector requires at least 10 in Snowpipe mode; smaller values lower latency"
            + " but create more, smaller files (Snowpipe bills per file).",
        BUFFERING,
        ++order,
        Width.SHORT,
        "Buffer flush time (s)");
  }

  private static void metadata(ConfigDef def) {
    Map<String, String> docs =
        Map.of(
            METADATA_ALL,
            "Write RECORD_METADATA. When false, RECORD_METADATA is NULL and the other"
                + " snowflake.metadata.* settings have no effect.",
            METADATA_TOPIC,
            "Write the record's topic into RECORD_METADATA (field topic).",
            METADATA_OFFSET_AND_PARTITION,
            "Write the record's offset and partition into RECORD_METADATA (fields offset,"
                + " partition).",
            METADATA_CREATETIME,
            "Write the record's timestamp into RECORD_METADATA (field CreateTime or"
                + " LogAppendTime, by timestamp type).");
    Map<String, String> names =
        Map.of(
            METADATA_ALL, "Write metadata",
            METADATA_TOPIC, "Metadata: topic",
            METADATA_OFFSET_AND_PARTITION, "Metadata: offset and partition",
            METADATA_CREATETIME, "Metadata: timestamp");
    int order = 0;
    for (String key :
        List.of(METADATA_ALL, METADATA_TOPIC, METADATA_OFFSET_AND_PARTITION, METADATA_CREATETIME)) {
      def.define(
          key,
          Type.BOOLEAN,
          true,
          Importance.LOW,
          docs.get(key),
          METADATA,
          ++order,
          Width.SHORT,
          names.get(key));
    }
  }

  private static void behaviour(ConfigDef def) {
    int order = 0;
    def.define(
        BEHAVIOR_ON_NULL_VALUES,
        Type.STRING,
        "DEFAULT",
        NULL_VALUE_BEHAVIORS,
        Importance.LOW,
        "What to do with records whose value is null (tombstones): DEFAULT loads them with"
            + " RECORD_CONTENT = {} (as the Snowflake connector does), IGNORE skips them.",
        BEHAVIOUR,
        ++order,
        Width.SHORT,
        "Null values",
        List.of(),
        NULL_VALUE_BEHAVIORS);
    def.define(
        INGESTION_METHOD,
        Type.STRING,
        "SNOWPIPE",
        INGESTION_METHODS,
        Importance.LOW,
        "How data is loaded. SNOWPIPE (files on an internal stage, loaded by Snowpipe) is the"
            + " only method; SNOWPIPE_STREAMING is rejected as not available yet.",
        BEHAVIOUR,
        ++order,
        Width.SHORT,
        "Ingestion method",
        List.of(),
        INGESTION_METHODS);
  }

  private static void advanced(ConfigDef def) {
    int order = 0;
    def.define(
        JMX,
        Type.BOOLEAN,
        true,
        Importance.LOW,
        "Register Floe's metrics as JMX MBeans.",
        ADVANCED,
        ++order,
        Width.SHORT,
        "JMX metrics");
    def.define(
        SNOWFLAKE_JDBC_MAP,
        Type.STRING,
        "",
        new ParsingValidator(JdbcProperties::parse, "key:value[,key:value...]"),
        Importance.LOW,
        "Extra Snowflake JDBC connection properties as comma-separated key:value pairs, e.g."
            + " networkTimeout:60,tracing:INFO. Properties Floe derives from its other settings"
            + " (user, account, database, schema, role, authentication, ssl, and the proxy when"
            + " jvm.proxy.host is set) cannot be given here.",
        ADVANCED,
        ++order,
        Width.LONG,
        "JDBC properties");
  }

  private static void proxy(ConfigDef def) {
    int order = 0;
    String scope =
        " Floe uses the proxy for its own connections to Snowflake only; unlike the Snowflake"
            + " connector it does not set JVM-wide proxy properties.";
    def.define(
        JVM_PROXY_HOST,
        Type.STRING,
        "",
        Importance.LOW,
        "Host of the HTTP proxy to reach Snowflake through; requires "
            + JVM_PROXY_PORT
            + "."
            + scope,
        PROXY,
        ++order,
        Width.MEDIUM,
        "Proxy host");
    def.define(
        JVM_PROXY_PORT,
        Type.STRING,
        "",
        new ParsingValidator(
            p -> {
              if (!p.isBlank()) {
                ProxySettings.portNumber(p);
              }
            },
            "port number 1-65535"),
        Importance.LOW,
        "Port of the HTTP proxy; requires " + JVM_PROXY_HOST + ".",
        PROXY,
        ++order,
        Width.SHORT,
        "Proxy port");
    def.define(
        JVM_NON_PROXY_HOSTS,
        Type.STRING,
        "",
        Importance.LOW,
        "Hosts reached without the proxy, separated by |, e.g. *.internal|localhost.",
        PROXY,
        ++order,
        Width.MEDIUM,
        "Hosts without proxy");
    def.define(
        JVM_PROXY_USERNAME,
        Type.STRING,
        "",
        Importance.LOW,
        "User for proxy authentication; requires " + JVM_PROXY_PASSWORD + ".",
        PROXY,
        ++order,
        Width.MEDIUM,
        "Proxy user");
    def.define(
        JVM_PROXY_PASSWORD,
        Type.PASSWORD,
        "",
        Importance.LOW,
        "Password for proxy authentication; requires " + JVM_PROXY_USERNAME + ".",
        PROXY,
        ++order,
        Width.MEDIUM,
        "Proxy password");
  }

  private static void checkAccountName(String account) {
    if (!account.isBlank() && !account.trim().matches("[A-Za-z0-9_-]+")) {
      throw new InvalidConfigException(
          SNOWFLAKE_ACCOUNT,
          ErrorCode.FLOE_0002,
          SNOWFLAKE_ACCOUNT
              + "='"
              + account.trim()
              + "' may contain only letters, digits, '_' and '-'.");
    }
  }

  /** Shows {@code snowflake.account.name} only when the URL's host does not already give it. */
  private static final class AccountNameRecommender implements ConfigDef.Recommender {
    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
      return List.of();
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
      Object url = parsedConfig.get(SNOWFLAKE_URL);
      try {
        return url == null
            || !SnowflakeUrl.isSnowflakeHost(SnowflakeUrl.parseAddress(url.toString()).host());
      } catch (RuntimeException e) {
        return true;
      }
    }
  }
}
