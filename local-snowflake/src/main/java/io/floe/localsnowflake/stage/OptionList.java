package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code KEY = value} options as Snowflake's stage, file format and COPY commands write them:
 * values are words, numbers, strings, lists {@code ('a', 'b')} or nested option lists {@code (TYPE
 * = JSON)}, separated by blanks or commas. Keys are upper-cased.
 */
final class OptionList {

  /** One option value. */
  sealed interface Value permits Scalar, ListValue, Nested {}

  /** A word, number or string; {@code text} is the string's content or the word as written. */
  record Scalar(String text) implements Value {}

  record ListValue(List<String> items) implements Value {}

  record Nested(OptionList options) implements Value {}

  private final Map<String, Value> values;

  private OptionList(Map<String, Value> values) {
    this.values = values;
  }

  static OptionList empty() {
    return new OptionList(Map.of());
  }

  /** Parses {@code ( KEY = value … )} from the cursor, which is at the '('. */
  static OptionList parseParenthesized(TokenCursor cursor) {
    cursor.expectSymbol("(");
    OptionList list = parse(cursor, Set.of());
    cursor.expectSymbol(")");
    return list;
  }

  /** Parses options text saved earlier with {@link #parseParenthesized}'s source. */
  static OptionList parseText(String parenthesized) {
    TokenCursor cursor = new TokenCursor(null, parenthesized, List.of());
    OptionList list = parseParenthesized(cursor);
    cursor.expectEnd();
    return list;
  }

  /**
   * Parses options until the statement ends, a ')' closes the list, or a word comes that is not
   * followed by '=' (or is one of {@code stopWords}).
   */
  static OptionList parse(TokenCursor cursor, Set<String> stopWords) {
    Map<String, Value> values = new LinkedHashMap<>();
    while (true) {
      cursor.acceptSymbol(",");
      Token key = cursor.peek();
      if (key.kind() != Token.Kind.WORD
          || !cursor.peek(1).isSymbol("=")
          || stopWords.contains(key.text().toUpperCase(Locale.ROOT))) {
        break;
      }
      cursor.next();
      cursor.next();
      values.put(key.text().toUpperCase(Locale.ROOT), value(cursor));
    }
    return new OptionList(Collections.unmodifiableMap(values));
  }

  private static Value value(TokenCursor cursor) {
    if (cursor.peek().isSymbol("(")) {
      if (cursor.peek(1).kind() == Token.Kind.WORD && cursor.peek(2).isSymbol("=")) {
        return new Nested(parseParenthesized(cursor));
      }
      cursor.next();
      List<String> items = new ArrayList<>();
      while (!cursor.acceptSymbol(")")) {
        items.add(scalar(cursor));
        cursor.acceptSymbol(",");
      }
      return new ListValue(List.copyOf(items));
    }
    return new Scalar(scalar(cursor));
  }

  private static String scalar(TokenCursor cursor) {
    boolean negative = cursor.acceptSymbol("-");
    Token t = cursor.peek();
    switch (t.kind()) {
      case STRING, WORD, NUMBER, QUOTED -> {
        cursor.next();
        return negative ? "-" + t.text() : t.text();
      }
      default -> throw cursor.unexpected();
    }
  }

  /**
   * The options as parenthesized text that {@link #parseText} reads back to equal values (scalars
   * become strings, which every option accepts).
   */
  String toText() {
    StringBuilder b = new StringBuilder("(");
    for (Map.Entry<String, Value> e : values.entrySet()) {
      if (b.length() > 1) {
        b.append(' ');
      }
      b.append(e.getKey()).append(" = ");
      Value v = e.getValue();
      if (v instanceof Scalar s) {
        b.append(quote(s.text()));
      } else if (v instanceof ListValue l) {
        b.append('(');
        for (int i = 0; i < l.items().size(); i++) {
          b.append(i == 0 ? "" : ", ").append(quote(l.items().get(i)));
        }
        b.append(')');
      } else if (v instanceof Nested n) {
        b.append(n.options().toText());
      }
    }
    return b.append(')').toString();
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  Map<String, Value> values() {
    return values;
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  /** The scalar's text, or null when absent. */
  String text(String key) {
    Value v = values.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Scalar s) {
      return s.text();
    }
    throw invalidValue(key, v);
  }

  boolean bool(String key, boolean defaultValue) {
    String v = text(key);
    if (v == null) {
      return defaultValue;
    }
    return switch (v.toUpperCase(Locale.ROOT)) {
      case "TRUE" -> true;
      case "FALSE" -> false;
      default -> throw invalidValue(key, new Scalar(v));
    };
  }

  List<String> list(String key) {
    Value v = values.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof ListValue l) {
      return l.items();
    }
    if (v instanceof Scalar s) {
      return List.of(s.text());
    }
    throw invalidValue(key, v);
  }

  OptionList nested(String key) {
    Value v = values.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Nested n) {
      return n.options();
    }
    throw invalidValue(key, v);
  }

  /** Fails naming the first option not in {@code supported}. */
  void requireOnly(String context, Set<String> supported) {
    for (String key : values.keySet()) {
      if (!supported.contains(key)) {
        throw SnowflakeError.unsupported("the " + context + " option " + key);
      }
    }
  }

  static SnowflakeError invalidValue(String key, Object value) {
    String shown =
        value instanceof Scalar s
            ? s.text()
            : value instanceof ListValue l ? l.items() + "" : "(…)";
    return new SnowflakeError(
        "001008",
        "22023",
        "SQL compilation error:\ninvalid value [" + shown + "] for parameter '" + key + "'");
  }
}
