package io.floe.connector.conversion;

import java.util.List;
import org.apache.avro.Schema;

/**
 * Decoded Avro datums and the schema they follow (the reader schema when one is configured). One
 * datum for a schema-registry record; one per record of an Avro container file.
 */
final class AvroContent extends SnowflakeContent {
  private final Schema schema;
  private final List<Object> datums;
  private final Integer schemaId;

  AvroContent(byte[] raw, Schema schema, List<Object> datums, Integer schemaId) {
    super(raw);
    this.schema = schema;
    this.datums = datums;
    this.schemaId = schemaId;
  }

  Schema schema() {
    return schema;
  }

  Object datum(int index) {
    return datums.get(index);
  }

  @Override
  Integer schemaId() {
    return schemaId;
  }

  @Override
  int valueCount() {
    return datums.size();
  }

  @Override
  public String toString() {
    return "AvroContent[" + schema.getFullName() + ", " + datums.size() + " datum(s)]";
  }
}
