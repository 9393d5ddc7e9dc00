package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import io.floe.localsnowflake.sql.Ast.Between;
import io.floe.localsnowflake.sql.Ast.Binary;
import io.floe.localsnowflake.sql.Ast.Call;
import io.floe.localsnowflake.sql.Ast.Case;
import io.floe.localsnowflake.sql.Ast.Cast;
import io.floe.localsnowflake.sql.Ast.Column;
import io.floe.localsnowflake.sql.Ast.Expr;
import io.floe.localsnowflake.sql.Ast.InList;
import io.floe.localsnowflake.sql.Ast.IsNull;
import io.floe.localsnowflake.sql.Ast.Like;
import io.floe.localsnowflake.sql.Ast.Literal;
import io.floe.localsnowflake.sql.Ast.LiteralKind;
import io.floe.localsnowflake.sql.Ast.Path;
import io.floe.localsnowflake.sql.Ast.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Snowflake expressions, including semi-structured paths ({@code v:a.b[0]}, {@code v['k']}) and
 * {@code ::} casts, for {@link QueryParser}. Binds are taken from the cursor in order of
 * appearance.
 */
final class ExprParser {
  private final TokenCursor c;
  private final Supplier<Ast.Query> subquery;

  ExprParser(TokenCursor cursor, Supplier<Ast.Query> subquery) {
    this.c = cursor;
    this.subquery = subquery;
  }

