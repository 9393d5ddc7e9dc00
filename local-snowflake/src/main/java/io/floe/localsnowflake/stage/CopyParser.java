package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code COPY INTO t [(c1, …)] FROM @stage[/path] | (SELECT … FROM @stage[/path] [alias])
 * [options]}. Loading only: COPY INTO a location (unloading) is not supported.
 */
final class CopyParser {
  private CopyParser() {}

  /** The cursor is at COPY. */
  static CopyStatement parse(TokenCursor c) {
    c.expect("COPY", "INTO");
    if (c.peek().kind() == Token.Kind.STAGE || c.peek().kind() == Token.Kind.STRING) {
      throw SnowflakeError.unsupported("COPY INTO <location> (unloading)");
    }
    var table = c.objectName();
    List<String> columns = new ArrayList<>();
    if (c.acceptSymbol("(")) {
      do {
        Token col = c.peek();
        if (col.kind() != Token.Kind.WORD && col.kind() != Token.Kind.QUOTED) {
          throw c.unexpected();
        }
        c.next();
        columns.add(col.identifier());
      } while (c.acceptSymbol(","));
      c.expectSymbol(")");
    }
    c.expect("FROM");
    StageRef source;
    List<LoadExpression> select = null;
    if (c.acceptSymbol("(")) {
      c.expect("SELECT");
      select = new ArrayList<>();
      do {
        select.add(LoadExpression.parse(c));
      } while (c.acceptSymbol(","));
      c.expect("FROM");
      source = stage(c);
      if (!c.peek().is("WHERE") && (c.accept("AS") || c.peek().kind() == Token.Kind.WORD)) {
        c.next(); // the alias
      }
      if (c.peek().is("WHERE")) {
        throw SnowflakeError.unsupported("WHERE in a COPY transformation");
      }
      c.expectSymbol(")");
    } else {
      source = stage(c);
    }
    OptionList options = OptionList.parse(c, Set.of());
    c.expectEnd();
    return new CopyStatement(
        table, List.copyOf(columns), source, select == null ? null : List.copyOf(select), options);
  }

  /** A stage reference: an {@code @…} token or a quoted {@code '@…'} string. */
  static StageRef stage(TokenCursor c) {
    Token t = c.peek();
    if (t.kind() == Token.Kind.STAGE
        || (t.kind() == Token.Kind.STRING && t.text().startsWith("@"))) {
      c.next();
      return StageRef.parse(t.text());
    }
    if (t.kind() == Token.Kind.STRING) {
      throw SnowflakeError.unsupported("external locations ('" + t.text() + "')");
    }
    throw c.unexpected();
  }
}
