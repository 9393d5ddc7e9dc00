package io.floe.localsnowflake.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A possibly partial {@code [database.][schema.]name}; parts are resolved identifiers (unquoted
 * upper-cased, quoted kept). {@link #in} fills the missing parts from the session.
 */
public record ObjectName(String database, String schema, String name) {

  static ObjectName of(int n, String[] parts) {
    return switch (n) {
      case 1 -> new ObjectName(null, null, parts[0]);
      case 2 -> new ObjectName(null, parts[0], parts[1]);
      default -> new ObjectName(parts[0], parts[1], parts[2]);
    };
  }

  /**
   * Parses the text of {@code IDENTIFIER('…')}: dot-separated parts, each unquoted (upper-cased) or
   * double-quoted (kept).
   */
  public static ObjectName parse(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
          wasQuoted = true;
        }
      } else if (c == '.' && !quoted) {
        parts.add(wasQuoted ? cur.toString() : cur.toString().trim().toUpperCase(Locale.ROOT));
        cur.setLength(0);
        wasQuoted = false;
      } else {
        cur.append(c);
      }
    }
    parts.add(wasQuoted ? cur.toString() : cur.toString().trim().toUpperCase(Locale.ROOT));
    if (parts.size() > 3 || parts.stream().anyMatch(String::isEmpty)) {
      throw SnowflakeError.invalidIdentifier(text);
    }
    return of(parts.size(), parts.toArray(new String[0]));
  }

  /**
   * Fills database and schema from the session; fails with Snowflake's error when the session has
   * none selected.
   */
  public ObjectName in(SessionState session) {
    String db = database != null ? database : session.database();
    String sc = schema != null ? schema : session.schema();
    if (db == null) {
      throw new SnowflakeError(
          "090105",
          "22000",
          "Cannot perform operation. This session does not have a current database. Call 'USE"
              + " DATABASE', or use a qualified name.");
    }
    if (sc == null) {
      throw new SnowflakeError(
          "090106",
          "22000",
          "Cannot perform operation. This session does not have a current schema. Call 'USE"
              + " SCHEMA', or use a qualified name.");
    }
    return new ObjectName(db, sc, name);
  }

  /** {@code DB.SCHEMA.NAME} as Snowflake prints names in messages (no quotes). */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (database != null) {
      b.append(database).append('.');
    }
    if (schema != null) {
      b.append(schema).append('.');
    }
    return b.append(name).toString();
  }
}
