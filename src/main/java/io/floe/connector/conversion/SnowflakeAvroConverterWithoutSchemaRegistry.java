package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Reads keys and values that are whole Avro container files (schema in the file header): each
 * datum in the file becomes its own row. A file with no datums is skipped, with a reason. Files
 * compressed with the null or deflate codec are supported. Config-compatible with the incumbent
 * connector's converter of the same name; it has no settings.
 */
public final class SnowflakeAvroConverterWithoutSchemaRegistry extends SinkOnlyConverter {
  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return nullValue();
    }
    return new SchemaAndValue(SnowflakeContent.SCHEMA, read(value));
  }

  static SnowflakeContent read(byte[] file) {
    GenericDatumReader<Object> reader = new GenericDatumReader<>(null, null, GenericData.get());
    try (DataFileStream<Object> stream =
        new DataFileStream<>(new ByteArrayInputStream(file), reader)) {
      List<Object> datums = new ArrayList<>();
      while (stream.hasNext()) {
        datums.add(stream.next());
      }
      return new AvroContent(file, stream.getSchema(), datums, null);
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: a codec whose library Floe does not bundle (snappy, zstd, bzip2, xz).
      return new UndecodableContent(file, ErrorCode.FLOE_4010, e.toString(), null);
    }
  }
}
