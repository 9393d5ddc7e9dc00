package io.floe.connector.snowflake;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Snowflake identifier as Snowflake resolves it (unquoted names upper-cased), rendered back into
 * SQL with quotes only when needed. Keeping names resolved avoids the classic mismatch between
 * {@code my_table}, {@code MY_TABLE} and {@code "my_table"}.
 */
public record SqlName(String resolved) {
  private static final Pattern PLAIN = Pattern.compile("[A-Z_][A-Z0-9_$]*");
  private static final Pattern UNQUOTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  /** From user input: {@code abc} → ABC, {@code "abc"} → abc. */
  public static SqlName parse(String text) {
    String t = text.trim();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      return new SqlName(t.substring(1, t.length() - 1).replace("\"\"", "\""));
    }
    if (!UNQUOTED.matcher(t).matches()) {
      throw new IllegalArgumentException("not a valid Snowflake identifier: " + text);
    }
    return new SqlName(t.toUpperCase(Locale.ROOT));
  }

  /** The identifier as SQL text. */
  public String sql() {
    return PLAIN.matcher(resolved).matches()
        ? resolved
        : '"' + resolved.replace("\"", "\"\"") + '"';
  }

  @Override
  public String toString() {
    return resolved;
  }
}
