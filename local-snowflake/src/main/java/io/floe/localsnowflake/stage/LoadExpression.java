package io.floe.localsnowflake.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One item of a transforming COPY's SELECT list: {@code [alias.]$1} followed by a path ({@code
 * :meta}, {@code :a.b}, {@code [0]}, {@code ['k']}) and an optional {@code ::TYPE}, or one of the
 * {@code METADATA$FILENAME} / {@code METADATA$FILE_ROW_NUMBER} columns. Element names are
 * case-sensitive, as in Snowflake.
 */
final class LoadExpression {
  private enum Source {
    DOCUMENT,
    FILENAME,
    ROW_NUMBER
  }

  private final Source source;
  private final List<Object> path;
  private final String castType;

  private LoadExpression(Source source, List<Object> path, String castType) {
    this.source = source;
    this.path = path;
    this.castType = castType;
  }

  /** The whole document: what a COPY without transformation loads into its VARIANT column. */
  static LoadExpression document() {
    return new LoadExpression(Source.DOCUMENT, List.of(), null);
  }

  static LoadExpression parse(TokenCursor c) {
    if (c.peek().kind() == Token.Kind.WORD && c.peek(1).isSymbol(".")) {
      Token after = c.peek(2);
      if (after.kind() == Token.Kind.FILE_COLUMN
          || after.text().toUpperCase(Locale.ROOT).startsWith("METADATA$")) {
        c.next(); // the table alias of FROM @stage alias: there is only one source
        c.next();
      }
    }
    Token t = c.next();
    Source source;
    if (t.kind() == Token.Kind.FILE_COLUMN) {
      if (!t.text().equals("$1")) {
        throw new SnowflakeError(
            "002016",
            "22000",
            "SQL compilation error:\nJSON file format can produce one and only one column of"
                + " type variant, object, or array. '"
                + t.text()
                + "' does not exist.");
      }
      source = Source.DOCUMENT;
    } else if (t.is("METADATA$FILENAME")) {
      source = Source.FILENAME;
    } else if (t.is("METADATA$FILE_ROW_NUMBER")) {
      source = Source.ROW_NUMBER;
    } else {
      throw unsupported(c, t);
    }
    List<Object> path = new ArrayList<>();
    if (source == Source.DOCUMENT) {
      if (c.acceptSymbol(":")) {
        path.add(key(c));
      }
      while (true) {
        if (c.acceptSymbol(".")) {
          path.add(key(c));
        } else if (c.acceptSymbol("[")) {
          Token i = c.next();
          if (i.kind() == Token.Kind.NUMBER) {
            path.add(Integer.parseInt(i.text()));
          } else if (i.kind() == Token.Kind.STRING) {
            path.add(i.text());
          } else {
            throw c.unexpected();
          }
          c.expectSymbol("]");
        } else {
          break;
        }
      }
    }
    String cast = null;
    if (c.acceptSymbol("::")) {
      int from = c.index();
      c.next();
      if (c.acceptSymbol("(")) {
        while (!c.acceptSymbol(")")) {
          if (c.atEnd()) {
            throw c.unexpected();
          }
          c.next();
        }
      }
      cast = c.sourceBetween(from, c.index());
    }
    if (c.accept("AS")) {
      c.next(); // an output alias has no meaning for a load
    }
    return new LoadExpression(source, List.copyOf(path), cast);
  }

  private static String key(TokenCursor c) {
    Token k = c.peek();
    if (k.kind() != Token.Kind.WORD && k.kind() != Token.Kind.QUOTED) {
      throw c.unexpected();
    }
    c.next();
    return k.text();
  }

  private static SnowflakeError unsupported(TokenCursor c, Token t) {
    return SnowflakeError.unsupported(
        "the COPY transformation '"
            + c.sql().substring(t.start(), Math.min(c.sql().length(), t.end() + 20)).trim()
            + "…' (only [alias.]$1[:path][::type] and METADATA$ columns)");
  }

  /**
   * The path into the document when this loads a part of it unchanged ({@code $1...} without a
   * cast, or with one to VARIANT, OBJECT or ARRAY, which keeps the value): keys are Strings, array
   * indexes Integers, empty for the whole document. Null for METADATA$ columns and other casts.
   */
  List<Object> documentPath() {
    boolean keepsValue =
        castType == null || ValueConverter.isSemiStructured(ValueConverter.baseType(castType));
    return source == Source.DOCUMENT && keepsValue ? path : null;
  }

  /** The value for one record; null is SQL NULL (a missing element). */
  JsonNode evaluate(JsonNode document, String fileName, long rowNumber) throws ValueError {
    JsonNode v =
        switch (source) {
          case FILENAME -> TextNode.valueOf(fileName);
          case ROW_NUMBER -> LongNode.valueOf(rowNumber);
          case DOCUMENT -> navigate(document);
        };
    return castType == null ? v : ValueConverter.cast(v, castType);
  }

  private JsonNode navigate(JsonNode document) {
    JsonNode v = document;
    for (Object step : path) {
      if (v == null) {
        return null;
      }
      if (step instanceof Integer i) {
        v = v.isArray() ? v.get(i) : null;
      } else {
        v = v.isObject() ? v.get((String) step) : null;
      }
    }
    return v;
  }
}
