package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.driver.StageStreams;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Statements and queries through the real driver, for the schematization driver tests. */
final class DriverSql {
  private final LocalSnowflakeExtension snowflake;

  DriverSql(LocalSnowflakeExtension snowflake) {
    this.snowflake = snowflake;
  }

  void sql(String... statements) throws SQLException {
    try (Connection c = snowflake.get().connect();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  void asRole(String role, String statement) throws SQLException {
    LocalSnowflake sf = snowflake.get();
    Properties p = sf.connectionProperties();
    p.put("role", role);
    try (Connection c = DriverManager.getConnection(sf.jdbcUrl(), p);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** Every row, every column as getString gives it. */
  List<List<String>> query(String sql) throws SQLException {
    try (Connection c = snowflake.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      int width = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** The result's column labels. */
  List<String> labels(String sql) throws SQLException {
    try (Connection c = snowflake.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData m = rs.getMetaData();
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        out.add(m.getColumnLabel(i));
      }
      return out;
    }
  }

  /** One column of SHOW TABLES for one table. */
  String showTables(String schema, String table, String column) throws SQLException {
    try (Connection c = snowflake.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show tables like '" + table + "' in schema " + schema)) {
      assertTrue(rs.next(), table);
      return rs.getString(column);
    }
  }

  static List<String> column(List<List<String>> rows, int index) {
    return rows.stream().map(r -> r.get(index)).toList();
  }

  /** Uploads {@code content} uncompressed to {@code stage}/p/{@code name}. */
  void upload(String stage, String name, String content) throws SQLException {
    try (Connection c = snowflake.get().connect()) {
      StageStreams.of(c)
          .upload(
              stage,
              "p",
              name,
              new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
              false);
    }
  }
}
