package io.floe.quickstart;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until a table holds the expected number of rows, then prints a query's result as a table,
 * read back through the real snowflake-jdbc driver. Progress goes to stderr, the table to stdout.
 *
 * <pre>
 * QueryTool --jdbc-url URL --account A --user U --password P
 *           [--table DB.SCHEMA.TABLE --expect N [--timeout-seconds 90]] --sql "SELECT …"
 * </pre>
 *
 * Without {@code --table} it runs the query at once. Exits 1 when the rows do not arrive in time.
 */
public final class QueryTool {
  /** Snowflake's "object does not exist": the connector has not created the table yet. */
  private static final int OBJECT_MISSING = 2003;

  private QueryTool() {}

  public static void main(String[] argv) throws Exception {
    System.exit(run(argv, System.out, System.err));
  }

  /** Returns the exit code: 0 when the rows arrived and were printed, 1 on timeout. */
  static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
    ToolArgs args = new ToolArgs("QueryTool", argv);
    SnowflakeLogin login = SnowflakeLogin.from(args);
    String table = args.optional("table", null);
    int expect = args.intValue("expect", 1);
    long deadline = System.nanoTime() + args.intValue("timeout-seconds", 90) * 1_000_000_000L;
    String expectRows = args.optional("expect-rows", null);
    try (Connection c = login.connect()) {
      if (expectRows != null) {
        return awaitRows(c, args.required("sql"), expectRows, deadline, out, err);
      }
      long rows = table == null ? expect : awaitRows(c, table, expect, deadline, err);
      if (rows < expect) {
        err.printf("timed out: %s has %s of %d rows%n", table, Math.max(rows, 0), expect);
        return 1;
      }
      out.print(query(c, args.required("sql")));
      out.flush();
      return 0;
    }
  }

  private static long awaitRows(
      Connection c, String table, int expect, long deadline, PrintStream err)
      throws SQLException, InterruptedException {
    long rows = Long.MIN_VALUE; // nothing reported yet
    long pause = 200;
    while (true) {
      long now = count(c, table);
      if (now != rows) {
        rows = now;
        err.printf(
            "  %s: %s%n", table, rows < 0 ? "no table yet" : rows + " of " + expect + " rows");
      }
      if (rows >= expect || System.nanoTime() > deadline) {
        return rows;
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 1000);
    }
  }

  /**
   * Polls {@code sql} until its rows, cells joined by '|' and rows by ';', equal {@code expected}
   * (a mirrored table converges through intermediate states, so a row count proves nothing), then
   * prints them.
   */
  private static int awaitRows(
      Connection c, String sql, String expected, long deadline, PrintStream out, PrintStream err)
      throws SQLException, InterruptedException {
    String seen = null;
    long pause = 200;
    while (true) {
      String now;
      try {
        now = String.join(";", rows(c, sql).stream().map(r -> String.join("|", r)).toList());
        if (now.isEmpty() && !expected.isEmpty()) {
          now = "no rows yet";
        }
      } catch (SQLException e) {
        if (e.getErrorCode() != OBJECT_MISSING) {
          throw e;
        }
        now = "no table yet";
      }
      if (!now.equals(seen)) {
        seen = now;
        err.printf("  %s%n", expected.equals(now) ? "equal to the expected state" : "now: " + now);
      }
      if (expected.equals(now)) {
        out.print(query(c, sql));
        out.flush();
        return 0;
      }
      if (System.nanoTime() > deadline) {
        err.printf("timed out: expected %s%n", expected);
        return 1;
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 1000);
    }
  }

  private static List<List<String>> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(String.valueOf(rs.getString(i)));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** Rows in {@code table}, or -1 while it does not exist. */
  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      if (e.getErrorCode() == OBJECT_MISSING) {
        return -1;
      }
      throw e;
    }
  }

  static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        header.add(md.getColumnLabel(i));
      }
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= header.size(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return new TextTable(60).render(header, rows);
    }
  }
}
