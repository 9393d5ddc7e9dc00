package io.floe.connector.conversion;

import io.floe.connector.config.FloeSinkConfig;
import io.floe.connector.config.MetadataSettings;
import io.floe.connector.config.NullValueBehavior;

/**
 * The connector settings that shape each staged row.
 *
 * @param metadata the {@code snowflake.metadata.*} switches for RECORD_METADATA
 * @param nullValues {@code behavior.on.null.values}: what a tombstone becomes
 */
public record ConversionSettings(MetadataSettings metadata, NullValueBehavior nullValues) {
  public ConversionSettings {
    if (metadata == null || nullValues == null) {
      throw new IllegalArgumentException("metadata and nullValues must not be null");
    }
  }

  /** Everything on, tombstones loaded as {@code {}}: the connector's defaults. */
  public static ConversionSettings defaults() {
    return new ConversionSettings(
        new MetadataSettings(true, true, true, true), NullValueBehavior.DEFAULT);
  }

  public static ConversionSettings from(FloeSinkConfig config) {
    return new ConversionSettings(config.metadataSettings(), config.nullValueBehavior());
  }
}
