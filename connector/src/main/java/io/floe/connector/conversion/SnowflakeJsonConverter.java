package io.floe.connector.conversion;

import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Reads JSON keys and values for the Floe sink; RECORD_CONTENT is the JSON exactly as produced
 * (numbers keep every digit). Config-compatible with the incumbent connector's {@code
 * com.snowflake.kafka.connector.records.SnowflakeJsonConverter}; it has no settings.
 *
 * <p>The text is validated once, while it is copied into the staged line: text that is not a single
 * valid JSON value makes the record broken (FLOE-4003), never the task fail.
 */
public final class SnowflakeJsonConverter extends SinkOnlyConverter {
  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return nullValue();
    }
    return new SchemaAndValue(SnowflakeContent.SCHEMA, new JsonTextContent(value));
  }
}
