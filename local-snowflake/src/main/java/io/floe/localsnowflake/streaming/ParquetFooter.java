package io.floe.localsnowflake.streaming;

import io.floe.localsnowflake.streaming.StreamingCalls.StreamingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;

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
 * <p>The footer is decoded and encoded again with Apache Parquet's own Thrift classes
 * (parquet-format-structures); a footer field those classes do not know would be dropped, which for
 * the SDK's files (written by an older Parquet) cannot happen.
 */
final class ParquetFooter {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

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
    ByteArrayOutputStream footer = new ByteArrayOutputStream(length + 16);
    try {
      FileMetaData metadata =
          Util.readFileMetaData(new ByteArrayInputStream(parquet, start, length));
      for (SchemaElement element : metadata.getSchema()) {
        if (element.getType() == Type.BYTE_ARRAY && bytes.test(element.getName())) {
          element.unsetConverted_type();
          element.unsetLogicalType();
        }
      }
      Util.writeFileMetaData(metadata, footer);
    } catch (IOException e) {
      throw new StreamingException(StreamingCode.INVALID_CHUNK_LENGTH, "bad Parquet footer");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 16);
    out.write(parquet, 0, start);
    out.writeBytes(footer.toByteArray());
    out.writeBytes(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
    out.writeBytes(MAGIC);
    return out.toByteArray();
  }
}
