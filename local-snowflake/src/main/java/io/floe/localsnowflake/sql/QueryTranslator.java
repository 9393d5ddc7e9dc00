package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.sql.Ast.Expr;
import io.floe.localsnowflake.sql.ExprTranslator.T;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates a parsed Snowflake query into one DuckDB query. Tables are resolved through the
 * catalog (with the SELECT privilege check) and referenced by generated aliases; every select item
 * is emitted as {@code … AS "c<n>"} while its Snowflake name and type are kept aside for the
 * result.
 */
final class QueryTranslator {
  /** A translated query: DuckDB SQL plus the Snowflake name and type of each output column. */
  record Translated(String sql, List<String> names, List<SqlType> types) {}

  private final SessionState session;
  private final DuckCatalog catalog;
  private int nextAlias;

  QueryTranslator(SessionState session, DuckCatalog catalog) {
    this.session = session;
    this.catalog = catalog;
  }

  Translated translate(Ast.Query q) {
    List<String> parts = new ArrayList<>();
    Translated first = null;
    Scope firstScope = null;
    List<T> firstItems = null;
    for (Ast.Select s : q.selects()) {
      Scope scope = new Scope();
      List<T> items = new ArrayList<>();
      Translated t = select(s, scope, items);
      if (first == null) {
        first = t;
        firstScope = scope;
        firstItems = items;
      } else if (t.types().size() != first.types().size()) {
        throw new SnowflakeError(
            "001789",
            "42601",
            "SQL compilation error:\ninvalid number of"
                + " result columns for set operator input branches, expected "
                + first.types().size()
                + ", got "
                + t.types().size()
                + " in branch "
                + parts.size());
      }
      parts.add(t.sql());
    }
    StringBuilder sql = new StringBuilder(parts.get(0));
    for (int i = 1; i < parts.size(); i++) {
      sql.insert(0, "(")
          .append(") ")
          .append(q.setOps().get(i - 1))
          .append(" (")
          .append(parts.get(i))
          .append(")");
    }
    boolean single = parts.size() == 1;
    if (!q.orderBy().isEmpty()) {
      List<String> keys = new ArrayList<>();
      for (Ast.Order o : q.orderBy()) {
        T key = orderKey(o.expr(), first, single ? firstScope : null, firstItems);
        boolean nullsFirst = o.nullsFirst() != null ? o.nullsFirst() : o.descending();
        keys.add(
            key.sql()
                + (o.descending() ? " DESC" : " ASC")
                + (nullsFirst ? " NULLS FIRST" : " NULLS LAST"));
      }
      sql.append(" ORDER BY ").append(String.join(", ", keys));
    }
    ExprTranslator constants =
        new ExprTranslator(new Scope(), new FunctionTranslator(session), this::translate);
    if (q.limit() != null) {
      sql.append(" LIMIT ").append(constants.tr(q.limit()).sql());
    }
    if (q.offset() != null) {
      sql.append(" OFFSET ").append(constants.tr(q.offset()).sql());
    }
    return new Translated(sql.toString(), first.names(), first.types());
  }

  /**
   * ORDER BY: an ordinal or a select alias refers to the select list; anything else is evaluated in
   * the (single) select's scope. VARIANTs order by their Snowflake sort key.
   */
  private T orderKey(Expr e, Translated q, Scope scope, List<T> items) {
    if (e instanceof Ast.Literal l && l.kind() == Ast.LiteralKind.NUMBER) {
      int n = Integer.parseInt(l.text());
      if (n < 1 || n > q.types().size()) {
        throw new SnowflakeError(
            "002045",
            "42601",
            "SQL compilation error:\nORDER BY position " + n + " is not in select list");
      }
      return ExprTranslator.vkey(new T("\"c" + n + "\"", q.types().get(n - 1)));
    }
    if (e instanceof Ast.Column c && c.qualifier().isEmpty()) {
      int i = q.names().indexOf(c.name());
      if (i >= 0 && (scope == null || !hasColumn(scope, c.name()))) {
        return ExprTranslator.vkey(new T("\"c" + (i + 1) + "\"", q.types().get(i)));
      }
    }
    if (scope == null) {
      throw SnowflakeError.unsupported("ORDER BY an expression over a set operation");
    }
    return ExprTranslator.vkey(expressions(scope).tr(e));
  }

  private static boolean hasColumn(Scope scope, String name) {
    return scope.sources().stream()
        .anyMatch(s -> s.columns().stream().anyMatch(c -> c.name().equals(name)));
  }

  private ExprTranslator expressions(Scope scope) {
    return new ExprTranslator(scope, new FunctionTranslator(session), this::translateNested);
  }

  private Translated translateNested(Ast.Query q) {
    return new QueryTranslator(session, catalog).withAliasesFrom(this).translate(q);
  }

  private QueryTranslator withAliasesFrom(QueryTranslator outer) {
    this.nextAlias = outer.nextAlias + 1000;
    return this;
  }

