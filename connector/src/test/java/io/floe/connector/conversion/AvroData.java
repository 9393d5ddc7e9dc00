package io.floe.connector.conversion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Test helpers that write Avro the way producers do. */
final class AvroData {
  private AvroData() {}

  static Schema schema(String json) {
    return new Schema.Parser().parse(json);
  }

  /** An Avro container file holding {@code datums}, deflate-compressed. */
  static byte[] containerFile(Schema schema, Object... datums) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataFileWriter<Object> writer =
            new DataFileWriter<>(new GenericDatumWriter<>(schema, GenericData.get()))) {
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.create(schema, out);
      for (Object datum : datums) {
        writer.append(datum);
      }
      writer.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Confluent wire format: magic byte 0, 4-byte schema id, binary datum. */
  static byte[] confluent(int schemaId, Schema schema, Object datum) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<>(schema, GenericData.get()).write(datum, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
