package io.floe.connector.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The Snowflake connector's settings (v1.x to v3.x, SNOWPIPE mode) that Floe accepts so that an
 * existing configuration validates unchanged, but that have no effect in Floe, plus the
 * Snowpipe-Streaming-only settings Floe ignores.
 *
 * <p>Defining them (rather than letting Kafka ignore unknown keys) documents them, type-checks them
 * as the Snowflake connector did, and lets the flag that would change the table layout (Iceberg) be
 * rejected instead of silently ignored. (Schematization is a setting of Floe's own, in
 * FloeConfigDef.)
 */
final class CompatibilityKeys {
  static final String GROUP = "Compatibility";

  static final String V2_CLEANER_ENABLED = "snowflake.snowpipe.v2CleanerEnabled";
  static final String V2_CLEANER_THREADS = "snowflake.snowpipe.v2CleanerThreads";
  static final String V2_CLEANER_INTERVAL = "snowflake.snowpipe.v2CleanerIntervalSeconds";
  static final String V1_CLEANER_REPROCESS_CLEANUP =
      "snowflake.snowpipe.v1Cleaner.enable.reprocessFiles.cleanup";
  static final String STAGE_FILE_NAME_EXTENSION =
      "snowflake.snowpipe.stageFileNameExtensionEnabled";
  static final String PROVIDER = "provider";
  static final String ENABLE_MDC_LOGGING = "enable.mdc.logging";
  static final String FAIL_ON_AUTHORIZATION_ERRORS = "enable.task.fail.on.authorization.errors";
  static final String DELIVERY_GUARANTEE = "delivery.guarantee";
  static final String TEST_REBALANCING = "snowflake.test.rebalancing";
  static final String ICEBERG_ENABLED = "snowflake.streaming.iceberg.enabled";
  static final String CONNECTOR_PUSH_TIME = "snowflake.streaming.metadata.connectorPushTime";
  static final String CLOSE_CHANNELS_IN_PARALLEL =
      "snowflake.streaming.closeChannelsInParallel.enabled";

  /**
   * The Snowflake connector's Snowpipe Streaming settings that Floe does not use in either mode:
   * its channel naming and offset migration between its own channel names (Floe's channel names
   * hold the connector name from the start), and its file version. Floe ignores them with a warning
   * rather than failing a configuration that asks for nothing Floe does differently.
   */
  static final List<String> IGNORED_STREAMING_KEYS =
      List.of(
          "snowflake.streaming.file.version",
          "snowflake.streaming.channel.name.include.connector.name",
          "enable.streaming.channel.offset.migration",
          "enable.streaming.channel.offset.verification");

  private static final String NO_EFFECT =
      "Accepted for compatibility with the Snowflake connector; no effect in Floe.";

  private CompatibilityKeys() {}

  static void define(ConfigDef def) {
    Order order = new Order();
    String noCleaner = " Floe does not run the Snowflake connector's stage file cleaner.";
    flag(def, order, V2_CLEANER_ENABLED, true, NO_EFFECT + noCleaner);
    def.define(
        V2_CLEANER_THREADS,
        Type.INT,
        1,
        Importance.LOW,
        NO_EFFECT + noCleaner,
        GROUP,
        order.next(),
        Width.SHORT,
        V2_CLEANER_THREADS);
    def.define(
        V2_CLEANER_INTERVAL,
        Type.LONG,
        61L,
        Importance.LOW,
        NO_EFFECT + noCleaner,
        GROUP,
        order.next(),
        Width.SHORT,
        V2_CLEANER_INTERVAL);
    flag(def, order, V1_CLEANER_REPROCESS_CLEANUP, true, NO_EFFECT + noCleaner);
    flag(
        def,
        order,
        STAGE_FILE_NAME_EXTENSION,
        true,
        NO_EFFECT + " Floe names its stage files its own way.");
    ChoiceValidator providers = ChoiceValidator.orBlank("unknown", "self_hosted", "confluent");
    def.define(
        PROVIDER,
        Type.STRING,
        "unknown",
        providers,
        Importance.LOW,
        NO_EFFECT
            + " (The Snowflake connector used it only for telemetry, which Floe does not send.)",
        GROUP,
        order.next(),
        Width.SHORT,
        PROVIDER,
        List.of(),
        providers);
    flag(
        def,
        order,
        ENABLE_MDC_LOGGING,
        false,
        NO_EFFECT
            + " Kafka Connect already puts the connector context in the MDC; add"
            + " %X{connector.context} to the worker's log layout to see it.");
    flag(def, order, FAIL_ON_AUTHORIZATION_ERRORS, false, NO_EFFECT);
    ChoiceValidator guarantees = ChoiceValidator.orBlank("at_least_once", "exactly_once");
    def.define(
        DELIVERY_GUARANTEE,
        Type.STRING,
        "at_least_once",
        guarantees,
        Importance.LOW,
        NO_EFFECT + " (Snowflake connector v1.x.) Floe always loads each record exactly once.",
        GROUP,
        order.next(),
        Width.SHORT,
        DELIVERY_GUARANTEE,
        List.of(),
        guarantees);
    flag(def, order, TEST_REBALANCING, false, NO_EFFECT + " (A test-only switch.)");
    def.define(
        ICEBERG_ENABLED,
        Type.BOOLEAN,
        false,
        new StreamingOnlyValidator("loading into Iceberg tables"),
        Importance.LOW,
        "Snowpipe Streaming only. false is accepted; true is rejected, because Floe loads into"
            + " standard Snowflake tables only.",
        GROUP,
        order.next(),
        Width.SHORT,
        ICEBERG_ENABLED);
    String streaming = NO_EFFECT + " It only applies to Snowpipe Streaming.";
    flag(def, order, CONNECTOR_PUSH_TIME, true, streaming);
    flag(def, order, CLOSE_CHANNELS_IN_PARALLEL, true, streaming);
  }

  private static void flag(
      ConfigDef def, Order order, String key, boolean defaultValue, String doc) {
    def.define(
        key,
        Type.BOOLEAN,
        defaultValue,
        Importance.LOW,
        doc,
        GROUP,
        order.next(),
        Width.SHORT,
        key);
  }

  /** The ignored Snowpipe Streaming settings present in {@code props}, with their values. */
  static Map<String, String> ignoredStreamingKeys(Map<String, String> props) {
    Map<String, String> present = new TreeMap<>();
    for (String key : IGNORED_STREAMING_KEYS) {
      if (props.containsKey(key)) {
        present.put(key, props.get(key));
      }
    }
    return present;
  }

  private static final class Order {
    private int value;

    int next() {
      return ++value;
    }
  }
}
