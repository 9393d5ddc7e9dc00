package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code NAME = value} properties of CREATE/ALTER commands. Values are the string's content, the
 * number's text or the word (identifiers resolved). A property outside {@code allowed} (null: any)
 * is refused as unsupported rather than ignored.
 */
final class Props {
  private Props() {}

  static Map<String, String> parse(TokenCursor c, String command, Set<String> allowed) {
    Map<String, String> out = new LinkedHashMap<>();
    while (c.peek().kind() == Token.Kind.WORD && c.peek(1).isSymbol("=")) {
      String name = c.next().text().toUpperCase(Locale.ROOT);
      c.next();
      Token v = c.next();
      String value =
          switch (v.kind()) {
            case STRING, NUMBER -> v.text();
            case WORD -> v.text().equalsIgnoreCase("NULL") ? null : v.identifier();
            case QUOTED -> v.text();
            default ->
                throw io.floe.localsnowflake.core.SqlLexer.syntaxErrorAt(
                    c.sql(), v.start(), "unexpected '" + v.text() + "'");
          };
      // identifiers qualified with dots (DEFAULT_NAMESPACE = db.schema)
      while (v.kind() == Token.Kind.WORD && c.peek().isSymbol(".")) {
        c.next();
        value = value + "." + c.next().identifier();
      }
      if (allowed != null && !allowed.contains(name)) {
        throw SnowflakeError.unsupported("the property " + name + " of " + command);
      }
      out.put(name, value);
      c.acceptSymbol(",");
    }
    return out;
  }

  static boolean truthy(String v) {
    return v != null && (v.equalsIgnoreCase("TRUE") || v.equals("1"));
  }
}
