package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.CanonicalJson;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes loaded rows into a table, inside the caller's transaction. Rows whose columns are all text
 * or semi-structured go through DuckDB's appender, which takes whole chunks (a JDBC batch is one
 * statement execution per row, about 100 times slower). Other column types are cast by DuckDB, so
 * its casts decide their values as they do for INSERT: a few rows as a batch of {@code CAST(? AS
 * type)} inserts, more (a loaded file of a schematized table) appended as text into a staging table
 * and moved with one {@code INSERT … SELECT CAST(…)}, which does the same casts at appender speed.
 */
final class RowInserter {
  /** From this many rows on, staging beats a batch of single-row inserts. */
  static final int STAGE_FROM = 64;

  private static final AtomicLong STAGING = new AtomicLong();

  private RowInserter() {}

  static long insert(
      Connection c,
      ObjectStore.Table table,
      List<ObjectStore.Column> targets,
      List<List<Object>> rows)
      throws SQLException {
    // The appender writes NULL into columns not loaded: only where that is what INSERT does.
    boolean omittedNullable =
        table.columns().stream().allMatch(col -> col.nullable() || targets.contains(col));
    if (omittedNullable && targets.stream().allMatch(RowInserter::appendable)) {
      return append(c, table, targets, rows);
    }
    if (rows.size() >= STAGE_FROM) {
      return staged(c, table, targets, rows);
    }
    return batch(c, table, targets, rows);
  }

  /**
   * Appends the rows' text into a staging table of VARCHAR columns in the hidden schema, then
   * inserts them cast, in one statement; the staging table is dropped in the same transaction.
   */
  private static long staged(
      Connection c,
      ObjectStore.Table table,
      List<ObjectStore.Column> targets,
      List<List<Object>> rows)
      throws SQLException {
    String name = "_load_" + STAGING.incrementAndGet();
    String staging = Duck.id(ObjectStore.META) + "." + Duck.id(name);
    StringBuilder create =
        new StringBuilder("CREATE OR REPLACE TABLE ").append(staging).append(" (");
    StringBuilder insert = new StringBuilder("INSERT INTO ").append(table.duckName()).append(" (");
    StringBuilder select = new StringBuilder();
    for (int i = 0; i < targets.size(); i++) {
      String sep = i == 0 ? "" : ", ";
      create.append(sep).append("c").append(i).append(" VARCHAR");
      insert.append(sep).append(Duck.id(targets.get(i).name()));
      select
          .append(sep)
          .append("CAST(c")
          .append(i)
          .append(" AS ")
          .append(targets.get(i).type().duckType())
          .append(')');
    }
    try (Statement s = c.createStatement()) {
      // Also opens the transaction before the appender runs (see append).
      s.execute(create.append(')').toString());
      try (DuckDBAppender appender =
          c.unwrap(DuckDBConnection.class).createAppender(ObjectStore.META, name)) {
        for (List<Object> row : rows) {
          appender.beginRow();
          for (int i = 0; i < targets.size(); i++) {
            String v = text(row.get(i), targets.get(i).type());
            if (v == null) {
              appender.appendNull();
            } else {
              appender.append(v);
            }
          }
          appender.endRow();
        }
      }
      s.execute(
          insert.append(") SELECT ").append(select).append(" FROM ").append(staging).toString());
      s.execute("DROP TABLE " + staging);
    }
    return rows.size();
  }

  private static boolean appendable(ObjectStore.Column column) {
    return column.type().isSemiStructured() || column.type().duckType().equals("VARCHAR");
  }

  private static long append(
      Connection c,
      ObjectStore.Table table,
      List<ObjectStore.Column> targets,
      List<List<Object>> rows)
      throws SQLException {
    // The appender fills every column of the table, in table order; columns not loaded get NULL.
    int[] source = new int[table.columns().size()];
    for (int i = 0; i < source.length; i++) {
      source[i] = targets.indexOf(table.columns().get(i));
    }
    // DuckDB's JDBC driver opens the transaction with the connection's next statement; an
    // appender used before any statement would commit its rows on its own, outside it.
    try (Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
    try (DuckDBAppender appender =
        c.unwrap(DuckDBConnection.class).createAppender(table.duckSchema(), table.name())) {
      for (List<Object> row : rows) {
        appender.beginRow();
        for (int i = 0; i < source.length; i++) {
          Object v = source[i] < 0 ? null : row.get(source[i]);
          if (v == null) {
            appender.appendNull();
          } else if (v instanceof CanonicalJson json) {
            // Already UTF-8: appending the String would encode it again.
            appender.append(json.utf8());
          } else {
            appender.append(text(v, table.columns().get(i).type()));
          }
        }
        appender.endRow();
      }
    }
    return rows.size();
  }

  private static long batch(
      Connection c,
      ObjectStore.Table table,
      List<ObjectStore.Column> targets,
      List<List<Object>> rows)
      throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.duckName()).append(" (");
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < targets.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(Duck.id(targets.get(i).name()));
      values
          .append(i == 0 ? "" : ", ")
          .append("CAST(? AS ")
          .append(targets.get(i).type().duckType())
          .append(')');
    }
    sql.append(") VALUES (").append(values).append(')');
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (List<Object> row : rows) {
        for (int i = 0; i < targets.size(); i++) {
          ps.setString(i + 1, text(row.get(i), targets.get(i).type()));
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return rows.size();
  }

  /** The text DuckDB stores or casts into the column: canonical JSON for semi-structured values. */
  private static String text(Object v, SqlType type) {
    if (v == null) {
      return null;
    }
    if (v instanceof CanonicalJson json) {
      return json.text();
    }
    if (type.isSemiStructured()) {
      return VariantText.canonical(v.toString());
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof byte[] bytes) {
      // DuckDB's text form of a BLOB: CAST('\x01\xFF' AS BLOB) is those two bytes.
      StringBuilder escaped = new StringBuilder(bytes.length * 4);
      for (byte b : bytes) {
        escaped.append(String.format("\\x%02X", b & 0xff));
      }
      return escaped.toString();
    }
    return v.toString();
  }
}
