package io.floe.connector.conversion;

import io.floe.connector.config.FloeSinkConfig;
import io.floe.connector.config.MetadataSettings;
import io.floe.connector.config.NullValueBehavior;

/**
 * The connector settings that shape each staged row.
 *
 * @param metadata the {@code snowflake.metadata.*} switches for RECORD_METADATA
 * @param nullValues {@code behavior.on.null.values}: what a tombstone becomes
 * @param maxRecordBytes {@code floe.max.record.bytes}: the largest staged line; a larger record is
 *     broken rather than left to fail the whole file in Snowflake
 */
public record ConversionSettings(
    MetadataSettings metadata, NullValueBehavior nullValues, int maxRecordBytes) {
  public ConversionSettings {
    if (metadata == null || nullValues == null) {
      throw new IllegalArgumentException("metadata and nullValues must not be null");
    }
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
    }
  }

  /** With Snowflake's VARIANT limit as the largest row. */
  public ConversionSettings(MetadataSettings metadata, NullValueBehavior nullValues) {
    this(metadata, nullValues, FloeSinkConfig.SNOWFLAKE_VARIANT_LIMIT);
  }

  /** Everything on, tombstones loaded as {@code {}}: the connector's defaults. */
  public static ConversionSettings defaults() {
    return new ConversionSettings(
        new MetadataSettings(true, true, true, true), NullValueBehavior.DEFAULT);
  }

  public static ConversionSettings from(FloeSinkConfig config) {
    return new ConversionSettings(
        config.metadataSettings(), config.nullValueBehavior(), config.maxRecordBytes());
  }

  /** The same settings with another row size limit. */
  public ConversionSettings withMaxRecordBytes(int bytes) {
    return new ConversionSettings(metadata, nullValues, bytes);
  }
}
