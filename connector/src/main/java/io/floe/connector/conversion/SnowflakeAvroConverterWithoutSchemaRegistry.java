package io.floe.connector.conversion;

import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Reads keys and values that are whole Avro container files (schema in the file header): each datum
 * in the file becomes its own row. A file with no datums is skipped, with a reason. Files
 * compressed with the null or deflate codec are supported. Config-compatible with the incumbent
 * connector's converter of the same name; it has no settings.
 */
public final class SnowflakeAvroConverterWithoutSchemaRegistry extends SinkOnlyConverter {
  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return nullValue();
    }
    return new SchemaAndValue(SnowflakeContent.SCHEMA, AvroContainerReader.read(value));
  }
}
