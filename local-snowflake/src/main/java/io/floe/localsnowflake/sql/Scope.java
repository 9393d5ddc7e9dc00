package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SnowflakeError;
import java.util.ArrayList;
import java.util.List;

/**
 * The names visible to an expression: the FROM clause's sources (each with the SQL alias used in
 * the DuckDB query and its columns) and, for WHERE/GROUP BY/ORDER BY, the select list's aliases.
 */
final class Scope {
  /** One column of a source: its Snowflake name, DuckDB reference and type. */
  record Col(String name, String sql, SqlType type) {}

  /** A table or derived table: {@code names} are the names it can be qualified with. */
  record Source(List<String> names, List<Col> columns) {}

  /** A select-list entry that WHERE, GROUP BY and ORDER BY may refer to by alias. */
  record Alias(String name, ExprTranslator.T value) {}

  private final List<Source> sources = new ArrayList<>();
  private final List<Alias> aliases = new ArrayList<>();

  void add(Source s) {
    sources.add(s);
  }

  List<Source> sources() {
    return sources;
  }

  void alias(Alias a) {
    aliases.add(a);
  }

  /** Resolves a column reference; qualifier matches a source name from the right. */
  ExprTranslator.T resolve(List<String> qualifier, String name) {
    List<Col> found = new ArrayList<>();
    for (Source s : sources) {
      if (!qualifier.isEmpty() && !matches(s.names(), qualifier)) {
        continue;
      }
      for (Col c : s.columns()) {
        if (c.name().equals(name)) {
          found.add(c);
        }
      }
    }
    if (found.size() > 1) {
      throw new SnowflakeError(
          "002028", "42601", "SQL compilation error:\nambiguous column name '" + name + "'");
    }
    if (found.size() == 1) {
      return new ExprTranslator.T(found.get(0).sql(), found.get(0).type());
    }
    if (qualifier.isEmpty()) {
      for (Alias a : aliases) {
        if (a.name().equals(name)) {
          return a.value();
        }
      }
    }
    String full = qualifier.isEmpty() ? name : String.join(".", qualifier) + "." + name;
    throw SnowflakeError.invalidIdentifier(full);
  }

  /** Columns for {@code *} or {@code q.*}. */
  List<Col> star(List<String> qualifier) {
    List<Col> out = new ArrayList<>();
    for (Source s : sources) {
      if (qualifier.isEmpty() || matches(s.names(), qualifier)) {
        out.addAll(s.columns());
      }
    }
    if (out.isEmpty()) {
      throw SnowflakeError.invalidIdentifier(
          qualifier.isEmpty() ? "*" : String.join(".", qualifier) + ".*");
    }
    return out;
  }

  private static boolean matches(List<String> names, List<String> qualifier) {
    if (qualifier.size() > names.size()) {
      return false;
    }
    List<String> tail = names.subList(names.size() - qualifier.size(), names.size());
    return tail.equals(qualifier);
  }
}
