package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.RsaKeys;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SnowflakeSinkConnector#validate} against the local Snowflake: what {@code PUT
 * /connector-plugins/.../config/validate} shows a user, problem by problem, on the right key.
 */
class ConnectorValidateTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();
  private static FloeFixture fixture;

  @BeforeAll
  static void setUp() {
    fixture = new FloeFixture(SNOWFLAKE.get(), "validate_db");
  }

  private static Map<String, List<String>> errors(Map<String, String> config) {
    Config result = new SnowflakeSinkConnector().validate(config);
    Map<String, List<String>> out = new TreeMap<>();
    for (ConfigValue v : result.configValues()) {
      if (!v.errorMessages().isEmpty()) {
        out.put(v.name(), v.errorMessages());
      }
    }
    return out;
  }

  private static Map<String, String> config() {
    Map<String, String> c = new HashMap<>(fixture.config("validate", 100));
    c.put("topics", "orders");
    return c;
  }

  @Test
  void aWorkingConfigHasNoErrors() {
    assertEquals(Map.of(), errors(config()));
  }

  @Test
  void anUnregisteredKeyIsReportedOnUserAndKeyWithItsFingerprint() throws Exception {
    Map<String, String> c = config();
    c.put(
        "snowflake.private.key",
        Base64.getEncoder().encodeToString(RsaKeys.generate().getPrivate().getEncoded()));
    Map<String, List<String>> errors = errors(c);
    assertEquals(
        List.of("snowflake.private.key", "snowflake.user.name"), List.copyOf(errors.keySet()));
    String message = errors.get("snowflake.private.key").get(0);
    assertTrue(message.contains("fingerprint is SHA256:"), message);
    assertTrue(message.contains("DESC USER"), message);
  }

  @Test
  void aKeyThatIsNotAKeyIsReportedWithoutContactingSnowflake() {
    Map<String, String> c = config();
    c.put("snowflake.private.key", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-not-a-key");
    Map<String, List<String>> errors = errors(c);
    assertEquals(List.of("snowflake.private.key"), List.copyOf(errors.keySet()));
    assertTrue(errors.get("snowflake.private.key").get(0).contains("FLOE-0003"), errors.toString());
  }

  @Test
  void anUnknownDatabaseOrSchemaIsReportedOnItsKey() {
    Map<String, String> c = config();
    c.put("snowflake.database.name", "no_such_db");
    Map<String, List<String>> errors = errors(c);
    assertEquals(List.of("snowflake.database.name"), List.copyOf(errors.keySet()));
    assertTrue(
        errors.get("snowflake.database.name").get(0).contains("NO_SUCH_DB")
            || errors.get("snowflake.database.name").get(0).contains("no_such_db"),
        errors.toString());

    c = config();
    c.put("snowflake.schema.name", "nope");
    assertEquals(List.of("snowflake.schema.name"), List.copyOf(errors(c).keySet()));
  }

  @Test
  void aMalformedTopicToTableMapIsReportedOnItsKey() {
    Map<String, String> c = config();
    c.put("snowflake.topic2table.map", "orders:ORDERS,orders:OTHER");
    Map<String, List<String>> errors = errors(c);
    assertEquals(List.of("snowflake.topic2table.map"), List.copyOf(errors.keySet()));
    assertTrue(
        errors.get("snowflake.topic2table.map").get(0).contains("orders"), errors.toString());
  }

  @Test
  void aRoleWithoutPrivilegesOnTheSchemaIsReportedOnTheRole() throws Exception {
    var key = RsaKeys.generate();
    String db = fixture.database();
    SNOWFLAKE
        .get()
        .execute(
            "create role reader",
            "grant usage on database " + db + " to role reader",
            "grant usage on schema " + db + ".public to role reader",
            "create user limited default_role = reader",
            "grant role reader to user limited");
    SNOWFLAKE.get().registerPublicKey("limited", key.getPublic());
    Map<String, String> c = config();
    c.put("snowflake.user.name", "limited");
    c.put(
        "snowflake.private.key", Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()));
    Map<String, List<String>> errors = errors(c);
    assertEquals(List.of("snowflake.role.name"), List.copyOf(errors.keySet()));
    String message = errors.get("snowflake.role.name").get(0);
    assertTrue(message.contains("FLOE-2003"), message);
    assertTrue(
        message.contains("GRANT CREATE TABLE, CREATE STAGE, CREATE PIPE ON SCHEMA"), message);

    SNOWFLAKE
        .get()
        .execute(
            "grant create stage, create pipe, create table on schema "
                + db
                + ".public to role reader");
    assertEquals(Map.of(), errors(c));
  }

  @Test
  void anExistingTableSchematizationCannotFillIsReportedOnTheSettingThatNamesIt() {
    String db = fixture.database();
    SNOWFLAKE
        .get()
        .execute(
            "create table " + db + ".public.no_metadata (id number not null)",
            "create table " + db + ".public.legacy (record_metadata varchar, id number)",
            "create table " + db + ".public.fits (record_metadata variant, id number not null)");
    Map<String, String> c = config();
    c.put("snowflake.enable.schematization", "true");
    // orders maps to a table without RECORD_METADATA; legacy is its own table, with it as text;
    // fits and fresh (which does not exist yet: Floe creates it) are fine.
    c.put("topics", "orders,legacy,fits,fresh");
    c.put("snowflake.topic2table.map", "orders:NO_METADATA");
    Map<String, List<String>> errors = errors(c);
    assertEquals(List.of("snowflake.topic2table.map", "topics"), List.copyOf(errors.keySet()));
    String mapped = errors.get("snowflake.topic2table.map").get(0);
    assertTrue(mapped.startsWith("FLOE-2010"), mapped);
    assertTrue(mapped.contains("NO_METADATA has no RECORD_METADATA column"), mapped);
    String named = errors.get("topics").get(0);
    assertTrue(named.contains("column RECORD_METADATA is VARCHAR(16777216), not VARIANT"), named);
    assertEquals(1, errors.get("topics").size(), errors.toString());

    // The same tables are not checked for schematization without it.
    c.put("snowflake.enable.schematization", "false");
    assertEquals(Map.of(), errors(c));
    // With topics.regex, the map's tables are checked; the topics' own cannot be listed.
    c.put("snowflake.enable.schematization", "true");
    c.remove("topics");
    c.put("topics.regex", "orders|legacy");
    assertEquals(List.of("snowflake.topic2table.map"), List.copyOf(errors(c).keySet()));
  }
}
