package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.util.Map;

/**
 * The connector settings that shape each staged row, under the incumbent connector's keys.
 *
 * @param metadataAll {@code snowflake.metadata.all}: false leaves out RECORD_METADATA entirely
 * @param metadataTopic {@code snowflake.metadata.topic}: the {@code topic} field
 * @param metadataOffsetAndPartition {@code snowflake.metadata.offset.and.partition}: the {@code
 *     offset} and {@code partition} fields
 * @param metadataCreateTime {@code snowflake.metadata.createtime}: the {@code CreateTime} or {@code
 *     LogAppendTime} field
 * @param nullValues {@code behavior.on.null.values}: what a tombstone becomes
 */
public record ConversionSettings(
    boolean metadataAll,
    boolean metadataTopic,
    boolean metadataOffsetAndPartition,
    boolean metadataCreateTime,
    NullValueBehavior nullValues) {
  public static final String METADATA_ALL = "snowflake.metadata.all";
  public static final String METADATA_TOPIC = "snowflake.metadata.topic";
  public static final String METADATA_OFFSET_AND_PARTITION =
      "snowflake.metadata.offset.and.partition";
  public static final String METADATA_CREATETIME = "snowflake.metadata.createtime";
  public static final String BEHAVIOR_ON_NULL_VALUES = "behavior.on.null.values";

  public ConversionSettings {
    if (nullValues == null) {
      throw new IllegalArgumentException("nullValues must not be null");
    }
  }

  /** Everything on, tombstones loaded as {@code {}}: the incumbent connector's defaults. */
  public static ConversionSettings defaults() {
    return new ConversionSettings(true, true, true, true, NullValueBehavior.DEFAULT);
  }

  /** Reads the settings from connector properties; absent keys take the defaults. */
  public static ConversionSettings fromConfig(Map<String, String> config) {
    return new ConversionSettings(
        flag(config, METADATA_ALL),
        flag(config, METADATA_TOPIC),
        flag(config, METADATA_OFFSET_AND_PARTITION),
        flag(config, METADATA_CREATETIME),
        config.containsKey(BEHAVIOR_ON_NULL_VALUES)
            ? NullValueBehavior.parse(config.get(BEHAVIOR_ON_NULL_VALUES))
            : NullValueBehavior.DEFAULT);
  }

  private static boolean flag(Map<String, String> config, String key) {
    String text = config.get(key);
    if (text == null) {
      return true;
    }
    String trimmed = text.trim();
    if (trimmed.equalsIgnoreCase("true")) {
      return true;
    }
    if (trimmed.equalsIgnoreCase("false")) {
      return false;
    }
    throw new FloeException(ErrorCode.FLOE_4001, key + " is '" + text + "'; expected true or false.");
  }
}
