package io.floe.localsnowflake.streaming;

import io.floe.localsnowflake.streaming.StreamingCalls.Chunk;
import io.floe.localsnowflake.streaming.StreamingCalls.StreamingException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads one chunk of a BDEC blob as the SDK wrote it: the chunk's bytes at its offset, checked
 * against its MD5, decrypted (AES/CTR under SHA-256(key || blob path), the counter starting at the
 * chunk's offset in 16-byte blocks), and the Parquet file they are read by DuckDB's read_parquet
 * from a temporary file (its footer first rewritten for BINARY columns), in an in-memory DuckDB of
 * its own so the store's lock is not held. Closing closes that DuckDB.
 */
final class ChunkReader implements AutoCloseable {
  /** A chunk's rows: Parquet column names and, per row, the values DuckDB's driver returned. */
  record Rows(List<String> columns, List<List<Object>> rows) {}

  private final Path blobRoot;
  private Connection duck;

  ChunkReader(Path blobRoot) {
    this.blobRoot = blobRoot;
  }

  /**
   * The chunk's rows; the Parquet columns {@code binary} names (those of the table's BINARY
   * columns) are read as bytes, as Snowflake reads them, where DuckDB would refuse bytes that are
   * not UTF-8 ({@link ParquetFooter}).
   */
  Rows read(String blobPath, Chunk chunk, String encryptionKey, Predicate<String> binary) {
    Path file = blobFile(blobPath);
    byte[] encrypted = bytes(file, chunk);
    if (chunk.md5() == null) {
      throw new StreamingException(StreamingCode.MISSING_CHUNK_MD5, blobPath);
    }
    if (!md5(encrypted).equalsIgnoreCase(chunk.md5())) {
      throw new StreamingException(
          StreamingCode.INVALID_CHUNK_LENGTH, "chunk MD5 mismatch in " + blobPath);
    }
    byte[] parquet =
        ParquetFooter.withBinaryColumns(
            decrypt(encrypted, encryptionKey, blobPath, chunk.startOffset() / 16), binary);
    try {
      Path temp = Files.createTempFile("local-snowflake-chunk", ".parquet");
      try {
        Files.write(temp, parquet);
        return parquetRows(temp);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot stage chunk of " + blobPath + ": " + e, e);
    }
  }

  /** The blob's file under the blob root; a path leaving it is refused. */
  Path blobFile(String blobPath) {
    if (blobPath == null || blobPath.isEmpty()) {
      throw new StreamingException(StreamingCode.MISSING_BLOB_PATH, null);
    }
    Path file = blobRoot.resolve(blobPath).normalize();
    if (!file.startsWith(blobRoot) || !blobPath.endsWith(".bdec")) {
      throw new StreamingException(StreamingCode.INVALID_BLOB_NAME, blobPath);
    }
    return file;
  }

  private static byte[] bytes(Path file, Chunk chunk) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      if (chunk.startOffset() < 0
          || chunk.length() <= 0
          || chunk.startOffset() + chunk.length() > in.length()) {
        throw new StreamingException(StreamingCode.INVALID_CHUNK_LENGTH, file.getFileName() + "");
      }
      byte[] out = new byte[Math.toIntExact(chunk.length())];
      in.seek(chunk.startOffset());
      in.readFully(out);
      return out;
    } catch (IOException e) {
      throw new StreamingException(StreamingCode.INVALID_BLOB_NAME, "cannot read blob: " + e);
    }
  }

  static byte[] decrypt(byte[] data, String encryptionKey, String blobPath, long block) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Base64.getDecoder().decode(encryptionKey));
      sha.update(blobPath.getBytes(StandardCharsets.UTF_8));
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      byte[] iv = ByteBuffer.allocate(16).putLong(0).putLong(block).array();
      cipher.init(
          Cipher.DECRYPT_MODE, new SecretKeySpec(sha.digest(), "AES"), new IvParameterSpec(iv));
      return cipher.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR unavailable: " + e, e);
    }
  }

  private static String md5(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a Parquet file on the reader's own DuckDB (one at a time: a connection is not shared).
   */
  private synchronized Rows parquetRows(Path parquet) {
    String literal = "'" + parquet.toAbsolutePath().toString().replace("'", "''") + "'";
    try (Statement s = duck().createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM read_parquet(" + literal + ")")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnName(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(columns.size());
        for (int i = 1; i <= columns.size(); i++) {
          Object value = rs.getObject(i);
          row.add(value instanceof Blob blob ? blob.getBytes(1, (int) blob.length()) : value);
        }
        rows.add(row);
      }
      return new Rows(columns, rows);
    } catch (SQLException e) {
      throw new StreamingException(
          StreamingCode.INVALID_CHUNK_LENGTH, "chunk is not readable Parquet: " + e.getMessage());
    }
  }

  /** An in-memory DuckDB kept open: starting one per chunk cost more than reading the chunk. */
  private Connection duck() throws SQLException {
    if (duck == null) {
      duck = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = duck.createStatement()) {
        s.execute("SET autoinstall_known_extensions = false");
        s.execute("SET autoload_known_extensions = false");
      }
    }
    return duck;
  }

  @Override
  public synchronized void close() {
    if (duck != null) {
      try {
        duck.close();
      } catch (SQLException e) {
        // closing is best effort
      }
      duck = null;
    }
  }
}
