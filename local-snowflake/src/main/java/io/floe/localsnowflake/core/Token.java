package io.floe.localsnowflake.core;

import java.util.Locale;

/**
 * One lexical token of Snowflake SQL. {@code text} is the token's value: for {@link Kind#QUOTED}
 * the identifier without quotes ({@code ""} unescaped), for {@link Kind#STRING} the string's
 * content with escapes resolved, otherwise the source text. {@code start}/{@code end} are offsets
 * into the statement, so a handler can take raw source (e.g. a pipe's COPY text) verbatim.
 */
public record Token(Kind kind, String text, int start, int end) {

  public enum Kind {
    /** Unquoted identifier or keyword, as written. */
    WORD,
    /** Double-quoted identifier. */
    QUOTED,
    /** Single-quoted (or $$-quoted) string literal. */
    STRING,
    NUMBER,
    /** {@code ?} bind placeholder. */
    PARAM,
    /** {@code $1}, {@code $2}: a column of a staged file. */
    FILE_COLUMN,
    /**
     * A stage reference starting with {@code @}: {@code @s}, {@code @db.sch.s/path/x}, {@code @%t},
     * {@code @~/p}, {@code @"my stage"/p}. Text is as written, including the @.
     */
    STAGE,
    /** {@code file://…} in PUT and GET. Text is as written. */
    FILE_URI,
    /** Punctuation and operators: {@code ( ) , . ; : :: [ ] = <> != < <= > >= + - * / % ||}. */
    SYMBOL,
    EOF
  }

  /** True for an unquoted word equal (case-insensitively) to {@code keyword}. */
  public boolean is(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }

  /** An unquoted word in upper case (a keyword, perhaps); "" for every other token. */
  public String keyword() {
    return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : "";
  }

  public boolean isSymbol(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }

  /** The identifier this token names: unquoted upper-cased, quoted kept as is. */
  public String identifier() {
    return kind == Kind.QUOTED ? text : text.toUpperCase(Locale.ROOT);
  }
}
