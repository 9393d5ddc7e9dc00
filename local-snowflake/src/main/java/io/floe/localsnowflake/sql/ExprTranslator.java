package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.sql.Ast.Expr;
import io.floe.localsnowflake.sql.SqlType.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates Snowflake expressions into DuckDB SQL, tracking each expression's Snowflake type so
 * that VARIANT values get Snowflake's semantics (see {@link VariantMacros}): paths become {@code
 * sf_get}, a VARIANT compared with or computed with a number becomes a number, with a string its
 * unquoted text, and casts from VARIANT go through the value's text.
 */
final class ExprTranslator {
  /** A translated expression: DuckDB SQL and the Snowflake type of its value. */
  record T(String sql, SqlType type) {
    boolean semi() {
      return type.isSemiStructured();
    }
  }

  /** Translates subqueries (scalar or IN) with the enclosing scope's session and catalog. */
  interface SubqueryTranslator {
    QueryTranslator.Translated translate(Ast.Query query);
  }

  private final Scope scope;
  private final FunctionTranslator functions;
  private final SubqueryTranslator subqueries;

  ExprTranslator(Scope scope, FunctionTranslator functions, SubqueryTranslator subqueries) {
    this.scope = scope;
    this.functions = functions;
    this.subqueries = subqueries;
  }

  T tr(Expr e) {
    if (e instanceof Ast.Literal l) {
      return Literals.literal(l);
    }
    if (e instanceof Ast.Param p) {
      return Literals.bind(p.bind());
    }
    if (e instanceof Ast.Column c) {
      return scope.resolve(c.qualifier(), c.name());
    }
    if (e instanceof Ast.Star) {
      throw new SnowflakeError(
          "001003",
          "42000",
          "SQL compilation error:\n"
              + "syntax error: '*' is only allowed in a select list or COUNT(*).");
    }
    if (e instanceof Ast.Path p) {
      return path(p);
    }
    if (e instanceof Ast.Cast c) {
      return cast(tr(c.expr()), c.type(), c.tryCast());
    }
    if (e instanceof Ast.Call c) {
      return functions.call(c, this);
    }
    if (e instanceof Ast.Unary u) {
      T x = tr(u.expr());
      return u.op().equals("NOT")
          ? new T("(NOT " + bool(x) + ")", SqlType.BOOLEAN)
          : new T("(-" + num(x).sql() + ")", num(x).type());
    }
    if (e instanceof Ast.Binary b) {
      return binary(b);
    }
    if (e instanceof Ast.IsNull n) {
      return new T(
          "(" + tr(n.expr()).sql() + (n.not() ? " IS NOT NULL)" : " IS NULL)"), SqlType.BOOLEAN);
    }
    if (e instanceof Ast.InList in) {
      return in(in);
    }
    if (e instanceof Ast.Between b) {
      T x = tr(b.expr());
      T lo = tr(b.low());
      T hi = tr(b.high());
      T[] a = coerce(x, lo);
      T[] h = coerce(x, hi);
      return new T(
          "("
              + a[0].sql()
              + (b.not() ? " NOT" : "")
              + " BETWEEN "
              + a[1].sql()
              + " AND "
              + h[1].sql()
              + ")",
          SqlType.BOOLEAN);
    }
    if (e instanceof Ast.Like l) {
      return new T(
          "("
              + text(tr(l.expr())).sql()
              + (l.not() ? " NOT" : "")
              + (l.ilike() ? " ILIKE " : " LIKE ")
              + text(tr(l.pattern())).sql()
              + ")",
          SqlType.BOOLEAN);
    }
    if (e instanceof Ast.Case c) {
      return caseExpr(c);
    }
    if (e instanceof Ast.Window w) {
      return WindowTranslator.translate(w, this);
    }
    if (e instanceof Ast.Subquery s) {
      QueryTranslator.Translated q = subqueries.translate(s.query());
      if (q.types().size() != 1) {
        throw new SnowflakeError(
            "002020", "21000", "SQL compilation error:\nSubquery must return exactly one column.");
      }
      return new T("(" + q.sql() + ")", q.types().get(0));
    }
    throw new IllegalStateException("unhandled expression " + e);
  }

  // ---- paths and casts

