package io.floe.localsnowflake.core;

import java.util.List;

/**
 * A read position over one statement's tokens, with the statement's binds so that {@code
 * identifier(?)} and {@code ?} can be resolved where they appear.
 */
public final class TokenCursor {
  private final String queryId;
  private final String sql;
  private final List<Token> tokens;
  private final List<Bind> binds;
  private int index;
  private int nextBind;

  public TokenCursor(String queryId, String sql, List<Bind> binds) {
    this.queryId = queryId;
    this.sql = sql;
    this.tokens = SqlLexer.tokenize(sql);
    this.binds = binds == null ? List.of() : binds;
  }

  /** The id the HTTP layer assigned to this statement's execution (a UUID). */
  public String queryId() {
    return queryId;
  }

  public String sql() {
    return sql;
  }

  public List<Token> tokens() {
    return tokens;
  }

  public int index() {
    return index;
  }

  public void reset(int index) {
    this.index = index;
  }

  /** A cursor over the same statement and binds, at its start with no bind consumed. */
  public TokenCursor fresh() {
    return new TokenCursor(queryId, sql, binds);
  }

  public Token peek() {
    return tokens.get(index);
  }

  public Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  public Token next() {
    Token t = tokens.get(index);
    if (t.kind() != Token.Kind.EOF) {
      index++;
    }
    return t;
  }

  public boolean atEnd() {
    Token t = peek();
    return t.kind() == Token.Kind.EOF || (t.isSymbol(";") && peek(1).kind() == Token.Kind.EOF);
  }

  /** Consumes the keywords if they all come next (case-insensitive); otherwise consumes nothing. */
  public boolean accept(String... keywords) {
    for (int i = 0; i < keywords.length; i++) {
      if (!peek(i).is(keywords[i])) {
        return false;
      }
    }
    index += keywords.length;
    return true;
  }

  public boolean acceptSymbol(String symbol) {
    if (peek().isSymbol(symbol)) {
      index++;
      return true;
    }
    return false;
  }

  public void expect(String... keywords) {
    if (!accept(keywords)) {
      throw unexpected();
    }
  }

  public void expectSymbol(String symbol) {
    if (!acceptSymbol(symbol)) {
      throw unexpected();
    }
  }

  /** Fails with 001003 unless only an optional ';' remains. */
  public void expectEnd() {
    acceptSymbol(";");
    if (peek().kind() != Token.Kind.EOF) {
      throw unexpected();
    }
  }

  /** The next bind variable's value, in order of appearance of {@code ?}. */
  public Bind nextBind() {
    if (nextBind >= binds.size()) {
      throw new SnowflakeError(
          "002049", "42601", "SQL compilation error: Bind variable ? not set.");
    }
    return binds.get(nextBind++);
  }

  /** Snowflake's "syntax error … unexpected 'X'." for the current token. */
  public SnowflakeError unexpected() {
    return SqlGrammar.unexpected(sql, peek());
  }

  /** Source text between two token indexes (inclusive start, exclusive end), verbatim. */
  public String sourceBetween(int fromToken, int toToken) {
    int from = tokens.get(fromToken).start();
    int to = toToken >= tokens.size() ? sql.length() : tokens.get(toToken).start();
    return sql.substring(from, to).trim();
  }

  /**
   * Reads an object name: {@code name}, {@code schema.name}, {@code db.schema.name}, {@code
   * identifier('…')} or {@code identifier(?)} (whose text may itself be qualified and quoted).
   * Missing parts are left null: resolve them with {@link ObjectName#in}.
   */
  public ObjectName objectName() {
    if (peek().is("IDENTIFIER") && peek(1).isSymbol("(")) {
      next();
      next();
      Token arg = next();
      String text;
      if (arg.kind() == Token.Kind.PARAM) {
        text = nextBind().value();
      } else if (arg.kind() == Token.Kind.STRING) {
        text = arg.text();
      } else {
        throw SqlLexer.syntaxErrorAt(sql, arg.start(), "unexpected '" + arg.text() + "'");
      }
      expectSymbol(")");
      if (text == null) {
        throw new SnowflakeError("002003", "02000", "SQL compilation error:\nIdentifier is null.");
      }
      return ObjectName.parse(text);
    }
    String[] parts = new String[3];
    int n = 0;
    do {
      Token t = next();
      if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED) {
        throw SqlLexer.syntaxErrorAt(
            sql,
            t.start(),
            "unexpected '" + (t.kind() == Token.Kind.EOF ? "<EOF>" : t.text()) + "'");
      }
      if (n == 3) {
        throw SqlLexer.syntaxErrorAt(sql, t.start(), "unexpected '" + t.text() + "'");
      }
      parts[n++] = t.identifier();
    } while (acceptSymbol("."));
    return ObjectName.of(n, parts);
  }
}
