package io.floe.connector.conversion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Test helpers that write Avro the way producers do. */
public final class AvroData {
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

  /**
   * An Avro container file built byte by byte around already-encoded datum bytes, for data no
   * well-behaved writer produces (Avro's own writer recurses, and could not even write it).
   *
   * @param codec "null", or "deflate" to compress {@code blockData} as Avro does (raw deflate)
   */
  static byte[] rawContainer(String schemaJson, String codec, long declaredRecords, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'O', 'b', 'j', 1});
    try {
      BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
      e.writeMapStart();
      e.setItemCount(2);
      e.startItem();
      e.writeString("avro.schema");
      e.writeBytes(schemaJson.getBytes(StandardCharsets.UTF_8));
      e.startItem();
      e.writeString("avro.codec");
      e.writeBytes(codec.getBytes(StandardCharsets.UTF_8));
      e.writeMapEnd();
      byte[] sync = new byte[16];
      e.writeFixed(sync);
      e.writeLong(declaredRecords);
      e.writeLong(data.length);
      e.writeFixed(data);
      e.writeFixed(sync);
      e.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }

  /** Raw deflate (as Avro's deflate codec writes it) of {@code zeros} zero bytes. */
  static byte[] deflatedZeros(long zeros) {
    Deflater deflater = new Deflater(9, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] input = new byte[1 << 20];
    byte[] buffer = new byte[1 << 16];
    for (long left = zeros; left > 0; left -= input.length) {
      deflater.setInput(input, 0, (int) Math.min(input.length, left));
      while (!deflater.needsInput()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** Confluent wire format around already-encoded datum bytes. */
  static byte[] confluentRaw(int schemaId, byte[] datum) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    out.writeBytes(datum);
    return out.toByteArray();
  }

  /** Avro's zig-zag varint encoding of {@code n}, as blocks counts and lengths are written. */
  static byte[] varint(long n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
      e.writeLong(n);
      e.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }

  /** Confluent wire format: magic byte 0, 4-byte schema id, binary datum. */
  public static byte[] confluent(int schemaId, Schema schema, Object datum) {
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
