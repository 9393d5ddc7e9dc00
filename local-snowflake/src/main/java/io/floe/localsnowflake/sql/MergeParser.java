package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import io.floe.localsnowflake.sql.Ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code MERGE INTO target [AS] t USING (query) | table [AS] s ON cond} followed by any
 * number of {@code WHEN MATCHED [AND p] THEN UPDATE SET … | DELETE} and {@code WHEN NOT MATCHED
 * [AND p] THEN INSERT [(cols)] VALUES (…)} clauses, in order.
 */
final class MergeParser {
  /** The parsed statement; exactly one of {@code sourceQuery} and {@code sourceTable} is set. */
  record Merge(
      ObjectName target,
      String targetAlias,
      Ast.Query sourceQuery,
      ObjectName sourceTable,
      String sourceAlias,
      Expr on,
      List<Clause> clauses) {}

  enum Action {
    UPDATE,
    DELETE,
    INSERT
  }

  /**
   * One WHEN clause. {@code condition} is null when absent; {@code columns}/{@code values} are the
   * SET pairs of an UPDATE or the INSERT list (columns empty: all of the target's, in order).
   */
  record Clause(
      boolean matched, Expr condition, Action action, List<String> columns, List<Expr> values) {}

  private static final Set<String> NOT_ALIASES = Set.of("USING", "ON", "WHEN", "SET");

  private final TokenCursor c;

  MergeParser(TokenCursor cursor) {
    this.c = cursor;
  }

  /** After MERGE. */
  Merge parse() {
    c.expect("INTO");
    ObjectName target = c.objectName();
    String targetAlias = alias();
    c.expect("USING");
    Ast.Query query = null;
    ObjectName table = null;
    if (c.acceptSymbol("(")) {
      query = new QueryParser(c).query();
      c.expectSymbol(")");
    } else {
      table = c.objectName();
    }
    String sourceAlias = alias();
    c.expect("ON");
    Expr on = expr();
    List<Clause> clauses = new ArrayList<>();
    while (c.accept("WHEN")) {
      clauses.add(clause());
    }
    if (clauses.isEmpty()) {
      throw c.unexpected();
    }
    c.expectEnd();
    return new Merge(target, targetAlias, query, table, sourceAlias, on, clauses);
  }

  private Clause clause() {
    boolean matched = !c.accept("NOT");
    c.expect("MATCHED");
    if (c.peek().is("BY")) {
      throw SnowflakeError.unsupported("WHEN NOT MATCHED BY SOURCE/TARGET");
    }
    Expr condition = c.accept("AND") ? expr() : null;
    c.expect("THEN");
    List<String> columns = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    if (matched && c.accept("DELETE")) {
      return new Clause(true, condition, Action.DELETE, columns, values);
    }
    if (matched) {
      c.expect("UPDATE");
      if (c.peek().is("ALL")) {
        throw SnowflakeError.unsupported("MERGE … UPDATE ALL BY NAME");
      }
      c.expect("SET");
      do {
        columns.add(column());
        c.expectSymbol("=");
        values.add(expr());
      } while (c.acceptSymbol(","));
      return new Clause(true, condition, Action.UPDATE, columns, values);
    }
    c.expect("INSERT");
    if (c.peek().is("ALL")) {
      throw SnowflakeError.unsupported("MERGE … INSERT ALL BY NAME");
    }
    if (c.acceptSymbol("(")) {
      do {
        columns.add(column());
      } while (c.acceptSymbol(","));
      c.expectSymbol(")");
    }
    c.expect("VALUES");
    c.expectSymbol("(");
    do {
      values.add(expr());
    } while (c.acceptSymbol(","));
    c.expectSymbol(")");
    return new Clause(false, condition, Action.INSERT, columns, values);
  }

  /** A target column; a qualifier (the target's alias or name) is allowed and dropped. */
  private String column() {
    String name = identifier();
    while (c.acceptSymbol(".")) {
      name = identifier();
    }
    return name;
  }

  private String alias() {
    if (c.accept("AS")) {
      return identifier();
    }
    Token t = c.peek();
    if (t.kind() == Token.Kind.QUOTED
        || (t.kind() == Token.Kind.WORD
            && !NOT_ALIASES.contains(t.text().toUpperCase(Locale.ROOT)))) {
      return identifier();
    }
    return null;
  }

  private String identifier() {
    Token t = c.peek();
    if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED) {
      throw c.unexpected();
    }
    c.next();
    return t.identifier();
  }

  private Expr expr() {
    return new QueryParser(c).expr();
  }
}
