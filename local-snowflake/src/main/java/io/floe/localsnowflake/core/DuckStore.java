package io.floe.localsnowflake.core;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.duckdb.DuckDBConnection;

/**
 * The one embedded DuckDB database behind the local Snowflake: user tables and the local
 * Snowflake's own metadata (catalog, stages, pipes, load history) live in it, so persistence is a
 * matter of opening it from a file. Access is serialised: DuckDB connections are not meant for
 * concurrent use, and the local Snowflake's load is a test's load.
 *
 * <p>The exception is a session's open multi-statement transaction ({@link Transactions}): it has a
 * DuckDB connection of its own, so that its uncommitted writes stay invisible to the shared one
 * (DuckDB's MVCC). While one of its statements runs, that connection is bound to the thread and
 * {@link #withConnection} hands it out instead of the shared one.
 */
public final class DuckStore implements AutoCloseable {
  private final Connection connection;
  private final ThreadLocal<Connection> bound = new ThreadLocal<>();

  /** Moved on by every change that may touch the catalog; cached catalog reads check it. */
  private final AtomicLong catalogVersion = new AtomicLong();

  private final Transactions transactions;

  private DuckStore(Connection connection) {
    this.connection = connection;
    this.transactions = new Transactions(this);
  }

  /** The sessions' open transactions on this store. */
  public Transactions transactions() {
    return transactions;
  }

  /** In memory when {@code file} is null, else persisted in that file. */
  public static DuckStore open(Path file) {
    try {
      Connection c =
          DriverManager.getConnection(
              file == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        // No network here: never try to download an extension.
        s.execute("SET autoinstall_known_extensions = false");
        s.execute("SET autoload_known_extensions = false");
        if (file == null) {
          // An in-memory database checkpoints at the commit that takes its estimated changes past
          // the threshold (16 MiB by default): it compresses and vacuums every table changed since,
          // about 2 us a row of Floe's shape on one core, which is as much as loading the row and
          // fell on whichever load committed then. In memory a checkpoint only saves memory, which
          // a test server can spend: 8 GB of changes is far beyond any test's data.
          s.execute("SET checkpoint_threshold = '8GB'");
        }
      }
      return new DuckStore(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open DuckDB at " + file, e);
    }
  }

  /** Work with the connection under the store's lock. SQLExceptions surface as runtime errors. */
  public <T> T withConnection(SqlWork<T> work) {
    Connection c = bound.get() != null ? bound.get() : connection;
    synchronized (c) {
      try {
        return work.run(c);
      } catch (SQLException e) {
        throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The catalog's version: cached reads of the catalog are valid while it has not moved on. Read it
   * under the store's lock before the read it labels, so that the read sees every change counted.
   */
  public long catalogVersion() {
    return catalogVersion.get();
  }

  /** Called after a change that may touch the catalog has been made (and is visible). */
  public void catalogMayHaveChanged() {
    catalogVersion.incrementAndGet();
  }

  /**
   * True while this thread runs a statement of a session's open transaction: it must read the
   * catalog itself, since the transaction may hold uncommitted changes to it.
   */
  public boolean inSessionTransaction() {
    return bound.get() != null;
  }

  /** A new connection to the same database, for one session's transaction. */
  Connection openConnection() {
    synchronized (connection) {
      try {
        return ((DuckDBConnection) connection).duplicate();
      } catch (SQLException e) {
        throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
      }
    }
  }

  /** Runs {@code work} with {@code c} in place of the shared connection on this thread. */
  <T> T boundTo(Connection c, Supplier<T> work) {
    Connection previous = bound.get();
    bound.set(c);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        bound.remove();
      } else {
        bound.set(previous);
      }
    }
  }

  /**
   * Creates one of the local Snowflake's own schemas with its tables, unless they exist, and
   * returns the schema's qualified name. Qualified with the catalog current now: SQL sessions may
   * USE another one later. Each of {@code tables} is {@code name (column definitions)}.
   */
  public String hiddenSchema(String schema, String... tables) {
    return withConnection(
        c -> {
          String catalog = query(c, "SELECT current_database()", rs -> rs.getString(1)).get(0);
          String qualified = quote(catalog) + "." + quote(schema);
          try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + qualified);
            for (String table : tables) {
              s.execute("CREATE TABLE IF NOT EXISTS " + qualified + "." + table);
            }
          }
          return qualified;
        });
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** Runs a parameterised statement on {@code c}; returns the rows it changed. */
  public static long update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, params)) {
      return s.executeUpdate();
    }
  }

  /** The first column of the first row of a parameterised query, as a long (0 for none). */
  public static long queryLong(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, params);
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Every row of a parameterised query, each read by {@code reader}. */
  public static <T> List<T> query(Connection c, String sql, RowReader<T> reader, Object... params)
      throws SQLException {
    try (PreparedStatement s = prepare(c, sql, params);
        ResultSet rs = s.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
      return rows;
    }
  }

  /** A statement with its {@code ?} bound in order; null binds SQL NULL. */
  public static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof BigDecimal b) {
        s.setBigDecimal(i + 1, b);
      } else {
        s.setObject(i + 1, p);
      }
    }
    return s;
  }

  @Override
  public void close() {
    // A transaction's own connection would keep the database (and its file) open.
    transactions.rollbackAll();
    synchronized (connection) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing is best effort
      }
    }
  }

  /** Reads the current row of a result. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
