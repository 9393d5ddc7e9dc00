package io.floe.connector.config;

import io.floe.connector.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The change-data-capture group: {@code floe.cdc.*}, which turns a target table from an append-only
 * log into a mirror of its source (docs/design/cdc.md), and the checks across settings it needs.
 */
final class CdcConfigDef {
  static final String GROUP = "Change data capture";

  static final String MODE = "floe.cdc.mode";
  static final String FORMAT = "floe.cdc.format";
  static final String KEY_FIELDS = "floe.cdc.key.fields";
  static final String DELETE_MODE = "floe.cdc.delete.mode";
  static final String APPLY_INTERVAL = "floe.cdc.apply.interval.ms";
  static final String CHANGES_RETAIN = "floe.cdc.changes.retain";
  static final String APPLY_FAILURES_MAX = "floe.cdc.apply.failures.max";

  static final ChoiceValidator MODES = ChoiceValidator.of("none", "upsert");
  static final ChoiceValidator FORMATS = ChoiceValidator.of("auto", "envelope", "flattened");
  static final ChoiceValidator DELETE_MODES = ChoiceValidator.of("hard", "soft");

  /**
   * Converters whose keys are never an object of fields: with them, and no key fields, every change
   * would be a broken record (FLOE-4030), so validate() says so before any record is read.
   */
  private static final Set<String> PLAIN_KEY_CONVERTERS =
      Set.of(
          "org.apache.kafka.connect.storage.StringConverter",
          "org.apache.kafka.connect.converters.ByteArrayConverter",
          "org.apache.kafka.connect.converters.LongConverter",
          "org.apache.kafka.connect.converters.IntegerConverter",
          "org.apache.kafka.connect.converters.ShortConverter",
          "org.apache.kafka.connect.converters.DoubleConverter",
          "org.apache.kafka.connect.converters.FloatConverter",
          "org.apache.kafka.connect.converters.BooleanConverter");

  private CdcConfigDef() {}

  static void define(ConfigDef def) {
    int order = 0;
    def.define(
        MODE,
        Type.STRING,
        "none",
        MODES,
        Importance.MEDIUM,
        "none: each record is appended to its table, as without this group. upsert: each topic"
            + " carries change events (Debezium's envelope, or its flattened form from"
            + " ExtractNewRecordState) and its table mirrors the source table, one row per key:"
            + " changes load exactly once into <TABLE>_FLOE_CHANGES and each task MERGEs them into"
            + " the table every floe.cdc.apply.interval.ms, recording how far it applied each"
            + " partition in FLOE_CDC_PROGRESS in the same transaction. Needs"
            + " snowflake.enable.schematization=true and snowflake.ingestion.method=SNOWPIPE."
            + " RECORD_METADATA of the change table always carries topic, partition, offset and"
            + " key, whatever snowflake.metadata.* say. See docs/exactly-once.md, Change data"
            + " capture.",
        GROUP,
        ++order,
        Width.SHORT,
        "Change data capture",
        List.of(),
        MODES);
    def.define(
        FORMAT,
        Type.STRING,
        "auto",
        FORMATS,
        Importance.LOW,
        "How a change event is read. envelope: Debezium's before/after/op/source (op d deletes,"
            + " c, r and u upsert the after row). flattened: the row itself, as"
            + " ExtractNewRecordState writes it; __deleted = 'true' or __op = 'd' deletes, and a"
            + " tombstone (null value) deletes its key. auto: envelope when the value has an op"
            + " field and an after or before object, else flattened. Fields whose names start"
            + " with __ (Debezium's added fields) get no column.",
        GROUP,
        ++order,
        Width.SHORT,
        "Change event format",
        List.of(),
        FORMATS);
    def.define(
        KEY_FIELDS,
        Type.LIST,
        "",
        ConfigDef.LambdaValidator.with(
            (name, value) -> keyFields(name, value), () -> "field names, comma-separated"),
        Importance.MEDIUM,
        "Fields of the row that form the key, comma-separated. Empty: the fields of the record"
            + " key (Debezium's key struct), which every change must then have (a record without"
            + " one is broken, FLOE-4030). With key fields set, tombstones are skipped (the delete"
            + " before them carries the key).",
        GROUP,
        ++order,
        Width.MEDIUM,
        "Key fields");
    def.define(
        DELETE_MODE,
        Type.STRING,
        "hard",
        DELETE_MODES,
        Importance.LOW,
        "hard: a delete removes the row. soft: it keeps the row and sets its __FLOE_DELETED"
            + " column to TRUE (an upsert sets it to FALSE again), so a key deleted and then"
            + " reused comes back.",
        GROUP,
        ++order,
        Width.SHORT,
        "Delete mode",
        List.of(),
        DELETE_MODES);
    def.define(
        APPLY_INTERVAL,
        Type.LONG,
        10_000L,
        Range.between(100L, 3_600_000L),
        Importance.LOW,
        "How often, in milliseconds, each task applies the loaded changes to each of its tables:"
            + " one transaction of N + 4 statements per table with new changes (N partitions)."
            + " A change becomes visible in the table after buffer.flush.time, Snowpipe's load"
            + " and at most this interval.",
        GROUP,
        ++order,
        Width.SHORT,
        "Apply interval (ms)");
    def.define(
        CHANGES_RETAIN,
        Type.BOOLEAN,
        false,
        Importance.LOW,
        "false: applied changes are deleted from <TABLE>_FLOE_CHANGES in the apply transaction."
            + " true: they stay, an audit log of every change (which then grows without bound).",
        GROUP,
        ++order,
        Width.SHORT,
        "Keep applied changes");
    def.define(
        APPLY_FAILURES_MAX,
        Type.INT,
        10,
        Range.between(1, 10_000),
        Importance.LOW,
        "How many applies of one table may fail in a row (each after its own retries) before the"
            + " task fails with FLOE-3060. Nothing of a failed apply is committed: its changes"
            + " stay in the change table and the next apply retries them.",
        GROUP,
        ++order,
        Width.SHORT,
        "Apply failures before the task fails");
  }

