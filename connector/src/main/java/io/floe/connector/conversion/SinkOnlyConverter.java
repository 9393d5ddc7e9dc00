package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;

/**
 * Base of Floe's Snowflake converters. They only read: their values are {@link SnowflakeContent}
 * for Floe's sink, which Connect cannot serialize back to bytes.
 */
abstract class SinkOnlyConverter implements Converter {
  private boolean isKey;

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
  }

  /** {@code key.converter.} or {@code value.converter.}, to name settings in messages. */
  final String prefix() {
    return isKey ? "key.converter." : "value.converter.";
  }

  @Override
  public final byte[] fromConnectData(String topic, Schema schema, Object value) {
    throw new FloeException(
        ErrorCode.FLOE_4002,
        getClass().getSimpleName()
            + " was asked to serialize data for topic '"
            + topic
            + "' (used by a source connector or a transform?); it only reads records for the Floe"
            + " sink.");
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  /** A null Kafka key or value (a tombstone) stays null. */
  static SchemaAndValue nullValue() {
    return new SchemaAndValue(SnowflakeContent.SCHEMA, null);
  }
}
