package io.floe.connector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConnectorValidatorTest {
  private static final String FINGERPRINT = TestKeys.fingerprint(TestKeys.pair().getPublic());

  /** Records what it was asked and answers with preset problems. */
  private static final class FakeCheck implements ConnectionCheck {
    final List<ConnectionSettings> calls = new ArrayList<>();
    final List<ConfigProblem> answer;

    FakeCheck(ConfigProblem... answer) {
      this.answer = List.of(answer);
    }

    @Override
    public List<ConfigProblem> check(ConnectionSettings settings) {
      calls.add(settings);
      return answer;
    }
  }

  /** Error messages by key, for keys that have any. */
  private static Map<String, List<String>> errors(Config config) {
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (ConfigValue value : config.configValues()) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), value.errorMessages());
      }
    }
    return errors;
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> props = TestKeys.minimalConfig();
    props.put(key, value);
    return props;
  }

  private static String onlyError(Map<String, List<String>> errors, String key) {
    assertEquals(List.of(key), List.copyOf(errors.keySet()), errors.toString());
    assertEquals(1, errors.get(key).size(), errors.toString());
    return errors.get(key).get(0);
  }

  @Test
  void validConfigIsCheckedAgainstSnowflakeWithParsedSettings() {
    FakeCheck check = new FakeCheck();
    Config config = new ConnectorValidator(check).validate(IncumbentConfigs.everyClassicKey());
    assertEquals(Map.of(), errors(config));
    assertEquals(1, check.calls.size());
    ConnectionSettings settings = check.calls.get(0);
    assertEquals("MYORGANIZATION-MYACCOUNT", settings.url().account());
    assertEquals("jane.smith", settings.user());
    assertEquals(FINGERPRINT, settings.key().fingerprint());
    assertEquals(Optional.of("KAFKA_CONNECTOR_ROLE"), settings.role());
    assertEquals("mydb", settings.database());
    assertEquals("myschema", settings.schema());
    assertEquals(Map.of("networkTimeout", "60", "tracing", "INFO"), settings.jdbcProperties());
    assertEquals(3128, settings.proxy().orElseThrow().port());
  }

  @Test
  void httpToARemoteHostIsANumberedErrorOnTheUrl() {
    FakeCheck check = new FakeCheck();
    Config config =
        new ConnectorValidator(check)
            .validate(with("snowflake.url.name", "http://xy12345.snowflakecomputing.com"));
    String message = onlyError(errors(config), "snowflake.url.name");
    assertTrue(message.startsWith("FLOE-0040 "), message);
    assertEquals(0, check.calls.size());
  }

  @Test
  void jdbcMapValuesAreHiddenInTheResultButReachTheDriver() {
    FakeCheck check = new FakeCheck();
    Config config =
        new ConnectorValidator(check)
            .validate(with("snowflake.jdbc.map", "proxyPassword:s3cr3t,tracing:INFO"));
    assertEquals(Map.of(), errors(config));
    ConfigValue jdbc =
        config.configValues().stream()
            .filter(v -> v.name().equals("snowflake.jdbc.map"))
            .findFirst()
            .orElseThrow();
    assertEquals("[hidden]", String.valueOf(jdbc.value()));
    assertEquals(
        Map.of("proxyPassword", "s3cr3t", "tracing", "INFO"), check.calls.get(0).jdbcProperties());
    assertFalse(check.calls.get(0).toString().contains("s3cr3t"), check.calls.get(0).toString());
  }

  @Test
  void malformedJdbcMapEntryIsReportedWithoutItsText() {
    // A comma in a password splits it; the second half must not be echoed back.
    Config config =
        new ConnectorValidator(new FakeCheck())
            .validate(with("snowflake.jdbc.map", "proxyPassword:s3c,r3t"));
    String message = onlyError(errors(config), "snowflake.jdbc.map");
    assertTrue(message.startsWith("FLOE-0014 "), message);
    assertTrue(message.contains("Entry 2"), message);
    assertFalse(message.contains("r3t"), message);
  }

  @Test
  void resultListsEveryFloeSettingInDefinitionOrder() {
    Config config = new ConnectorValidator(ConnectionCheck.NONE).validate(TestKeys.minimalConfig());
    List<String> names = config.configValues().stream().map(ConfigValue::name).toList();
    assertEquals(List.copyOf(FloeSinkConfig.configDef().configKeys().keySet()), names);
  }

  @Test
  void connectionProblemsAreAttachedToTheirKeys() {
    FakeCheck check =
        new FakeCheck(
            new ConfigProblem("snowflake.database.name", "Database 'KAFKA_DB' does not exist."),
            new ConfigProblem("snowflake.role.name", "Role lacks CREATE PIPE."),
            new ConfigProblem("snowflake.private.key", "Login refused for key " + FINGERPRINT));
    Map<String, List<String>> errors =
        errors(new ConnectorValidator(check).validate(TestKeys.minimalConfig()));
    assertEquals(
        List.of("Database 'KAFKA_DB' does not exist."), errors.get("snowflake.database.name"));
    assertEquals(List.of("Role lacks CREATE PIPE."), errors.get("snowflake.role.name"));
    assertEquals(
        List.of("Login refused for key " + FINGERPRINT), errors.get("snowflake.private.key"));
    assertEquals(3, errors.size());
  }

  @Test
  void malformedUrlIsReportedOnItsKeyAndSkipsTheConnectionCheck() {
    FakeCheck check = new FakeCheck();
    Map<String, List<String>> errors =
        errors(
            new ConnectorValidator(check)
                .validate(
                    with("snowflake.url.name", "https://xy12345.snowflakecomputing.com/console")));
    String message = onlyError(errors, "snowflake.url.name");
    assertTrue(message.startsWith(ErrorCode.FLOE_0001.id()), message);
    assertEquals(0, check.calls.size());
  }

  @Test
  void localEndpointWithoutAccountSaysToSetIt() {
    FakeCheck check = new FakeCheck();
    Map<String, String> props = with("snowflake.url.name", "http://127.0.0.1:8080");
    String message =
        onlyError(errors(new ConnectorValidator(check).validate(props)), "snowflake.url.name");
    assertTrue(message.startsWith(ErrorCode.FLOE_0002.id()), message);
    assertTrue(message.contains("snowflake.account.name"), message);
    assertEquals(0, check.calls.size());

    props.put("snowflake.account.name", "local");
    assertEquals(Map.of(), errors(new ConnectorValidator(check).validate(props)));
    assertEquals("LOCAL", check.calls.get(0).url().account());
    assertEquals("jdbc:snowflake://127.0.0.1:8080/?ssl=off", check.calls.get(0).url().jdbcUrl());
  }

  @Test
  void wrongPassphraseIsReportedOnThePassphrase() {
    FakeCheck check = new FakeCheck();
    Map<String, String> props = IncumbentConfigs.documentationExample();
    props.put("snowflake.private.key.passphrase", "not-the-passphrase");
    String message =
        onlyError(
            errors(new ConnectorValidator(check).validate(props)),
            "snowflake.private.key.passphrase");
    assertTrue(message.startsWith(ErrorCode.FLOE_0006.id()), message);
    assertEquals(0, check.calls.size());
  }

  @Test
  void missingPassphraseIsReportedOnThePassphrase() {
    Map<String, String> props = IncumbentConfigs.documentationExample();
    props.remove("snowflake.private.key.passphrase");
    String message =
        onlyError(
            errors(new ConnectorValidator(new FakeCheck()).validate(props)),
            "snowflake.private.key.passphrase");
    assertTrue(message.startsWith(ErrorCode.FLOE_0005.id()), message);
  }

  @Test
  void garbageKeyIsReportedOnTheKeyWithoutEchoingIt() {
    String garbage = "MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDGarbageGarbage";
    String message =
        onlyError(
            errors(
                new ConnectorValidator(new FakeCheck())
                    .validate(with("snowflake.private.key", garbage))),
            "snowflake.private.key");
    assertTrue(message.startsWith(ErrorCode.FLOE_0003.id()), message);
    PrivateKeysTest.assertNoSecrets(message, garbage);
  }

  @Test
  void secretsFromConfigProvidersSkipKeyParsingAndTheConnectionCheck() {
    FakeCheck check = new FakeCheck();
    Map<String, String> props =
        with("snowflake.private.key", "${file:/opt/secrets/sf.properties:key}");
    props.put("snowflake.private.key.passphrase", "${file:/opt/secrets/sf.properties:passphrase}");
    assertEquals(Map.of(), errors(new ConnectorValidator(check).validate(props)));
    assertEquals(0, check.calls.size());

    Map<String, String> user = with("snowflake.user.name", "${env:SF_USER}");
    assertEquals(Map.of(), errors(new ConnectorValidator(check).validate(user)));
    assertEquals(0, check.calls.size());
  }

  @Test
  void problemsOutsideTheConnectionStillLetTheCheckRun() {
    FakeCheck check = new FakeCheck();
    Map<String, String> props = with("buffer.count.records", "0");
    props.put("snowflake.topic2table.map", "orders:ORDERS,orders:MORE_ORDERS");
    Map<String, List<String>> errors = errors(new ConnectorValidator(check).validate(props));
    assertEquals(Set.of("buffer.count.records", "snowflake.topic2table.map"), errors.keySet());
    String mapError = errors.get("snowflake.topic2table.map").get(0);
    assertTrue(mapError.startsWith(ErrorCode.FLOE_0011.id()), mapError);
    assertTrue(mapError.contains("'orders:ORDERS' and 'orders:MORE_ORDERS'"), mapError);
    assertEquals(1, check.calls.size());
  }

  @Test
  void oauthReportsEachMissingSettingOnItsKeyAndNeedsNoKey() {
    FakeCheck check = new FakeCheck();
    Map<String, String> props = TestKeys.minimalConfig();
    props.remove("snowflake.private.key");
    props.put("snowflake.authenticator", "oauth");
    props.put("snowflake.oauth.client.id", "client");
    Map<String, List<String>> errors = errors(new ConnectorValidator(check).validate(props));
    assertEquals(
        List.of("snowflake.oauth.client.secret", "snowflake.oauth.refresh.token"),
        List.copyOf(errors.keySet()));
    for (List<String> messages : errors.values()) {
      assertTrue(messages.get(0).startsWith("FLOE-0019"), messages.toString());
    }
    assertEquals(0, check.calls.size());

    props.put("snowflake.oauth.client.secret", "secret");
    props.put("snowflake.oauth.refresh.token", "refresh");
    props.put("snowflake.oauth.token.endpoint", "::not a url");
    assertTrue(
        onlyError(
                errors(new ConnectorValidator(check).validate(props)),
                "snowflake.oauth.token.endpoint")
            .startsWith("FLOE-0019"));
    props.remove("snowflake.oauth.token.endpoint");
    assertEquals(Map.of(), errors(new ConnectorValidator(check).validate(props)));
    assertEquals("client", check.calls.get(0).oauth().orElseThrow().clientId());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    FakeCheck check = new FakeCheck();
    Map<String, String> props = new LinkedHashMap<>();
    props.put("snowflake.url.name", "ftp://nowhere");
    props.put("snowflake.private.key", "junk");
    props.put("snowflake.ingestion.method", "SNOWPIPE_PLUS");
    props.put("snowflake.authenticator", "snowflake");
    props.put("jvm.proxy.username", "me");
    props.put("jvm.proxy.host", "proxy");
    props.put("jvm.proxy.port", "3128");
    Map<String, List<String>> errors = errors(new ConnectorValidator(check).validate(props));
    Map<String, String> codes =
        errors.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> e.getValue().get(0).substring(0, 9),
                    (a, b) -> a,
                    LinkedHashMap::new));
    assertEquals("FLOE-0001", codes.get("snowflake.url.name"));
    assertEquals("FLOE-0003", codes.get("snowflake.private.key"));
    assertEquals("FLOE-0018", codes.get("snowflake.ingestion.method"));
    assertEquals("FLOE-0007", codes.get("snowflake.authenticator"));
    assertEquals("FLOE-0015", codes.get("jvm.proxy.password"));
    assertTrue(errors.get("snowflake.user.name").get(0).contains("Missing required configuration"));
    assertTrue(errors.containsKey("snowflake.database.name"));
    assertTrue(errors.containsKey("snowflake.schema.name"));
    assertEquals(0, check.calls.size());
  }

  @Test
  void ignoredStreamingSettingsAreNotErrors() {
    Map<String, String> props = TestKeys.minimalConfig();
    for (String key : CompatibilityKeys.IGNORED_STREAMING_KEYS) {
      props.put(key, "x");
    }
    try (LogCapture log = new LogCapture(ConnectorValidator.class)) {
      assertEquals(Map.of(), errors(new ConnectorValidator(new FakeCheck()).validate(props)));
      assertEquals(1, log.messages().size(), log.messages().toString());
      assertTrue(log.messages().get(0).contains("snowflake.streaming.file.version"));
    }
  }

  @Test
  void failingConnectionCheckIsReportedOnTheUrl() {
    ConnectionCheck broken =
        settings -> {
          throw new IllegalStateException("driver exploded");
        };
    String message =
        onlyError(
            errors(new ConnectorValidator(broken).validate(TestKeys.minimalConfig())),
            "snowflake.url.name");
    assertTrue(message.contains("driver exploded"), message);
  }

  @Test
  void noErrorMessageEverContainsSecretMaterial() {
    Map<String, String> props = IncumbentConfigs.everyClassicKey();
    props.put("snowflake.private.key.passphrase", "wrong-but-secret-passphrase");
    props.put("jvm.proxy.host", "");
    Config config = new ConnectorValidator(new FakeCheck()).validate(props);
    String all = errors(config).toString();
    assertTrue(all.contains("FLOE-0006"), all);
    PrivateKeysTest.assertNoSecrets(
        all, props.get("snowflake.private.key"), "wrong-but-secret-passphrase", "proxy-secret-42");
  }

  @Test
  void passwordValuesStayHiddenInTheResult() {
    Config config =
        new ConnectorValidator(new FakeCheck()).validate(IncumbentConfigs.everyClassicKey());
    for (ConfigValue value : config.configValues()) {
      if (value.name().equals("snowflake.private.key")) {
        assertEquals("[hidden]", value.value().toString());
      }
    }
    assertNull(errors(config).get("snowflake.private.key"));
  }

  @Test
  void snowpipeStreamingWithoutARoleIsReportedOnTheRole() {
    FakeCheck check = new FakeCheck();
    Map<String, String> props = with("snowflake.ingestion.method", "snowpipe_streaming");
    String error =
        onlyError(errors(new ConnectorValidator(check).validate(props)), "snowflake.role.name");
    assertTrue(error.startsWith("FLOE-0050"), error);
    props.put("snowflake.role.name", "LOADER");
    assertEquals(Map.of(), errors(new ConnectorValidator(check).validate(props)));
  }

  @Test
  void snowpipeStreamingRefusesTopicRenamingTransforms() {
    Map<String, String> props = with("snowflake.ingestion.method", "SNOWPIPE_STREAMING");
    props.put("snowflake.role.name", "LOADER");
    props.put("transforms", "keep, route");
    props.put("transforms.keep.type", "org.apache.kafka.connect.transforms.InsertField$Value");
    props.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
    String error =
        onlyError(errors(new ConnectorValidator(new FakeCheck()).validate(props)), "transforms");
    assertTrue(error.startsWith("FLOE-0051"), error);
    assertTrue(error.contains("'route'"), error);
    props.put("snowflake.ingestion.method", "SNOWPIPE");
    assertEquals(Map.of(), errors(new ConnectorValidator(new FakeCheck()).validate(props)));
  }

  @Test
  void cdcUpsertNeedsSchematizationAndTheFileMode() {
    Map<String, String> props = with("floe.cdc.mode", "UPSERT");
    String error =
        onlyError(errors(new ConnectorValidator(new FakeCheck()).validate(props)), "floe.cdc.mode");
    assertTrue(error.startsWith("FLOE-0060"), error);
    props.put("snowflake.enable.schematization", "true");
    assertEquals(Map.of(), errors(new ConnectorValidator(new FakeCheck()).validate(props)));
    props.put("snowflake.ingestion.method", "SNOWPIPE_STREAMING");
    props.put("snowflake.role.name", "LOADER");
    error =
        onlyError(errors(new ConnectorValidator(new FakeCheck()).validate(props)), "floe.cdc.mode");
    assertTrue(error.startsWith("FLOE-0061"), error);
    props.put("floe.cdc.mode", "none");
    assertEquals(Map.of(), errors(new ConnectorValidator(new FakeCheck()).validate(props)));
  }

  @Test
  void cdcSettingsAreCheckedOneByOne() {
    Map<String, String> props = with("floe.cdc.delete.mode", "purge");
    props.put("floe.cdc.format", "envelope");
    props.put("floe.cdc.key.fields", "id, ,region");
    props.put("floe.cdc.apply.interval.ms", "10");
    Map<String, List<String>> errors =
        errors(new ConnectorValidator(new FakeCheck()).validate(props));
    assertEquals(
        Set.of("floe.cdc.delete.mode", "floe.cdc.key.fields", "floe.cdc.apply.interval.ms"),
        errors.keySet(),
        errors.toString());
    assertTrue(
        errors.get("floe.cdc.delete.mode").get(0).startsWith("FLOE-0018"), errors.toString());
    assertTrue(errors.get("floe.cdc.key.fields").get(0).contains("FLOE-0017"), errors.toString());
  }

  @Test
  void cdcUpsertWithPlainRecordKeysNeedsKeyFields() {
    Map<String, String> props = with("floe.cdc.mode", "upsert");
    props.put("snowflake.enable.schematization", "true");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    String error =
        onlyError(
            errors(new ConnectorValidator(new FakeCheck()).validate(props)), "floe.cdc.key.fields");
    assertTrue(error.startsWith("FLOE-0062"), error);
    assertTrue(error.contains("StringConverter"), error);
    // The task refuses the same settings, should they reach it without validate().
    InvalidConfigException refused =
        assertThrows(InvalidConfigException.class, () -> new FloeSinkConfig(props));
    assertTrue(refused.getMessage().startsWith("FLOE-0062"), refused.getMessage());
    props.put("floe.cdc.key.fields", "id");
    assertEquals(Map.of(), errors(new ConnectorValidator(new FakeCheck()).validate(props)));
    props.remove("floe.cdc.key.fields");
    props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    assertEquals(Map.of(), errors(new ConnectorValidator(new FakeCheck()).validate(props)));
  }

  @Test
  void cdcUpsertRefusesNewGenerationsOfOffsets() {
    Map<String, String> props = with("floe.cdc.mode", "upsert");
    props.put("snowflake.enable.schematization", "true");
    props.put("floe.offset.reset.behavior", "NEW_GENERATION");
    String error =
        onlyError(
            errors(new ConnectorValidator(new FakeCheck()).validate(props)),
            "floe.offset.reset.behavior");
    assertTrue(error.startsWith("FLOE-0064"), error);
    props.put("floe.offset.reset.behavior", "fail");
    assertEquals(Map.of(), errors(new ConnectorValidator(new FakeCheck()).validate(props)));
  }

  @Test
  void cdcKeyFieldsAreNamedOnceAndAreNotDebeziumsOwn() {
    Map<String, String> props = with("floe.cdc.key.fields", "id, region, id");
    String error =
        onlyError(
            errors(new ConnectorValidator(new FakeCheck()).validate(props)), "floe.cdc.key.fields");
    assertTrue(error.contains("FLOE-0063") && error.contains("'id' twice"), error);
    props.put("floe.cdc.key.fields", "id, __deleted");
    error =
        onlyError(
            errors(new ConnectorValidator(new FakeCheck()).validate(props)), "floe.cdc.key.fields");
    assertTrue(error.contains("FLOE-0063") && error.contains("'__deleted'"), error);
  }

  @Test
  void cdcSettingsReachTheTask() {
    Map<String, String> props = with("floe.cdc.mode", "upsert");
    props.put("snowflake.enable.schematization", "true");
    props.put("floe.cdc.key.fields", "id, region");
    props.put("floe.cdc.delete.mode", "SOFT");
    props.put("floe.cdc.format", "Flattened");
    CdcSettings cdc = new FloeSinkConfig(props).cdc();
    assertTrue(cdc.upsert());
    assertEquals(List.of("id", "region"), cdc.keyFields());
    assertTrue(cdc.softDeletes());
    assertEquals(CdcSettings.Format.FLATTENED, cdc.format());
    assertEquals(java.time.Duration.ofSeconds(10), cdc.applyInterval());
    assertFalse(new FloeSinkConfig(TestKeys.minimalConfig()).cdc().upsert());
  }
}
