package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tail of a SHOW command: {@code LIKE '<pattern>'} (case-insensitive, with % and _), {@code IN
 * ACCOUNT | DATABASE [db] | SCHEMA [[db.]schema]}, {@code STARTS WITH '…'} (case-sensitive) and
 * {@code LIMIT n}. Missing scope names are filled from the session later.
 */
record ShowFilter(
    Pattern like,
    String scopeKind,
    String database,
    String schema,
    String startsWith,
    Integer limit) {

  static ShowFilter parse(TokenCursor c) {
    Pattern like = null;
    if (c.accept("LIKE")) {
      Token t = c.next();
      if (t.kind() != Token.Kind.STRING) {
        throw io.floe.localsnowflake.core.SqlLexer.syntaxErrorAt(
            c.sql(), t.start(), "unexpected '" + t.text() + "'");
      }
      like = likePattern(t.text());
    }
    String kind = null;
    String database = null;
    String schema = null;
    if (c.accept("IN")) {
      if (c.accept("ACCOUNT")) {
        kind = "ACCOUNT";
      } else if (c.accept("DATABASE")) {
        kind = "DATABASE";
        database = atName(c) ? c.objectName().name() : null;
      } else {
        c.accept("SCHEMA");
        kind = "SCHEMA";
        if (atName(c)) {
          ObjectName n = c.objectName();
          database = n.schema();
          schema = n.name();
        }
      }
    }
    String startsWith = null;
    if (c.accept("STARTS", "WITH")) {
      startsWith = c.next().text();
    }
    Integer limit = null;
    if (c.accept("LIMIT")) {
      limit = Integer.parseInt(c.next().text());
    }
    c.expectEnd();
    return new ShowFilter(like, kind, database, schema, startsWith, limit);
  }

  private static boolean atName(TokenCursor c) {
    Token t = c.peek();
    return t.kind() == Token.Kind.QUOTED
        || (t.kind() == Token.Kind.WORD && !t.is("LIMIT") && !t.is("STARTS"));
  }

  static Pattern likePattern(String like) {
    StringBuilder re = new StringBuilder();
    for (char ch : like.toCharArray()) {
      if (ch == '%') {
        re.append(".*");
      } else if (ch == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(
        re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }

  boolean matches(String name) {
    return (like == null || like.matcher(name).matches())
        && (startsWith == null || name.startsWith(startsWith));
  }

  <T> java.util.List<T> limit(java.util.List<T> items) {
    return limit == null || items.size() <= limit ? items : items.subList(0, limit);
  }

  static String upper(String s) {
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }
}