  /** The key field names: blank, repeated and Debezium's own (__…) entries are refused. */
  private static void keyFields(String name, Object value) {
    if (value instanceof List<?> list) {
      Set<String> seen = new HashSet<>();
      for (Object field : list) {
        if (field == null || field.toString().isBlank()) {
          throw new ConfigException(
              new InvalidConfigException(
                      name, ErrorCode.FLOE_0017, name + " holds an empty field name.")
                  .getMessage());
        }
        String f = field.toString().trim();
        if (!seen.add(f) || f.startsWith("__")) {
          throw new ConfigException(
              new InvalidConfigException(
                      name,
                      ErrorCode.FLOE_0063,
                      name
                          + (f.startsWith("__")
                              ? " names '" + f + "', a field that gets no column."
                              : " names '" + f + "' twice."))
                  .getMessage());
        }
      }
    }
  }

  static boolean upsert(Map<String, ?> parsed) {
    String mode = SettingChecks.text(parsed, MODE);
    return mode != null && MODES.canonical(mode) != null && MODES.canonical(mode).equals("upsert");
  }

  /**
   * What upsert mode needs beyond single settings: the target's columns come from schematization,
   * and the apply step reads what the file loader's load tracking knows, which Snowpipe Streaming
   * has no counterpart of yet.
   */
  static void check(Map<String, ?> parsed, Map<String, String> props) {
    if (!upsert(parsed)) {
      return;
    }
    String reset = SettingChecks.text(parsed, FloeSinkConfig.OFFSET_RESET_BEHAVIOR);
    if (reset != null && reset.trim().equalsIgnoreCase("new_generation")) {
      throw new InvalidConfigException(
          FloeSinkConfig.OFFSET_RESET_BEHAVIOR,
          ErrorCode.FLOE_0064,
          MODE
              + "=upsert and "
              + FloeSinkConfig.OFFSET_RESET_BEHAVIOR
              + "=new_generation: a partition's applied offset would stay above every new one.");
    }
    String keyConverter = props.get("key.converter");
    if (keyFields(parsed.get(KEY_FIELDS)).isEmpty()
        && keyConverter != null
        && PLAIN_KEY_CONVERTERS.contains(keyConverter.trim())) {
      throw new InvalidConfigException(
          KEY_FIELDS,
          ErrorCode.FLOE_0062,
          KEY_FIELDS
              + " is empty and key.converter="
              + keyConverter.trim()
              + ": no record key would carry the key's fields.");
    }
    if (SettingChecks.streaming(parsed)) {
      throw new InvalidConfigException(
          MODE,
          ErrorCode.FLOE_0061,
          MODE
              + "=upsert with snowflake.ingestion.method=SNOWPIPE_STREAMING: change data capture"
              + " applies changes that staged files have loaded, so it needs SNOWPIPE.");
    }
    Object schematization = parsed.get(FloeSinkConfig.ENABLE_SCHEMATIZATION);
    if (!Boolean.TRUE.equals(schematization)) {
      throw new InvalidConfigException(
          MODE,
          ErrorCode.FLOE_0060,
          MODE
              + "=upsert and snowflake.enable.schematization is not true: a mirrored table has a"
              + " column per field of the row.");
    }
  }

  /** The key fields as configured (trimmed), empty for the record key's fields. */
  static List<String> keyFields(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(f -> out.add(f.toString().trim()));
    } else if (value instanceof String s && !s.isBlank()) {
      Arrays.stream(s.split(",")).map(String::trim).forEach(out::add);
    }
    return out;
  }
}
