package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads every datum of an Avro container file, and makes sure it got all of them: Avro's reader
 * treats a file cut short inside a block as a clean end, which would silently lose records. So the
 * block headers are also counted directly, and a shortfall makes the record broken.
 */
final class AvroContainerReader {
  private static final int MAGIC_LENGTH = 4;
  private static final int SYNC_LENGTH = 16;

  private AvroContainerReader() {}

  static SnowflakeContent read(byte[] file) {
    GenericDatumReader<Object> reader = new GenericDatumReader<>(null, null, GenericData.get());
    try (DataFileStream<Object> stream =
        new DataFileStream<>(new ByteArrayInputStream(file), reader)) {
      List<Object> datums = new ArrayList<>();
      while (stream.hasNext()) {
        datums.add(stream.next());
      }
      long declared = declaredDatums(file);
      if (declared != datums.size()) {
        return broken(
            file,
            "its blocks declare " + declared + " records but " + datums.size() + " could be read");
      }
      return new AvroContent(file, stream.getSchema(), datums, null);
    } catch (EOFException e) {
      return broken(file, "the file is cut short (truncated)");
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: a codec whose library Floe does not bundle (snappy, zstd, bzip2, xz).
      return broken(file, e.toString());
    }
  }

  /** The record count the file's block headers add up to; EOFException if a block is cut. */
  private static long declaredDatums(byte[] file) throws IOException {
    BinaryDecoder in = DecoderFactory.get().binaryDecoder(file, null);
    in.skipFixed(MAGIC_LENGTH);
    for (long n = in.readMapStart(); n != 0; n = in.mapNext()) {
      for (long i = 0; i < n; i++) {
        in.skipString();
        in.skipBytes();
      }
    }
    in.skipFixed(SYNC_LENGTH);
    long total = 0;
    while (!in.isEnd()) {
      total += in.readLong();
      long size = in.readLong();
      if (size < 0 || size > file.length) {
        throw new EOFException();
      }
      in.skipFixed((int) size);
      in.skipFixed(SYNC_LENGTH);
    }
    return total;
  }

  private static UndecodableContent broken(byte[] file, String reason) {
    return new UndecodableContent(file, ErrorCode.FLOE_4009, reason, null);
  }
}