  Expr expr() {
    Expr left = and();
    while (c.accept("OR")) {
      left = new Binary("OR", left, and());
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (c.accept("AND")) {
      left = new Binary("AND", left, not());
    }
    return left;
  }

  private Expr not() {
    if (c.accept("NOT")) {
      return new Ast.Unary("NOT", not());
    }
    return predicate();
  }

  private Expr predicate() {
    if (c.peek().is("EXISTS")) {
      throw SnowflakeError.unsupported("EXISTS subqueries");
    }
    Expr left = additive();
    Token t = c.peek();
    if (t.kind() == Token.Kind.SYMBOL
        && Set.of("=", "!=", "<>", "<", "<=", ">", ">=").contains(t.text())) {
      c.next();
      if (c.peek().is("ANY") || c.peek().is("ALL") || c.peek().is("SOME")) {
        throw SnowflakeError.unsupported("quantified comparisons");
      }
      return new Binary(t.text().equals("!=") ? "<>" : t.text(), left, additive());
    }
    if (c.accept("IS")) {
      boolean not = c.accept("NOT");
      if (c.accept("DISTINCT", "FROM")) {
        return new Binary(not ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM", left, additive());
      }
      c.expect("NULL");
      return new IsNull(left, not);
    }
    boolean not = c.accept("NOT");
    if (c.accept("IN")) {
      c.expectSymbol("(");
      if (c.peek().is("SELECT")) {
        Ast.Query q = subquery.get();
        c.expectSymbol(")");
        return new InList(left, List.of(new Ast.Subquery(q)), not);
      }
      List<Expr> items = new ArrayList<>();
      do {
        items.add(expr());
      } while (c.acceptSymbol(","));
      c.expectSymbol(")");
      return new InList(left, items, not);
    }
    if (c.accept("BETWEEN")) {
      Expr low = additive();
      c.expect("AND");
      return new Between(left, low, additive(), not);
    }
    if (c.peek().is("LIKE") || c.peek().is("ILIKE")) {
      boolean ilike = c.next().is("ILIKE");
      if (c.peek().is("ANY") || c.peek().is("ALL")) {
        throw SnowflakeError.unsupported("LIKE ANY / LIKE ALL");
      }
      Expr pattern = additive();
      if (c.peek().is("ESCAPE")) {
        throw SnowflakeError.unsupported("LIKE … ESCAPE");
      }
      return new Like(left, pattern, not, ilike);
    }
    if (c.peek().is("RLIKE") || c.peek().is("REGEXP")) {
      throw SnowflakeError.unsupported(c.peek().text().toUpperCase(Locale.ROOT));
    }
    if (not) {
      throw c.unexpected();
    }
    return left;
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (true) {
      Token t = c.peek();
      if (t.isSymbol("+") || t.isSymbol("-") || t.isSymbol("||")) {
        c.next();
        left = new Binary(t.text(), left, multiplicative());
      } else {
        return left;
      }
    }
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (true) {
      Token t = c.peek();
      if (t.isSymbol("*") || t.isSymbol("/") || t.isSymbol("%")) {
        c.next();
        left = new Binary(t.text(), left, unary());
      } else {
        return left;
      }
    }
  }

  private Expr unary() {
    if (c.acceptSymbol("-")) {
      Expr e = unary();
      if (e instanceof Literal l && l.kind() == LiteralKind.NUMBER) {
        return new Literal(LiteralKind.NUMBER, "-" + l.text());
      }
      return new Ast.Unary("-", e);
    }
    if (c.acceptSymbol("+")) {
      return unary();
    }
    return postfix(primary());
  }

  private Expr postfix(Expr e) {
    while (true) {
      if (c.acceptSymbol("::")) {
        e = new Cast(e, SqlType.parse(c), false);
      } else if (c.peek().isSymbol(":") && !(c.peek(1).kind() == Token.Kind.SYMBOL)) {
        c.next();
        e = appendStep(e, new Step(pathKey(), null, null));
      } else if (e instanceof Path
          && c.peek().isSymbol(".")
          && (c.peek(1).kind() == Token.Kind.WORD || c.peek(1).kind() == Token.Kind.QUOTED)) {
        c.next();
        e = appendStep(e, new Step(pathKey(), null, null));
      } else if (c.acceptSymbol("[")) {
        Expr idx = expr();
        c.expectSymbol("]");
        Step step;
        if (idx instanceof Literal l
            && l.kind() == LiteralKind.NUMBER
            && l.text().chars().allMatch(Character::isDigit)) {
          step = new Step(null, Integer.parseInt(l.text()), null);
        } else if (idx instanceof Literal l && l.kind() == LiteralKind.STRING) {
          step = new Step(l.text(), null, null);
        } else {
          step = new Step(null, null, idx);
        }
        e = appendStep(e, step);
      } else {
        return e;
      }
    }
  }

  /** A path key keeps its case as written: element names are case-sensitive. */
  private String pathKey() {
    Token t = c.next();
    if (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED) {
      return t.text();
    }
    throw io.floe.localsnowflake.core.SqlLexer.syntaxErrorAt(
        c.sql(), t.start(), "unexpected '" + t.text() + "'");
  }

  private static Expr appendStep(Expr e, Step step) {
    if (e instanceof Path p) {
      List<Step> steps = new ArrayList<>(p.steps());
      steps.add(step);
      return new Path(p.base(), steps);
    }
    return new Path(e, List.of(step));
  }

  private Expr primary() {
    Token t = c.peek();
    switch (t.kind()) {
      case NUMBER -> {
        c.next();
        return new Literal(LiteralKind.NUMBER, t.text());
      }
      case STRING -> {
        c.next();
        return new Literal(LiteralKind.STRING, t.text());
      }
      case PARAM -> {
        c.next();
        return new Ast.Param(c.nextBind());
      }
      case SYMBOL -> {
        if (c.acceptSymbol("(")) {
          if (c.peek().is("SELECT") || c.peek().is("WITH")) {
            Ast.Query q = subquery.get();
            c.expectSymbol(")");
            return new Ast.Subquery(q);
          }
          Expr e = expr();
          c.expectSymbol(")");
          return e;
        }
        if (t.isSymbol("*")) {
          c.next();
          return new Ast.Star(List.of());
        }
        throw c.unexpected();
      }
      case WORD, QUOTED -> {
        return wordPrimary(t);
      }
      case FILE_COLUMN -> throw SnowflakeError.unsupported("staged file columns ($1) outside COPY");
      default -> throw c.unexpected();
    }
  }

  private Expr wordPrimary(Token t) {
    if (t.kind() == Token.Kind.WORD) {
      String w = t.text().toUpperCase(Locale.ROOT);
      switch (w) {
        case "NULL" -> {
          c.next();
          return new Literal(LiteralKind.NULL, "NULL");
        }
        case "TRUE", "FALSE" -> {
          c.next();
          return new Literal(LiteralKind.BOOLEAN, w);
        }
        case "CASE" -> {
          c.next();
          return caseExpr();
        }
        case "CAST", "TRY_CAST" -> {
          if (c.peek(1).isSymbol("(")) {
            c.next();
            c.next();
            Expr e = expr();
            c.expect("AS");
            SqlType type = SqlType.parse(c);
            c.expectSymbol(")");
            return new Cast(e, type, w.equals("TRY_CAST"));
          }
        }
        case "CURRENT_DATE",
            "CURRENT_TIME",
            "CURRENT_TIMESTAMP",
            "LOCALTIME",
            "LOCALTIMESTAMP",
            "SYSDATE",
            "CURRENT_USER",
            "CURRENT_ROLE",
            "CURRENT_DATABASE",
            "CURRENT_SCHEMA",
            "CURRENT_WAREHOUSE" -> {
          if (!c.peek(1).isSymbol("(")) {
            c.next();
            return new Call(w, false, List.of(), false);
          }
        }
        case "INTERVAL", "EXISTS" -> throw SnowflakeError.unsupported(w);
        default -> {}
      }
    }
    List<String> parts = new ArrayList<>();
    parts.add(c.next().identifier());
    while (c.peek().isSymbol(".")) {
      Token after = c.peek(1);
      if (after.isSymbol("*")) {
        c.next();
        c.next();
        return new Ast.Star(parts);
      }
      if (after.kind() != Token.Kind.WORD && after.kind() != Token.Kind.QUOTED) {
        break;
      }
      c.next();
      parts.add(c.next().identifier());
    }
    if (c.peek().isSymbol("(") && parts.size() == 1 && t.kind() == Token.Kind.WORD) {
      return call(t.text().toUpperCase(Locale.ROOT));
    }
    if (parts.size() > 4) {
      throw SnowflakeError.invalidIdentifier(String.join(".", parts));
    }
    String name = parts.remove(parts.size() - 1);
    return new Column(List.copyOf(parts), name);
  }

  private Expr call(String name) {
    if (name.equals("EXTRACT")) {
      return extract();
    }
    c.expectSymbol("(");
    boolean distinct = c.accept("DISTINCT");
    List<Expr> args = new ArrayList<>();
    boolean star = false;
    if (c.acceptSymbol("*")) {
      star = true;
    } else if (!c.peek().isSymbol(")")) {
      do {
        if (c.peek(1).isSymbol("=>")) {
          throw SnowflakeError.unsupported("named arguments (" + name + ")");
        }
        args.add(expr());
        if (name.equals("DATE_PART") && args.size() == 1 && c.accept("FROM")) {
          args.add(expr()); // DATE_PART(part FROM v), EXTRACT's form
          break;
        }
      } while (c.acceptSymbol(","));
    }
    c.expectSymbol(")");
    if (c.accept("OVER")) {
      return new WindowParser(c, this::expr).window(name, distinct || star || !args.isEmpty());
    }
    if (c.peek().is("WITHIN")) {
      throw SnowflakeError.unsupported(name + " … WITHIN GROUP");
    }
    return new Call(name, distinct, args, star);
  }

  /**
   * {@code EXTRACT(part FROM v)}: a call of EXTRACT with the part as a string, as written
   * (Snowflake echoes it so in its error for an unknown part).
   */
  private Expr extract() {
    c.expectSymbol("(");
    Token part = c.peek();
    if (part.kind() != Token.Kind.WORD
        && part.kind() != Token.Kind.QUOTED
        && part.kind() != Token.Kind.STRING) {
      throw c.unexpected();
    }
    c.next();
    c.expect("FROM");
    Expr value = expr();
    c.expectSymbol(")");
    return new Call(
        "EXTRACT", false, List.of(new Literal(LiteralKind.STRING, part.text()), value), false);
  }

  private Expr caseExpr() {
    Expr operand = c.peek().is("WHEN") ? null : expr();
    List<Ast.When> whens = new ArrayList<>();
    while (c.accept("WHEN")) {
      Expr cond = expr();
      c.expect("THEN");
      whens.add(new Ast.When(cond, expr()));
    }
    if (whens.isEmpty()) {
      throw c.unexpected();
    }
    Expr otherwise = c.accept("ELSE") ? expr() : null;
    c.expect("END");
    return new Case(operand, whens, otherwise);
  }
}
