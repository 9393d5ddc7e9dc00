package io.floe.localsnowflake.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Snowflake SQL into {@link Token}s. Comments ({@code --}, {@code //}, block comments) are
 * skipped. Errors are Snowflake's syntax errors (001003) with line and position.
 */
public final class SqlLexer {
  private final String sql;
  private int pos;

  private SqlLexer(String sql) {
    this.sql = sql;
  }

  public static List<Token> tokenize(String sql) {
    return new SqlLexer(sql).run();
  }

  private List<Token> run() {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipSpaceAndComments();
      if (pos >= sql.length()) {
        out.add(new Token(Token.Kind.EOF, "", pos, pos));
        return out;
      }
      out.add(next());
    }
  }

  private void skipSpaceAndComments() {
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (sql.startsWith("--", pos) || sql.startsWith("//", pos)) {
        int nl = sql.indexOf('\n', pos);
        pos = nl < 0 ? sql.length() : nl + 1;
      } else if (sql.startsWith("/*", pos)) {
        int close = sql.indexOf("*/", pos + 2);
        if (close < 0) {
          throw error(pos, "unexpected end of comment");
        }
        pos = close + 2;
      } else {
        return;
      }
    }
  }

  private Token next() {
    int start = pos;
    char c = sql.charAt(pos);
    if (c == '\'') {
      return string(start);
    }
    if (c == '$' && sql.startsWith("$$", pos)) {
      int close = sql.indexOf("$$", pos + 2);
      if (close < 0) {
        throw error(start, "unterminated $$ string");
      }
      pos = close + 2;
      return new Token(Token.Kind.STRING, sql.substring(start + 2, close), start, pos);
    }
    if (c == '$' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1))) {
      pos++;
      while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
        pos++;
      }
      return new Token(Token.Kind.FILE_COLUMN, sql.substring(start, pos), start, pos);
    }
    if (c == '"') {
      return quoted(start);
    }
    if (c == '@') {
      return stage(start);
    }
    if (regionMatches("file://")) {
      while (pos < sql.length() && !Character.isWhitespace(sql.charAt(pos))) {
        pos++;
      }
      return new Token(Token.Kind.FILE_URI, sql.substring(start, pos), start, pos);
    }
    if (Character.isDigit(c)
        || (c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
      return number(start);
    }
    if (Character.isLetter(c) || c == '_') {
      while (pos < sql.length()) {
        char d = sql.charAt(pos);
        if (Character.isLetterOrDigit(d) || d == '_' || d == '$') {
          pos++;
        } else {
          break;
        }
      }
      return new Token(Token.Kind.WORD, sql.substring(start, pos), start, pos);
    }
    if (c == '?') {
      pos++;
      return new Token(Token.Kind.PARAM, "?", start, pos);
    }
    for (String op : new String[] {"::", "<>", "!=", "<=", ">=", "||", "=>"}) {
      if (sql.startsWith(op, pos)) {
        pos += 2;
        return new Token(Token.Kind.SYMBOL, op, start, pos);
      }
    }
    if ("(),.;:[]=<>+-*/%{}~".indexOf(c) >= 0) {
      pos++;
      return new Token(Token.Kind.SYMBOL, String.valueOf(c), start, pos);
    }
    throw error(start, "unexpected '" + c + "'");
  }

  private boolean regionMatches(String prefix) {
    return sql.regionMatches(true, pos, prefix, 0, prefix.length());
  }

  private Token string(int start) {
    StringBuilder value = new StringBuilder();
    pos++;
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (c == '\'') {
        if (pos + 1 < sql.length() && sql.charAt(pos + 1) == '\'') {
          value.append('\'');
          pos += 2;
          continue;
        }
        pos++;
        return new Token(Token.Kind.STRING, value.toString(), start, pos);
      }
      if (c == '\\' && pos + 1 < sql.length()) {
        char e = sql.charAt(pos + 1);
        value.append(
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case '0' -> '\0';
              case 'b' -> '\b';
              case 'f' -> '\f';
              default -> e;
            });
        pos += 2;
        continue;
      }
      value.append(c);
      pos++;
    }
    throw error(start, "unterminated string");
  }

  private Token quoted(int start) {
    StringBuilder value = new StringBuilder();
    pos++;
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (c == '"') {
        if (pos + 1 < sql.length() && sql.charAt(pos + 1) == '"') {
          value.append('"');
          pos += 2;
          continue;
        }
        pos++;
        return new Token(Token.Kind.QUOTED, value.toString(), start, pos);
      }
      value.append(c);
      pos++;
    }
    throw error(start, "unterminated quoted identifier");
  }

  /** A stage reference runs to whitespace, ',', ')' or ';' (quoted parts may hold anything). */
  private Token stage(int start) {
    pos++;
    boolean inQuotes = false;
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (c == '"') {
        inQuotes = !inQuotes;
      } else if (!inQuotes && (Character.isWhitespace(c) || c == ',' || c == ')' || c == ';')) {
        break;
      }
      pos++;
    }
    return new Token(Token.Kind.STAGE, sql.substring(start, pos), start, pos);
  }

  private Token number(int start) {
    while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
      pos++;
    }
    if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
        while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    return new Token(Token.Kind.NUMBER, sql.substring(start, pos), start, pos);
  }

  private SnowflakeError error(int offset, String detail) {
    return syntaxErrorAt(sql, offset, detail);
  }

  /** A 001003 error whose line/position Snowflake-style (1-based line, 0-based column). */
  public static SnowflakeError syntaxErrorAt(String sql, int offset, String detail) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < sql.length(); i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return SnowflakeError.syntax(line, offset - lineStart, detail);
  }
}
