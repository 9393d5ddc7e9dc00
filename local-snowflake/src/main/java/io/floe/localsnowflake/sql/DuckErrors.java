package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SnowflakeError;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a DuckDB failure into the error Snowflake raises for the same cause. Names and columns are
 * resolved before DuckDB runs, so what reaches DuckDB fails mostly on data (conversions, NOT NULL,
 * overflow); anything else is reported as an internal error with DuckDB's text, never swallowed.
 */
final class DuckErrors {
  private static final Pattern CONVERT =
      Pattern.compile("Could not convert string '(.*?)' to (\\w+)", Pattern.DOTALL);
  private static final Pattern CONVERT_QUOTED =
      Pattern.compile("Could not convert string \"(.*?)\" to (\\w+)", Pattern.DOTALL);
  private static final Pattern NOT_NULL =
      Pattern.compile("NOT NULL constraint failed: \\S+\\.(\\S+)");
  private static final Pattern COLUMN = Pattern.compile("Referenced column \"(.*?)\" not found");

  private DuckErrors() {}

  static SnowflakeError map(SQLException e) {
    String msg = e.getMessage() == null ? "" : e.getMessage();
    String first = msg.split("\n")[0];
    Matcher m;
    if (msg.contains("Malformed JSON")) {
      return new SnowflakeError(
          "100069", "22P02", "Error parsing JSON: " + after(first, "Malformed JSON"));
    }
    if ((m = CONVERT.matcher(msg)).find() || (m = CONVERT_QUOTED.matcher(msg)).find()) {
      String target = m.group(2).toUpperCase();
      if (target.startsWith("DATE") || target.startsWith("TIME")) {
        return new SnowflakeError("100040", "22007", "Date '" + m.group(1) + "' is not recognized");
      }
      if (target.startsWith("BOOL")) {
        return new SnowflakeError(
            "100037", "22018", "Boolean value '" + m.group(1) + "' is not recognized");
      }
      return new SnowflakeError(
          "100038", "22018", "Numeric value '" + m.group(1) + "' is not recognized");
    }
    if ((m = NOT_NULL.matcher(msg)).find()) {
      return new SnowflakeError(
          "100072",
          "22000",
          "NULL result in a non-nullable column '" + m.group(1).replace("\"", "") + "'");
    }
    if (msg.contains("Out of Range") || msg.contains("out of range") || msg.contains("overflow")) {
      return new SnowflakeError("100046", "22003", "Number out of representable range: " + first);
    }
    if ((m = COLUMN.matcher(msg)).find()) {
      return SnowflakeError.invalidIdentifier(m.group(1));
    }
    if (msg.contains("Parser Error")) {
      return new SnowflakeError(
          "001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 0 " + first);
    }
    if (msg.contains("No function matches") || msg.contains("Cannot compare")) {
      return new SnowflakeError(
          "001044", "22023", "SQL compilation error:\nInvalid argument types: " + first);
    }
    return new SnowflakeError("000603", "XX000", "SQL execution internal error: " + first);
  }

  private static String after(String s, String marker) {
    int i = s.indexOf(marker);
    return i < 0 ? s : s.substring(i + marker.length()).trim();
  }
}
