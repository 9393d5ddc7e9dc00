package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.DuckStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Small conveniences over the shared {@link DuckStore}: parameterised queries returning plain rows,
 * and transactions. DuckDB failures surface as Snowflake errors ({@link DuckErrors}).
 */
final class Duck {
  private final DuckStore store;

  Duck(DuckStore store) {
    this.store = store;
  }

  DuckStore store() {
    return store;
  }

  /** Work with the raw connection; SQLExceptions become Snowflake errors. */
  <T> T with(Work<T> work) {
    return store.withConnection(
        c -> {
          try {
            return work.run(c);
          } catch (SQLException e) {
            throw DuckErrors.map(e);
          }
        });
  }

  /** Runs {@code work} in one DuckDB transaction: all of it or none of it. */
  <T> T transaction(Work<T> work) {
    return with(
        c -> {
          if (!c.getAutoCommit()) {
            return work.run(c); // already inside a transaction
          }
          c.setAutoCommit(false);
          try {
            T result = work.run(c);
            c.commit();
            return result;
          } catch (RuntimeException | SQLException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        });
  }

  void execute(String sql) {
    with(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(sql);
          }
          return null;
        });
  }

  long update(String sql, Object... params) {
    return with(c -> DuckStore.update(c, sql, params));
  }

  List<Object[]> query(String sql, Object... params) {
    return with(
        c ->
            DuckStore.query(
                c,
                sql,
                rs -> {
                  Object[] row = new Object[rs.getMetaData().getColumnCount()];
                  for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getObject(i + 1);
                  }
                  return row;
                },
                params));
  }

  /** Quotes an identifier for DuckDB. */
  static String id(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** Quotes a string literal for DuckDB. */
  static String str(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }
}
