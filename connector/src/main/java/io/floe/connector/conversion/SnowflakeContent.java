package io.floe.connector.conversion;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * What Floe's Snowflake converters hand to the sink: the record's key or value, ready to become
 * JSON, or the reason it cannot. It travels through the Connect runtime inside the SinkRecord with
 * the schema {@link #SCHEMA}; only {@link RecordConverter} reads it.
 *
 * <p>Decoding is split this way so that each value is parsed exactly once: JSON text is validated
 * while it is copied into the staged line, and Avro datums are written straight from the decoded
 * objects. The original Kafka bytes stay attached so a broken record can be sent on unchanged.
 *
 * <p>Single Message Transforms that read or rewrite the value (InsertField, ReplaceField, ...) do
 * not understand this class; transforms that touch only the topic, key or headers are fine.
 */
public abstract sealed class SnowflakeContent
    permits JsonTextContent, AvroContent, UndecodableContent, RegistryOutageContent {
  /** Schema name marking a {@link SnowflakeContent} value. */
  public static final String SCHEMA_NAME = "io.floe.connector.conversion.SnowflakeContent";

  /**
   * The schema Floe's Snowflake converters return. Its type is BYTES because the value stands for
   * the record's bytes; the Java value is a {@link SnowflakeContent}, never a byte array.
   */
  public static final Schema SCHEMA =
      SchemaBuilder.bytes()
          .name(SCHEMA_NAME)
          .version(1)
          .optional()
          .doc("A Kafka key or value decoded by a Floe Snowflake converter")
          .build();

  private final byte[] raw;

  SnowflakeContent(byte[] raw) {
    this.raw = raw;
  }

  /** The bytes as they were in Kafka. */
  final byte[] raw() {
    return raw;
  }

  /** The schema registry id of the writer schema, or null when none was used. */
  Integer schemaId() {
    return null;
  }

  /** How many JSON values (rows) this content yields; an Avro container file can hold many. */
  abstract int valueCount();
}
