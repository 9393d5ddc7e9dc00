package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.DuckStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small conveniences over the shared {@link DuckStore}: parameterised queries returning plain rows,
 * and transactions. DuckDB failures surface as Snowflake errors ({@link DuckErrors}).
 *
 * <p>Reads of the catalog ({@link #catalogQuery}) are cached until the next change: every
 * statement, Snowpipe load and streaming call resolves its objects, users, roles and privileges
 * anew, several DuckDB queries each under the store's one lock, which made them most of the local
 * Snowflake's time for a call such as a channel's status. Every change through this class (any call
 * but {@link #query} and {@link #read}) and the end of every session transaction move the store's
 * catalog version on, which invalidates the cache.
 */
final class Duck {
  /** More distinct catalog reads than this and the cache starts again (tests make thousands). */
  private static final int MAX_CACHED = 4_096;

  private final DuckStore store;
  private final Map<CatalogRead, Cached> catalogReads = new ConcurrentHashMap<>();

  private record CatalogRead(String sql, List<Object> params) {}

  private record Cached(long version, List<Object[]> rows) {}

  Duck(DuckStore store) {
    this.store = store;
  }

  DuckStore store() {
    return store;
  }

  /**
   * Work with the raw connection; SQLExceptions become Snowflake errors. The work may change
   * anything, so the catalog's cached reads are dropped after it.
   */
  <T> T with(Work<T> work) {
    return store.withConnection(
        c -> {
          try {
            return work.run(c);
          } catch (SQLException e) {
            throw DuckErrors.map(e);
          } finally {
            store.catalogMayHaveChanged();
          }
        });
  }

  /** Like {@link #with} for work that only reads (a user's SELECT): the cache stays. */
  <T> T read(Work<T> work) {
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
    return read(c -> rows(c, sql, params));
  }

  /**
   * A read of the local Snowflake's own catalog tables, answered from the cache while the catalog
   * has not changed since. Not for user tables, nor for reads whose answer depends on the clock.
   */
  List<Object[]> catalogQuery(String sql, Object... params) {
    if (store.inSessionTransaction()) {
      return query(sql, params); // it may see its own uncommitted changes
    }
    CatalogRead key = new CatalogRead(sql, Arrays.asList(params.clone()));
    Cached hit = catalogReads.get(key);
    if (hit != null && hit.version() == store.catalogVersion()) {
      return hit.rows();
    }
    return read(
        c -> {
          long version = store.catalogVersion(); // under the lock: no change is half made
          List<Object[]> rows = Collections.unmodifiableList(rows(c, sql, params));
          if (catalogReads.size() >= MAX_CACHED) {
            catalogReads.clear();
          }
          catalogReads.put(key, new Cached(version, rows));
          return rows;
        });
  }

  private static List<Object[]> rows(Connection c, String sql, Object... params)
      throws SQLException {
    return DuckStore.query(
        c,
        sql,
        rs -> {
          Object[] row = new Object[rs.getMetaData().getColumnCount()];
          for (int i = 0; i < row.length; i++) {
            row[i] = rs.getObject(i + 1);
          }
          return row;
        },
        params);
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