  private T path(Ast.Path p) {
    T base = tr(p.base());
    if (!base.semi() && base.type().kind() != Kind.NULL) {
      throw new SnowflakeError(
          "001044",
          "22023",
          "SQL compilation error:\nInvalid argument types for function 'GET': ("
              + base.type().describe()
              + ", VARCHAR)");
    }
    StringBuilder literal = new StringBuilder("$");
    List<String> parts = new ArrayList<>();
    for (Ast.Step s : p.steps()) {
      if (s.dynamic() == null) {
        literal.append(s.key() != null ? "." + jsonKey(s.key()) : "[" + s.index() + "]");
        continue;
      }
      parts.add(Duck.str(literal.toString()));
      literal.setLength(0);
      T d = tr(s.dynamic());
      parts.add(
          d.type().isNumeric()
              ? "'[' || CAST(" + d.sql() + " AS BIGINT) || ']'"
              : "'.\"' || replace(" + text(d).sql() + ", '\"', '\\\"') || '\"'");
    }
    parts.add(Duck.str(literal.toString()));
    String pathSql = parts.size() == 1 ? parts.get(0) : "(" + String.join(" || ", parts) + ")";
    return new T("sf_get(" + base.sql() + ", " + pathSql + ")", SqlType.VARIANT);
  }

