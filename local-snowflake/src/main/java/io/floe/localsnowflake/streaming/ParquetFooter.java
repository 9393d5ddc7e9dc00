package io.floe.localsnowflake.streaming;

import io.floe.localsnowflake.streaming.StreamingCalls.StreamingException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Rewrites a chunk's Parquet footer so that DuckDB reads its BINARY columns as bytes. The SDK
 * writes every LOB column, BINARY included, as a BYTE_ARRAY annotated as a UTF-8 string
 * (ParquetTypeGenerator); Snowflake's scanner takes the column's real type from the file's
 * key-value metadata, but DuckDB's read_parquet trusts the annotation and refuses bytes that are
 * not UTF-8 (neither {@code binary_as_string=false} nor an explicit {@code schema} changes that).
 * So the string annotation (converted_type UTF8, logicalType STRING) is dropped from the schema
 * elements of the named columns, leaving plain BYTE_ARRAYs, which DuckDB reads as BLOB. The data
 * pages are untouched: the footer follows them, so their offsets stay valid.
 *
 * <p>The footer is a Thrift compact-protocol FileMetaData; only its schema list (field 2) is
 * decoded, each SchemaElement field by field (1 type, 4 name, 6 converted_type, 10 logicalType);
 * every other value is copied as it is.
 */
final class ParquetFooter {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final int BYTE_ARRAY = 6;
  private static final int CONVERTED_TYPE = 6;
  private static final int LOGICAL_TYPE = 10;

  private ParquetFooter() {}

  /**
   * The file with the string annotation dropped from the BYTE_ARRAY columns {@code bytes} names.
   */
  static byte[] withBinaryColumns(byte[] parquet, Predicate<String> bytes) {
    int n = parquet.length;
    if (n < 12 || !Arrays.equals(Arrays.copyOfRange(parquet, n - 4, n), MAGIC)) {
      throw new StreamingException(StreamingCode.INVALID_CHUNK_LENGTH, "chunk is not Parquet");
    }
    int length = ByteBuffer.wrap(parquet, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int start = n - 8 - length;
    if (length <= 0 || start < 4) {
      throw new StreamingException(StreamingCode.INVALID_CHUNK_LENGTH, "bad Parquet footer");
    }
    byte[] footer;
    try {
      footer = new Rewriter(parquet, start, bytes).fileMetaData();
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new StreamingException(StreamingCode.INVALID_CHUNK_LENGTH, "bad Parquet footer");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 16);
    out.write(parquet, 0, start);
    out.writeBytes(footer);
    out.writeBytes(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
    out.writeBytes(MAGIC);
    return out.toByteArray();
  }

  /** One pass over the footer's bytes, writing the rewritten footer. */
  private static final class Rewriter {
    private final byte[] in;
    private final Predicate<String> bytes;
    private int pos;

    Rewriter(byte[] in, int start, Predicate<String> bytes) {
      this.in = in;
      this.pos = start;
      this.bytes = bytes;
    }

    byte[] fileMetaData() {
      List<Field> fields = fields();
      for (Field f : fields) {
        if (f.id == 2 && f.type == 9) {
          f.value = schema(f.value);
        }
      }
      return struct(fields);
    }

    /** A list of SchemaElement structs, each rewritten. */
    private byte[] schema(byte[] list) {
      Rewriter r = new Rewriter(list, 0, bytes);
      int header = r.in[r.pos++] & 0xFF;
      long size = header >>> 4;
      if (size == 15) {
        size = r.varint();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(list.length);
      out.write(r.in, 0, r.pos);
      for (long i = 0; i < size; i++) {
        List<Field> element = r.fields();
        if (isBytes(element)) {
          element.removeIf(f -> f.id == CONVERTED_TYPE || f.id == LOGICAL_TYPE);
        }
        out.writeBytes(struct(element));
      }
      return out.toByteArray();
    }

    private boolean isBytes(List<Field> element) {
      String name = null;
      boolean byteArray = false;
      for (Field f : element) {
        if (f.id == 4 && f.type == 8) {
          Rewriter r = new Rewriter(f.value, 0, bytes);
          int len = (int) r.varint();
          name = new String(f.value, r.pos, len, StandardCharsets.UTF_8);
        } else if (f.id == 1 && f.type == 5) {
          byteArray = zigzag(new Rewriter(f.value, 0, bytes).varint()) == BYTE_ARRAY;
        }
      }
      return byteArray && name != null && bytes.test(name);
    }

    /** The fields of the struct at the current position, up to and past its stop byte. */
    private List<Field> fields() {
      List<Field> out = new ArrayList<>();
      int last = 0;
      while (true) {
        int header = in[pos++] & 0xFF;
        int type = header & 0x0F;
        if (type == 0) {
          return out;
        }
        int delta = header >>> 4;
        int id = delta == 0 ? (int) zigzag(varint()) : last + delta;
        last = id;
        int from = pos;
        skip(type);
        out.add(new Field(id, type, Arrays.copyOfRange(in, from, pos)));
      }
    }

    private void skip(int type) {
      switch (type) {
        case 1, 2 -> {} // a boolean field's value is its type
        case 3 -> pos++;
        case 4, 5, 6 -> varint();
        case 7 -> pos += 8;
        case 8 -> {
          int length = (int) varint(); // read before pos: it moves pos
          pos += length;
        }
        case 9, 10 -> {
          int header = in[pos++] & 0xFF;
          long size = header >>> 4;
          if (size == 15) {
            size = varint();
          }
          int element = header & 0x0F;
          for (long i = 0; i < size; i++) {
            skipElement(element);
          }
        }
        case 11 -> {
          long size = varint();
          if (size > 0) {
            int kinds = in[pos++] & 0xFF;
            for (long i = 0; i < size; i++) {
              skipElement(kinds >>> 4);
              skipElement(kinds & 0x0F);
            }
          }
        }
        case 12 -> fields();
        default -> throw new ArrayIndexOutOfBoundsException("Thrift type " + type);
      }
    }

    /** In lists, sets and maps a boolean takes a byte. */
    private void skipElement(int type) {
      if (type == 1 || type == 2) {
        pos++;
      } else {
        skip(type);
      }
    }

    private long varint() {
      long out = 0;
      for (int shift = 0; ; shift += 7) {
        int b = in[pos++] & 0xFF;
        out |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return out;
        }
      }
    }

    private static long zigzag(long n) {
      return (n >>> 1) ^ -(n & 1);
    }
  }

  /** A struct's field: id, compact type and its encoded value. */
  private static final class Field {
    final int id;
    final int type;
    byte[] value;

    Field(int id, int type, byte[] value) {
      this.id = id;
      this.type = type;
      this.value = value;
    }
  }

  /** The fields as a struct, their headers written again (ids are deltas from the previous one). */
  private static byte[] struct(List<Field> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int last = 0;
    for (Field f : fields) {
      int delta = f.id - last;
      if (delta > 0 && delta <= 15) {
        out.write(delta << 4 | f.type);
      } else {
        out.write(f.type);
        long z = ((long) f.id << 1) ^ ((long) f.id >> 31);
        while ((z & ~0x7FL) != 0) {
          out.write((int) (z & 0x7F | 0x80));
          z >>>= 7;
        }
        out.write((int) z);
      }
      out.writeBytes(f.value);
      last = f.id;
    }
    out.write(0);
    return out.toByteArray();
  }
}
