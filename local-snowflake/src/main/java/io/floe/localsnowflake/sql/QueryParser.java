package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import io.floe.localsnowflake.sql.Ast.Expr;
import io.floe.localsnowflake.sql.Ast.From;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser for Snowflake SELECT queries (expressions: {@link ExprParser}).
 * Constructs outside its grammar fail loudly: with Snowflake's syntax error, or as unsupported when
 * Snowflake has them and we do not.
 */
final class QueryParser {
  /** Words that end an expression or select item, so they are never taken as aliases. */
  private static final Set<String> RESERVED =
      Set.of(
          "FROM",
          "WHERE",
          "GROUP",
          "HAVING",
          "ORDER",
          "LIMIT",
          "OFFSET",
          "UNION",
          "EXCEPT",
          "MINUS",
          "INTERSECT",
          "JOIN",
          "INNER",
          "LEFT",
          "RIGHT",
          "FULL",
          "CROSS",
          "ON",
          "AS",
          "QUALIFY",
          "FETCH",
          "WINDOW",
          "NATURAL",
          "USING",
          "AND",
          "OR",
          "NOT",
          "IS",
          "IN",
          "BETWEEN",
          "LIKE",
          "ILIKE",
          "THEN",
          "WHEN",
          "ELSE",
          "END",
          "ASC",
          "DESC",
          "NULLS",
          "SELECT",
          "LATERAL",
          "SET",
          "VALUES",
          "OVER",
          "SAMPLE",
          "TABLESAMPLE",
          "START",
          "CONNECT",
          "PIVOT",
          "UNPIVOT");

  private final TokenCursor c;

  QueryParser(TokenCursor cursor) {
    this.c = cursor;
  }

  // ---- queries

  Ast.Query query() {
    if (c.peek().is("WITH")) {
      throw SnowflakeError.unsupported("WITH (common table expressions)");
    }
    List<Ast.Select> selects = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    selects.add(select());
    while (true) {
      if (c.accept("UNION", "ALL")) {
        ops.add("UNION ALL");
      } else if (c.accept("UNION")) {
        ops.add("UNION");
      } else if (c.accept("EXCEPT") || c.accept("MINUS")) {
        ops.add("EXCEPT");
      } else if (c.accept("INTERSECT")) {
        ops.add("INTERSECT");
      } else {
        break;
      }
      selects.add(select());
    }
    List<Ast.Order> order = OrderItems.parse(c, this::expr);
    Expr limit = null;
    Expr offset = null;
    if (c.accept("LIMIT")) {
      limit = expr();
      if (c.accept("OFFSET")) {
        offset = expr();
      }
    } else if (c.accept("OFFSET")) {
      offset = expr();
      c.accept("ROWS");
      c.accept("ROW");
      if (c.accept("FETCH")) {
        if (!c.accept("FIRST")) {
          c.expect("NEXT");
        }
        limit = expr();
        if (!c.accept("ROWS")) {
          c.accept("ROW");
        }
        c.expect("ONLY");
      }
    }
    return new Ast.Query(selects, ops, order, limit, offset);
  }

  private Ast.Select select() {
    if (c.acceptSymbol("(")) {
      throw SnowflakeError.unsupported("a parenthesised query in a set operation");
    }
    c.expect("SELECT");
    boolean distinct = c.accept("DISTINCT");
    if (!distinct) {
      c.accept("ALL");
    }
    if (c.peek().is("TOP")) {
      throw SnowflakeError.unsupported("SELECT TOP");
    }
    List<Ast.Item> items = new ArrayList<>();
    do {
      int start = c.index();
      Expr e = expr();
      String text = c.sourceBetween(start, c.index());
      String alias = null;
      if (c.accept("AS")) {
        alias = identifier();
      } else if (isAliasToken(c.peek())) {
        alias = identifier();
      }
      items.add(new Ast.Item(e, alias, text));
    } while (c.acceptSymbol(","));
    From from = null;
    if (c.accept("FROM")) {
      from = from();
    }
    Expr where = c.accept("WHERE") ? expr() : null;
    List<Expr> groupBy = new ArrayList<>();
    if (c.accept("GROUP", "BY")) {
      if (c.peek().is("ALL")
          || c.peek().is("ROLLUP")
          || c.peek().is("CUBE")
          || c.peek().is("GROUPING")) {
        throw SnowflakeError.unsupported("GROUP BY " + c.peek().text().toUpperCase(Locale.ROOT));
      }
      do {
        groupBy.add(expr());
      } while (c.acceptSymbol(","));
    }
    Expr having = c.accept("HAVING") ? expr() : null;
    Expr qualify = c.accept("QUALIFY") ? expr() : null;
    return new Ast.Select(distinct, items, from, where, groupBy, having, qualify);
  }

  private From from() {
    From left = fromItem();
    while (true) {
      String kind;
      if (c.acceptSymbol(",")) {
        left = new Ast.Join(left, "CROSS", fromItem(), null);
        continue;
      } else if (c.accept("JOIN") || c.accept("INNER", "JOIN")) {
        kind = "INNER";
      } else if (c.accept("LEFT")) {
        c.accept("OUTER");
        c.expect("JOIN");
        kind = "LEFT";
      } else if (c.accept("RIGHT")) {
        c.accept("OUTER");
        c.expect("JOIN");
        kind = "RIGHT";
      } else if (c.accept("FULL")) {
        c.accept("OUTER");
        c.expect("JOIN");
        kind = "FULL";
      } else if (c.accept("CROSS", "JOIN")) {
        left = new Ast.Join(left, "CROSS", fromItem(), null);
        continue;
      } else if (c.peek().is("NATURAL")) {
        throw SnowflakeError.unsupported("NATURAL JOIN");
      } else {
        return left;
      }
      From right = fromItem();
      if (c.peek().is("USING")) {
        throw SnowflakeError.unsupported("JOIN … USING");
      }
      c.expect("ON");
      left = new Ast.Join(left, kind, right, expr());
    }
  }

  private From fromItem() {
    Token t = c.peek();
    if (t.is("LATERAL") || (t.is("TABLE") && c.peek(1).isSymbol("("))) {
      throw SnowflakeError.unsupported("table functions (" + t.text().toUpperCase() + ")");
    }
    if (t.kind() == Token.Kind.STAGE) {
      throw SnowflakeError.unsupported("querying staged files outside COPY");
    }
    if (c.acceptSymbol("(")) {
      Ast.Query q = query();
      c.expectSymbol(")");
      return new Ast.Derived(q, alias());
    }
    return new Ast.TableRef(c.objectName(), alias());
  }

  private String alias() {
    if (c.accept("AS")) {
      return identifier();
    }
    return isAliasToken(c.peek()) ? identifier() : null;
  }

  private boolean isAliasToken(Token t) {
    return t.kind() == Token.Kind.QUOTED
        || (t.kind() == Token.Kind.WORD && !RESERVED.contains(t.text().toUpperCase(Locale.ROOT)));
  }

  private String identifier() {
    Token t = c.peek();
    if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED) {
      throw c.unexpected();
    }
    c.next();
    return t.identifier();
  }

  Expr expr() {
    return new ExprParser(c, this::query).expr();
  }
}