  private static String jsonKey(String key) {
    return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  T cast(T x, SqlType target, boolean tryCast) {
    String fn = tryCast ? "TRY_CAST" : "CAST";
    if (target.isSemiStructured()) {
      if (x.semi()) {
        return new T(x.sql(), target);
      }
      return new T(toJson(x), target);
    }
    if (x.semi()) {
      if (target.kind() == Kind.TEXT) {
        return new T("sf_text(" + x.sql() + ")", target);
      }
      if (target.kind() == Kind.BINARY) {
        throw SnowflakeError.unsupported("casting VARIANT to BINARY");
      }
      String t = TemporalText.parsable("sf_text(" + x.sql() + ")", target);
      return new T(fn + "(" + t + " AS " + target.duckType() + ")", target);
    }
    return new T(castSql(x, target, fn), target);
  }

  /**
   * A non-VARIANT value cast with {@code fn} (CAST or TRY_CAST); dates and times to text and text
   * to timestamps as Snowflake's default formats have them ({@link TemporalText}).
   */
  static String castSql(T x, SqlType target, String fn) {
    if (target.kind() == Kind.TEXT && TemporalText.isTemporal(x.type())) {
      return fn + "(" + TemporalText.format(x).sql() + " AS " + target.duckType() + ")";
    }
    String value = x.type().kind() == Kind.TEXT ? TemporalText.parsable(x.sql(), target) : x.sql();
    return fn + "(" + value + " AS " + target.duckType() + ")";
  }

  // ---- coercions

  /**
   * A SQL value as a VARIANT. Numbers go through their exact text (DuckDB's to_json would print a
   * DECIMAL through a double: 2 as 2.0).
   */
  static String toJson(T v) {
    if (v.semi()) {
      return v.sql();
    }
    if (v.type().kind() == Kind.NUMBER) {
      return "CAST(CAST(" + v.sql() + " AS VARCHAR) AS JSON)";
    }
    return "to_json(" + v.sql() + ")";
  }

  /** A VARIANT used as a number: its numeric value (as a DOUBLE); other values unchanged. */
  static T num(T x) {
    return x.semi() ? new T("sf_num(" + x.sql() + ")", SqlType.FLOAT) : x;
  }

  /**
   * A value used as text: a VARIANT string unquoted, JSON null as NULL, a date or time in
   * Snowflake's output format.
   */
  static T text(T x) {
    return x.semi() ? new T("sf_text(" + x.sql() + ")", SqlType.TEXT) : TemporalText.format(x);
  }

  static String bool(T x) {
    return x.semi() ? "CAST(sf_text(" + x.sql() + ") AS BOOLEAN)" : x.sql();
  }

  /** Makes two operands comparable the way Snowflake compares them. */
  static T[] coerce(T a, T b) {
    if (a.semi() && b.semi()) {
      return new T[] {vkey(a), vkey(b)};
    }
    if (a.semi()) {
      return new T[] {toward(a, b.type()), b};
    }
    if (b.semi()) {
      return new T[] {a, toward(b, a.type())};
    }
    return new T[] {a, b};
  }

  private static T toward(T variant, SqlType other) {
    return switch (other.kind()) {
      case NUMBER, FLOAT -> num(variant);
      case BOOLEAN -> new T(bool(variant), SqlType.BOOLEAN);
      case NULL -> variant;
      case TEXT -> text(variant);
      default -> new T("CAST(sf_text(" + variant.sql() + ") AS " + other.duckType() + ")", other);
    };
  }

  /** The sort key of a VARIANT: numbers numerically, before other values. */
  static T vkey(T x) {
    return x.semi() ? new T("sf_vkey(" + x.sql() + ")", x.type()) : x;
  }

  private T binary(Ast.Binary b) {
    T l = tr(b.left());
    T r = tr(b.right());
    switch (b.op()) {
      case "AND", "OR" -> {
        return new T("(" + bool(l) + " " + b.op() + " " + bool(r) + ")", SqlType.BOOLEAN);
      }
      case "||" -> {
        return new T(
            "(CAST(" + text(l).sql() + " AS VARCHAR) || CAST(" + text(r).sql() + " AS VARCHAR))",
            SqlType.TEXT);
      }
      case "+", "-", "*", "/", "%" -> {
        T nl = num(l);
        T nr = num(r);
        SqlType t =
            nl.type().kind() == Kind.FLOAT || nr.type().kind() == Kind.FLOAT || b.op().equals("/")
                ? SqlType.FLOAT
                : nl.type().isNumeric() ? nl.type() : nr.type();
        return new T("(" + nl.sql() + " " + b.op() + " " + nr.sql() + ")", t);
      }
      default -> {
        T[] c = coerce(l, r);
        return new T("(" + c[0].sql() + " " + b.op() + " " + c[1].sql() + ")", SqlType.BOOLEAN);
      }
    }
  }

  private T in(Ast.InList in) {
    T x = tr(in.expr());
    List<String> items = new ArrayList<>();
    T left = x;
    for (Expr item : in.items()) {
      T[] c = coerce(x, tr(item));
      left = c[0];
      items.add(c[1].sql());
    }
    return new T(
        "(" + left.sql() + (in.not() ? " NOT IN (" : " IN (") + String.join(", ", items) + "))",
        SqlType.BOOLEAN);
  }

  private T caseExpr(Ast.Case c) {
    T operand = c.operand() == null ? null : tr(c.operand());
    List<T[]> whens = new ArrayList<>();
    List<T> results = new ArrayList<>();
    for (Ast.When w : c.whens()) {
      T cond = tr(w.condition());
      whens.add(
          operand == null ? new T[] {new T(bool(cond), SqlType.BOOLEAN)} : coerce(operand, cond));
      results.add(tr(w.result()));
    }
    if (c.otherwise() != null) {
      results.add(tr(c.otherwise()));
    }
    List<T> unified = unify(results);
    StringBuilder sql = new StringBuilder("CASE");
    for (int i = 0; i < whens.size(); i++) {
      T[] w = whens.get(i);
      sql.append(
          operand == null ? " WHEN " + w[0].sql() : " WHEN " + w[0].sql() + " = " + w[1].sql());
      sql.append(" THEN ").append(unified.get(i).sql());
    }
    if (c.otherwise() != null) {
      sql.append(" ELSE ").append(unified.get(unified.size() - 1).sql());
    }
    return new T(sql.append(" END").toString(), unified.get(0).type());
  }

  /** Values that meet in one result (CASE, COALESCE): all VARIANT if any is. */
  static List<T> unify(List<T> values) {
    SqlType semi =
        values.stream().map(T::type).filter(SqlType::isSemiStructured).findFirst().orElse(null);
    SqlType first =
        values.stream()
            .map(T::type)
            .filter(t -> t.kind() != Kind.NULL)
            .findFirst()
            .orElse(SqlType.NULL);
    List<T> out = new ArrayList<>();
    for (T v : values) {
      if (semi != null && !v.semi() && v.type().kind() != Kind.NULL) {
        out.add(new T(toJson(v), SqlType.VARIANT));
      } else {
        out.add(new T(v.sql(), semi != null ? semi : first));
      }
    }
    return out;
  }
}
