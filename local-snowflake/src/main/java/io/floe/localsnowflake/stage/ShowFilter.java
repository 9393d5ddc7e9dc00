package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.ResultColumn;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SfType;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The filters of a SHOW command: {@code [LIKE '…'] [IN ACCOUNT | IN DATABASE [db] | IN SCHEMA
 * [db.]schema] [STARTS WITH '…'] [LIMIT n]}. Without IN the scope is the current database, or the
 * account when none is in use, as in Snowflake.
 */
record ShowFilter(Pattern like, String startsWith, String database, String schema, int limit) {

  /** The cursor is after {@code SHOW <KIND>}. */
  static ShowFilter parse(SessionState session, TokenCursor c) {
    Pattern like = null;
    if (c.accept("LIKE")) {
      like = likePattern(string(c));
    }
    String database = session.database();
    String schema = null;
    if (c.accept("IN")) {
      if (c.accept("ACCOUNT")) {
        database = null;
      } else if (c.accept("DATABASE")) {
        database = atNameEnd(c) ? required(session.database(), "DATABASE") : c.objectName().name();
      } else if (c.accept("SCHEMA")) {
        ObjectName name =
            atNameEnd(c)
                ? new ObjectName(session.database(), required(session.schema(), "SCHEMA"), "")
                : schemaName(c.objectName()).in(session);
        database = name.database();
        schema = name.schema();
      } else {
        throw c.unexpected();
      }
    }
    String startsWith = null;
    if (c.accept("STARTS", "WITH")) {
      startsWith = string(c);
    }
    int limit = Integer.MAX_VALUE;
    if (c.accept("LIMIT")) {
      Token n = c.next();
      if (n.kind() != Token.Kind.NUMBER) {
        throw c.unexpected();
      }
      limit = Integer.parseInt(n.text());
    }
    c.expectEnd();
    return new ShowFilter(like, startsWith, database, schema, limit);
  }

  boolean matches(String name) {
    return (like == null || like.matcher(name).matches())
        && (startsWith == null || name.startsWith(startsWith));
  }

  /**
   * A SHOW/DESC timestamp (TIMESTAMP_LTZ) in the JSON result's text form: epoch seconds with three
   * fractional digits.
   */
  static String timestamp(Instant instant) {
    long millis = instant.toEpochMilli();
    return Math.floorDiv(millis, 1000) + "." + String.format("%03d", Math.floorMod(millis, 1000));
  }

  /** Result columns of SHOW and DESC output: text, except created_on (TIMESTAMP_LTZ). */
  static List<ResultColumn> columns(String... names) {
    List<ResultColumn> columns = new ArrayList<>();
    for (String n : names) {
      columns.add(
          n.equals("created_on")
              ? new ResultColumn(n, SfType.TIMESTAMP_LTZ, 0, 3, true)
              : ResultColumn.text(n));
    }
    return columns;
  }

  private static boolean atNameEnd(TokenCursor c) {
    return c.atEnd() || c.peek().is("STARTS") || c.peek().is("LIMIT");
  }

  private static ObjectName schemaName(ObjectName parsed) {
    // "IN SCHEMA db.s" parses as (schema=db, name=s): shift the parts up by one.
    return new ObjectName(parsed.schema(), parsed.name(), "");
  }

  private static String required(String value, String what) {
    if (value == null) {
      throw new SnowflakeError(
          "090105",
          "22000",
          "Cannot perform SHOW. This session does not have a current " + what.toLowerCase() + ".");
    }
    return value;
  }

  private static String string(TokenCursor c) {
    Token t = c.peek();
    if (t.kind() != Token.Kind.STRING) {
      throw c.unexpected();
    }
    c.next();
    return t.text();
  }

  /** SQL LIKE, case-insensitive, with % and _ wildcards and \ escapes. */
  static Pattern likePattern(String like) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char ch = like.charAt(i);
      if (ch == '\\' && i + 1 < like.length()) {
        regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (ch == '%') {
        regex.append(".*");
      } else if (ch == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }
}
