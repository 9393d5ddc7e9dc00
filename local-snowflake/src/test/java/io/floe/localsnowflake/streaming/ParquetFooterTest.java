package io.floe.localsnowflake.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.localsnowflake.streaming.StreamingCalls.StreamingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The footer rewrite on a file of another writer (DuckDB's, with statistics, key-value metadata and
 * column orders the SDK's files may lack): only the named string columns become bytes, the rest of
 * the file reads as before. StreamingDriverTest covers the SDK's own files.
 */
class ParquetFooterTest {
  @TempDir Path dir;

  @Test
  void theNamedStringColumnsReadAsBytesAndTheOthersAsBefore() throws Exception {
    Path original = dir.resolve("original.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "copy (select i::bigint as id, 'é' || i as b, 'x' || i as s, [i, i] as l, {'k': i} as st"
              + " from range(3) t(i)) to '"
              + original
              + "' (format parquet, kv_metadata {origin: 'test'})");
    }
    Path rewritten = dir.resolve("rewritten.parquet");
    Files.write(
        rewritten,
        ParquetFooter.withBinaryColumns(Files.readAllBytes(original), name -> name.equals("b")));

    List<List<Object>> rows = rows(rewritten, "select typeof(b), b, s, l::varchar, st.k, id");
    assertEquals(3, rows.size());
    assertEquals("BLOB", rows.get(1).get(0));
    assertArrayEquals("é1".getBytes(StandardCharsets.UTF_8), (byte[]) rows.get(1).get(1));
    assertEquals(List.of("x1", "[1, 1]", 1L, 1L), rows.get(1).subList(2, 6));
    assertEquals(
        rows(original, "select s, l::varchar, st.k, id"),
        rows(rewritten, "select s, l::varchar, st.k, id"));
    assertEquals(
        rows(original, "select key::varchar, value::varchar from parquet_kv_metadata('%s')"),
        rows(rewritten, "select key::varchar, value::varchar from parquet_kv_metadata('%s')"));
  }

  /** Decoding and encoding the footer again loses nothing: every field of it is known. */
  @Test
  void aFileWithNoNamedColumnComesBackByteForByte() throws Exception {
    Path original = dir.resolve("original.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "copy (select i::bigint as id, 'x' || i as s, i::decimal(10, 2) as d, now() as t,"
              + " [i] as l from range(3) t(i)) to '"
              + original
              + "' (format parquet, kv_metadata {origin: 'test'})");
    }
    byte[] bytes = Files.readAllBytes(original);
    assertArrayEquals(bytes, ParquetFooter.withBinaryColumns(bytes, name -> false));
  }

  @Test
  void aFileThatIsNotParquetIsRefused() {
    assertThrows(
        StreamingException.class,
        () -> ParquetFooter.withBinaryColumns("not parquet at all".getBytes(), n -> true));
  }

  /** {@code select} on the file: its columns, or a query with {@code %s} for the path. */
  private static List<List<Object>> rows(Path file, String select) throws Exception {
    String sql =
        select.contains("%s")
            ? String.format(select, file)
            : select + " from read_parquet('" + file + "') order by id";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<List<Object>> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof java.sql.Blob b ? b.getBytes(1, (int) b.length()) : v);
        }
        out.add(row);
      }
      return out;
    }
  }
}
