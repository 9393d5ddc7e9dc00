package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads every datum of an Avro container file, and makes sure it got all of them: Avro's reader
 * treats a file cut short inside a block as a clean end, which would silently lose records. So the
 * file's layout (header, then blocks of count, size, data and sync marker) is also walked here: it
 * gives the codec up front and the number of records the blocks declare.
 */
final class AvroContainerReader {
  private static final byte[] MAGIC = {'O', 'b', 'j', 1};
  private static final int SYNC_LENGTH = 16;
  private static final String CODEC_KEY = "avro.codec";

  /** Codecs the JDK can decompress; the others need libraries Floe does not bundle. */
  private static final Set<String> CODECS = Set.of("null", "deflate");

  private AvroContainerReader() {}

  static SnowflakeContent read(byte[] file) {
    Layout layout;
    try {
      layout = Layout.of(file);
    } catch (EOFException e) {
      return broken(file, "the file is cut short (truncated)");
    } catch (IOException e) {
      return broken(file, e.getMessage());
    } catch (RuntimeException e) {
      return broken(file, "its header cannot be read: " + e);
    }
    if (!CODECS.contains(layout.codec)) {
      return broken(
          file,
          "its codec '"
              + layout.codec
              + "' is not supported; Floe reads container files compressed with null or deflate");
    }
    if (layout.dataBytes > ConversionLimits.MAX_CONTAINER_BYTES) {
      return new UndecodableContent(
          file,
          ErrorCode.FLOE_4012,
          "its blocks decompress to more than the "
              + ConversionLimits.MAX_CONTAINER_BYTES
              + " bytes Floe reads from one Avro container file",
          null);
    }
    BoundedDatumReader reader =
        new BoundedDatumReader(
            null,
            null,
            new AvroBound(
                layout.dataBytes,
                ErrorCode.FLOE_4009,
                "the " + layout.dataBytes + " bytes of data in the file"));
    try (DataFileStream<Object> stream =
        new DataFileStream<>(new ByteArrayInputStream(file), reader)) {
      List<Object> datums = new ArrayList<>();
      while (stream.hasNext()) {
        datums.add(stream.next());
      }
      if (layout.declaredRecords != datums.size()) {
        return broken(
            file,
            "its blocks declare "
                + layout.declaredRecords
                + " records but "
                + datums.size()
                + " could be read");
      }
      return new AvroContent(file, stream.getSchema(), datums, null);
    } catch (ConversionException e) {
      return new UndecodableContent(file, e.code(), e.reason(), null);
    } catch (IOException | RuntimeException e) {
      return broken(file, e.toString());
    }
  }

  private static UndecodableContent broken(byte[] file, String reason) {
    return new UndecodableContent(file, ErrorCode.FLOE_4009, reason, null);
  }

  /**
   * What the file's structure says, read without decoding any datum: the codec, how many records
   * its blocks declare and how many bytes of data they hold once decompressed (counted, not kept,
   * so a small file that inflates to gigabytes is refused before Avro inflates it into memory).
   */
  private record Layout(String codec, long declaredRecords, long dataBytes) {
    /** Throws EOFException when the file ends inside its header or a block. */
    static Layout of(byte[] file) throws IOException {
      if (file.length < MAGIC.length
          || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        throw new IOException("it is not an Avro container file (it does not start with 'Obj' 1)");
      }
      BinaryDecoder in = DecoderFactory.get().binaryDecoder(file, null);
      in.skipFixed(MAGIC.length);
      String codec = "null";
      for (long n = in.readMapStart(); n != 0; n = in.mapNext()) {
        for (long i = 0; i < n; i++) {
          String key = in.readString();
          if (key.equals(CODEC_KEY)) {
            codec = StandardCharsets.UTF_8.decode(in.readBytes(null)).toString();
          } else {
            in.skipBytes();
          }
        }
      }
      in.skipFixed(SYNC_LENGTH);
      long records = 0;
      long data = 0;
      while (!in.isEnd()) {
        records += in.readLong();
        long size = in.readLong();
        if (size < 0 || size > file.length) {
          throw new EOFException();
        }
        byte[] block = new byte[(int) size];
        in.readFixed(block);
        in.skipFixed(SYNC_LENGTH);
        data += codec.equals("deflate") ? inflatedSize(block, data) : size;
      }
      return new Layout(codec, records, data);
    }

    /**
     * The size of a raw-deflate block (Avro's deflate codec) once inflated, counted only up to the
     * point where the file as a whole, with {@code before} bytes so far, is too large.
     */
    private static long inflatedSize(byte[] block, long before) throws IOException {
      Inflater inflater = new Inflater(true);
      try {
        inflater.setInput(block);
        byte[] scratch = new byte[64 * 1024];
        long total = 0;
        while (!inflater.finished() && before + total <= ConversionLimits.MAX_CONTAINER_BYTES) {
          int n = inflater.inflate(scratch);
          if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            break; // truncated block: DataFileStream reports it when it reads the block
          }
          total += n;
        }
        return total;
      } catch (DataFormatException e) {
        throw new IOException("a block is not valid deflate data: " + e.getMessage(), e);
      } finally {
        inflater.end();
      }
    }
  }
}
