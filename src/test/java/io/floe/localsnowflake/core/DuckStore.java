package io.floe.localsnowflake.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one embedded DuckDB database behind the local Snowflake: user tables and the local
 * Snowflake's own metadata (catalog, stages, pipes, load history) live in it, so persistence is a
 * matter of opening it from a file. Access is serialised: DuckDB connections are not meant for
 * concurrent use, and the local Snowflake's load is a test's load.
 */
public final class DuckStore implements AutoCloseable {
  private final Connection connection;

  private DuckStore(Connection connection) {
    this.connection = connection;
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
      }
      return new DuckStore(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open DuckDB at " + file, e);
    }
  }

  /** Work with the connection under the store's lock. SQLExceptions surface as runtime errors. */
  public <T> T withConnection(SqlWork<T> work) {
    synchronized (connection) {
      try {
        return work.run(connection);
      } catch (SQLException e) {
        throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    synchronized (connection) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing is best effort
      }
    }
  }

  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
