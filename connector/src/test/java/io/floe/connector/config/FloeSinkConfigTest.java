package io.floe.connector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FloeSinkConfigTest {
  private static final String FINGERPRINT = TestKeys.fingerprint(TestKeys.pair().getPublic());

  private static Map<String, String> with(String key, String value) {
    Map<String, String> props = TestKeys.minimalConfig();
    props.put(key, value);
    return props;
  }

  @Test
  void minimalConfigGetsTheIncumbentsDefaults() {
    FloeSinkConfig config = new FloeSinkConfig(TestKeys.minimalConfig());
    assertEquals("XY12345", config.snowflakeUrl().account());
    assertEquals(
        "jdbc:snowflake://xy12345.eu-west-1.snowflakecomputing.com:443/",
        config.snowflakeUrl().jdbcUrl());
    assertEquals("KAFKA_LOADER", config.user());
    assertEquals(FINGERPRINT, config.snowflakeKey().fingerprint());
    assertEquals("RSA", config.privateKey().getAlgorithm());
    assertEquals(Optional.empty(), config.role());
    assertEquals("KAFKA_DB", config.database());
    assertEquals("RAW", config.schema());
    assertEquals(10_000L, config.bufferCountRecords());
    assertEquals(5_000_000L, config.bufferSizeBytes());
    assertEquals(Duration.ofSeconds(120), config.bufferFlushTime());
    assertEquals(new MetadataSettings(true, true, true, true), config.metadataSettings());
    assertEquals(NullValueBehavior.DEFAULT, config.nullValueBehavior());
    assertTrue(config.jmxEnabled());
    assertEquals(Map.of(), config.jdbcProperties());
    assertEquals(Optional.empty(), config.proxy());
    assertEquals("orders", config.tableNameResolver().resolve("orders").table());
  }

  @Test
  void incumbentConfigWithEveryClassicKeyIsAccepted() {
    FloeSinkConfig config = new FloeSinkConfig(IncumbentConfigs.everyClassicKey());
    assertEquals("MYORGANIZATION-MYACCOUNT", config.snowflakeUrl().account());
    assertEquals(FINGERPRINT, config.snowflakeKey().fingerprint());
    assertEquals(Optional.of("KAFKA_CONNECTOR_ROLE"), config.role());
    assertEquals(Duration.ofSeconds(60), config.bufferFlushTime());
    assertEquals(NullValueBehavior.IGNORE, config.nullValueBehavior());
    assertEquals(new MetadataSettings(true, false, true, false), config.metadataSettings());
    assertFalse(config.metadataSettings().writesTopic());
    assertTrue(config.metadataSettings().writesOffsetAndPartition());
    assertEquals("table2", config.tableNameResolver().resolve("topic2").table());
    assertEquals(Map.of("networkTimeout", "60", "tracing", "INFO"), config.jdbcProperties());
    ProxySettings proxy = config.proxy().orElseThrow();
    assertEquals("proxy.corp.example", proxy.host());
    assertEquals(3128, proxy.port());
    assertEquals(Optional.of("*.internal|localhost"), proxy.nonProxyHosts());
    assertEquals(Optional.of("proxyuser"), proxy.username());
    assertEquals(Optional.of("proxy-secret-42"), proxy.password());
    ConnectionSettings settings = config.connectionSettings();
    assertEquals(config.snowflakeUrl(), settings.url());
    assertEquals("mydb", settings.database());
  }

  @Test
  void secretsNeverAppearInToString() {
    Map<String, String> props = IncumbentConfigs.everyClassicKey();
    FloeSinkConfig config = new FloeSinkConfig(props);
    for (String text :
        new String[] {
          config.toString(), config.connectionSettings().toString(), config.proxy().get().toString()
        }) {
      PrivateKeysTest.assertNoSecrets(
          text,
          props.get("snowflake.private.key"),
          props.get("snowflake.private.key.passphrase"),
          props.get("jvm.proxy.password"));
      assertFalse(text.contains("privateExponent") || text.contains("private exponent"), text);
    }
    assertTrue(config.toString().contains("snowflake.private.key=[hidden]"), config.toString());
    assertTrue(config.connectionSettings().toString().contains(FINGERPRINT));
  }

  @Test
  void flushTimeMayBeBelowTheIncumbentsTenSecondMinimum() {
    assertEquals(
        Duration.ofSeconds(1),
        new FloeSinkConfig(with("buffer.flush.time", "1")).bufferFlushTime());
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> new FloeSinkConfig(with("buffer.flush.time", "0")));
    assertTrue(e.getMessage().contains("buffer.flush.time"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"buffer.count.records", "buffer.size.bytes"})
  void bufferThresholdsMustBePositive(String key) {
    assertThrows(ConfigException.class, () -> new FloeSinkConfig(with(key, "0")));
    assertEquals(1L, new FloeSinkConfig(with(key, "1")).getLong(key));
  }

  @Test
  void enumLikeSettingsIgnoreCase() {
    assertEquals(
        NullValueBehavior.IGNORE,
        new FloeSinkConfig(with("behavior.on.null.values", "IgNoRe")).nullValueBehavior());
    new FloeSinkConfig(with("snowflake.ingestion.method", "Snowpipe"));
    new FloeSinkConfig(with("snowflake.authenticator", "Snowflake_JWT"));
  }

  @Test
  void snowpipeStreamingNeedsARoleAndOnlyTheFailOffsetResetBehavior() {
    InvalidConfigException noRole =
        assertThrows(
            InvalidConfigException.class,
            () -> new FloeSinkConfig(with("snowflake.ingestion.method", "snowpipe_streaming")));
    assertTrue(noRole.getMessage().startsWith(ErrorCode.FLOE_0050.id()), noRole.getMessage());

    Map<String, String> streaming = with("snowflake.ingestion.method", "snowpipe_streaming");
    streaming.put("snowflake.role.name", "LOADER");
    FloeSinkConfig config = new FloeSinkConfig(streaming);
    assertTrue(config.streaming());
    assertTrue(config.streamingSingleBuffer());
    assertTrue(config.streamingSharedClient());

    streaming.put("floe.offset.reset.behavior", "new_generation");
    InvalidConfigException generations =
        assertThrows(InvalidConfigException.class, () -> new FloeSinkConfig(streaming));
    assertTrue(
        generations.getMessage().startsWith(ErrorCode.FLOE_0051.id()), generations.getMessage());
  }

  @Test
  void sdkParameterOverridesAreKeyValuePairs() {
    Map<String, String> props = with("snowflake.streaming.client.provider.override.map", "");
    props.put(
        "snowflake.streaming.client.provider.override.map",
        " MAX_CLIENT_LAG : 2000 ,MAX_CHANNEL_SIZE_IN_BYTES:33554432");
    assertEquals(
        Map.of("MAX_CLIENT_LAG", "2000", "MAX_CHANNEL_SIZE_IN_BYTES", "33554432"),
        new FloeSinkConfig(props).streamingOverrides());
    props.put("snowflake.streaming.client.provider.override.map", "MAX_CLIENT_LAG=2000");
    ConfigException e = assertThrows(ConfigException.class, () -> new FloeSinkConfig(props));
    assertTrue(e.getMessage().contains(ErrorCode.FLOE_0052.id()), e.getMessage());
    assertTrue(e.getMessage().contains("'MAX_CLIENT_LAG=2000'"), e.getMessage());
  }

  @Test
  void passwordAuthenticationIsRejected() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new FloeSinkConfig(with("snowflake.authenticator", "snowflake")));
    assertTrue(e.getMessage().startsWith(ErrorCode.FLOE_0007.id()), e.getMessage());
    assertTrue(e.getMessage().contains("Password authentication"), e.getMessage());
  }

  @Test
  void oauthNeedsNoPrivateKeyAndDefaultsTheTokenEndpointToTheAccount() {
    Map<String, String> props = TestKeys.minimalConfig();
    props.remove("snowflake.private.key");
    props.put("snowflake.authenticator", "OAuth");
    props.put("snowflake.oauth.client.id", "client");
    props.put("snowflake.oauth.client.secret", "secret");
    props.put("snowflake.oauth.refresh.token", "refresh");
    FloeSinkConfig config = new FloeSinkConfig(props);
    assertEquals(null, config.snowflakeKey());
    assertEquals("client", config.oauth().orElseThrow().clientId());
    assertEquals(
        "https://xy12345.eu-west-1.snowflakecomputing.com/oauth/token-request",
        config.oauth().orElseThrow().tokenEndpoint().toString());
    assertFalse(config.connectionSettings().toString().contains("secret"));
    assertFalse(config.connectionSettings().toString().contains("refresh"));
    props.put("snowflake.oauth.token.endpoint", "https://idp.example.com/token");
    assertEquals(
        "https://idp.example.com/token",
        new FloeSinkConfig(props).oauth().orElseThrow().tokenEndpoint().toString());
  }

  @Test
  void oauthWithoutARefreshTokenNamesIt() {
    Map<String, String> props = TestKeys.minimalConfig();
    props.put("snowflake.authenticator", "oauth");
    props.put("snowflake.oauth.client.id", "client");
    props.put("snowflake.oauth.client.secret", "secret");
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> new FloeSinkConfig(props));
    assertEquals("snowflake.oauth.refresh.token", e.key());
    assertTrue(e.getMessage().startsWith(ErrorCode.FLOE_0019.id()), e.getMessage());
  }

  @Test
  void keyPairWithoutAPrivateKeyNamesIt() {
    Map<String, String> props = TestKeys.minimalConfig();
    props.remove("snowflake.private.key");
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> new FloeSinkConfig(props));
    assertEquals("snowflake.private.key", e.key());
    assertTrue(e.getMessage().startsWith(ErrorCode.FLOE_0019.id()), e.getMessage());
  }

  @Test
  void unknownChoiceListsTheValidValues() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new FloeSinkConfig(with("behavior.on.null.values", "drop")));
    assertTrue(e.getMessage().startsWith(ErrorCode.FLOE_0018.id()), e.getMessage());
    assertTrue(
        e.getMessage().contains("behavior.on.null.values=drop is not one of DEFAULT, IGNORE"),
        e.getMessage());
  }

  @Test
  void schematizationIsAcceptedInBothIngestionModes() {
    assertFalse(new FloeSinkConfig(TestKeys.minimalConfig()).schematization());
    assertTrue(
        new FloeSinkConfig(with("snowflake.enable.schematization", "true")).schematization());

    Map<String, String> streaming = with("snowflake.ingestion.method", "SNOWPIPE_STREAMING");
    streaming.put("snowflake.role.name", "LOADER");
    streaming.put("snowflake.enable.schematization", "true");
    FloeSinkConfig both = new FloeSinkConfig(streaming);
    assertTrue(both.streaming() && both.schematization(), "accepted in streaming mode too");
  }

  @ParameterizedTest
  @ValueSource(strings = {"snowflake.streaming.iceberg.enabled"})
  void tableShapeChangingStreamingFlagsAreRejectedWhenTrue(String key) {
    new FloeSinkConfig(with(key, "false"));
    ConfigException e =
        assertThrows(ConfigException.class, () -> new FloeSinkConfig(with(key, "true")));
    assertTrue(e.getMessage().startsWith(ErrorCode.FLOE_0016.id()), e.getMessage());
    assertTrue(e.getMessage().contains(key + "=true"), e.getMessage());
  }

  @Test
  void snowpipeStreamingTuningKeysAreIgnored() {
    Map<String, String> props = TestKeys.minimalConfig();
    for (String key : CompatibilityKeys.IGNORED_STREAMING_KEYS) {
      props.put(key, "5");
    }
    new FloeSinkConfig(props);
  }

  @Test
  void missingRequiredSettingNamesIt() {
    Map<String, String> props = TestKeys.minimalConfig();
    props.remove("snowflake.database.name");
    ConfigException e = assertThrows(ConfigException.class, () -> new FloeSinkConfig(props));
    assertTrue(e.getMessage().contains("snowflake.database.name"), e.getMessage());
  }

  @Test
  void blankRequiredSettingNamesIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> new FloeSinkConfig(with("snowflake.user.name", " ")));
    assertTrue(e.getMessage().startsWith(ErrorCode.FLOE_0017.id() + " "), e.getMessage());
    assertTrue(e.getMessage().contains("snowflake.user.name is empty"), e.getMessage());
  }

  @Test
  void crossSettingProblemsFailWithTheirCodeAndKey() {
    InvalidConfigException url =
        assertThrows(
            InvalidConfigException.class,
            () -> new FloeSinkConfig(with("snowflake.url.name", "http://127.0.0.1:8080")));
    assertEquals(ErrorCode.FLOE_0002, url.code());
    Map<String, String> local = with("snowflake.url.name", "http://127.0.0.1:8080");
    local.put("snowflake.account.name", "local");
    assertEquals("LOCAL", new FloeSinkConfig(local).snowflakeUrl().account());

    ConfigException cleartext =
        assertThrows(
            ConfigException.class,
            () ->
                new FloeSinkConfig(
                    with("snowflake.url.name", "http://xy12345.snowflakecomputing.com")));
    assertTrue(cleartext.getMessage().contains("snowflake.url.name"), cleartext.getMessage());
    assertTrue(cleartext.getMessage().contains("FLOE-0040"), cleartext.getMessage());

    InvalidConfigException proxy =
        assertThrows(
            InvalidConfigException.class,
            () -> new FloeSinkConfig(with("jvm.proxy.host", "proxy")));
    assertEquals("jvm.proxy.port", proxy.key());
    assertEquals(ErrorCode.FLOE_0015, proxy.code());
  }

  @Test
  void jdbcMapRejectsReservedAndProxyProperties() {
    ConfigException reserved =
        assertThrows(
            ConfigException.class,
            () -> new FloeSinkConfig(with("snowflake.jdbc.map", "user:other")));
    assertTrue(reserved.getMessage().startsWith(ErrorCode.FLOE_0014.id()), reserved.getMessage());
    assertTrue(reserved.getMessage().contains("'user'"), reserved.getMessage());

    Map<String, String> props = with("snowflake.jdbc.map", "proxyHost:other");
    assertEquals(Map.of("proxyHost", "other"), new FloeSinkConfig(props).jdbcProperties());
    props.put("jvm.proxy.host", "proxy");
    props.put("jvm.proxy.port", "8080");
    InvalidConfigException conflict =
        assertThrows(InvalidConfigException.class, () -> new FloeSinkConfig(props));
    assertEquals("snowflake.jdbc.map", conflict.key());
  }

  @Test
  void configDefIsACopy() {
    FloeSinkConfig.configDef()
        .define(
            "x.y",
            org.apache.kafka.common.config.ConfigDef.Type.STRING,
            org.apache.kafka.common.config.ConfigDef.Importance.LOW,
            "doc");
    assertFalse(FloeSinkConfig.configDef().names().contains("x.y"));
  }
}