  private Translated select(Ast.Select s, Scope scope, List<T> itemsOut) {
    StringBuilder sql = new StringBuilder("SELECT ");
    if (s.distinct()) {
      sql.append("DISTINCT ");
    }
    String from = s.from() == null ? null : from(s.from(), scope);
    ExprTranslator x = expressions(scope);
    List<String> names = new ArrayList<>();
    List<SqlType> types = new ArrayList<>();
    List<String> selects = new ArrayList<>();
    for (Ast.Item item : s.items()) {
      if (item.expr() instanceof Ast.Star star) {
        for (Scope.Col c : scope.star(star.qualifier())) {
          add(new T(c.sql(), c.type()), c.name(), names, types, selects, itemsOut);
        }
        continue;
      }
      T t = x.tr(item.expr());
      String name = item.alias() != null ? item.alias() : defaultName(item);
      add(t, name, names, types, selects, itemsOut);
      if (item.alias() != null) {
        scope.alias(new Scope.Alias(item.alias(), t));
      }
    }
    sql.append(String.join(", ", selects));
    if (from != null) {
      sql.append(" FROM ").append(from);
    }
    if (s.where() != null) {
      sql.append(" WHERE ").append(ExprTranslator.bool(x.tr(s.where())));
    }
    if (!s.groupBy().isEmpty()) {
      List<String> keys = new ArrayList<>();
      for (Expr g : s.groupBy()) {
        if (g instanceof Ast.Literal l && l.kind() == Ast.LiteralKind.NUMBER) {
          int n = Integer.parseInt(l.text());
          if (n < 1 || n > itemsOut.size()) {
            throw new SnowflakeError(
                "002046",
                "42601",
                "SQL compilation error:\nGROUP BY" + " position " + n + " is not in select list");
          }
          keys.add(itemsOut.get(n - 1).sql());
        } else {
          keys.add(x.tr(g).sql());
        }
      }
      sql.append(" GROUP BY ").append(String.join(", ", keys));
    }
    if (s.having() != null) {
      sql.append(" HAVING ").append(ExprTranslator.bool(x.tr(s.having())));
    }
    if (s.qualify() != null) {
      sql.append(" QUALIFY ").append(ExprTranslator.bool(x.tr(s.qualify())));
    }
    return new Translated(sql.toString(), names, types);
  }

  private static void add(
      T t,
      String name,
      List<String> names,
      List<SqlType> types,
      List<String> selects,
      List<T> items) {
    names.add(name);
    types.add(t.type());
    items.add(t);
    selects.add(t.sql() + " AS \"c" + names.size() + "\"");
  }

  /** Snowflake names an unaliased column after the column, or the expression's text upper-cased. */
  private static String defaultName(Ast.Item item) {
    if (item.expr() instanceof Ast.Column c) {
      return c.name();
    }
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (char ch : item.text().toCharArray()) {
      if (quote != 0) {
        out.append(ch);
        if (ch == quote) {
          quote = 0;
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        out.append(ch);
      } else {
        out.append(Character.toUpperCase(ch));
      }
    }
    return out.toString();
  }

  private String from(Ast.From f, Scope scope) {
    if (f instanceof Ast.TableRef t) {
      ObjectStore.Table table = catalog.resolveTable(session, t.name(), "SELECT");
      String alias = "t" + (++nextAlias);
      List<Scope.Col> cols = new ArrayList<>();
      for (ObjectStore.Column c : table.columns()) {
        cols.add(new Scope.Col(c.name(), Duck.id(alias) + "." + Duck.id(c.name()), c.type()));
      }
      List<String> names =
          t.alias() != null
              ? List.of(t.alias())
              : List.of(table.database(), table.schema(), table.name());
      scope.add(new Scope.Source(names, cols));
      return table.duckName() + " AS " + Duck.id(alias);
    }
    if (f instanceof Ast.Derived d) {
      Translated inner = translateNested(d.query());
      String alias = "t" + (++nextAlias);
      List<Scope.Col> cols = new ArrayList<>();
      for (int i = 0; i < inner.names().size(); i++) {
        cols.add(
            new Scope.Col(
                inner.names().get(i),
                Duck.id(alias) + ".\"c" + (i + 1) + "\"",
                inner.types().get(i)));
      }
      scope.add(new Scope.Source(d.alias() == null ? List.of() : List.of(d.alias()), cols));
      return "(" + inner.sql() + ") AS " + Duck.id(alias);
    }
    Ast.Join j = (Ast.Join) f;
    String left = from(j.left(), scope);
    String right = from(j.right(), scope);
    if (j.on() == null) {
      return left + " CROSS JOIN " + right;
    }
    String on = ExprTranslator.bool(expressions(scope).tr(j.on()));
    return left + " " + j.kind().toUpperCase(Locale.ROOT) + " JOIN " + right + " ON " + on;
  }
}
