package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult.Rows;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import io.floe.localsnowflake.sql.ExprTranslator.T;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** INSERT (VALUES or SELECT, optionally OVERWRITE), UPDATE and DELETE. */
final class DmlExecutor {
  private final DuckCatalog catalog;

  DmlExecutor(DuckCatalog catalog) {
    this.catalog = catalog;
  }

  /** After INSERT. */
  Rows insert(SessionState s, TokenCursor c) {
    boolean overwrite = c.accept("OVERWRITE");
    if (c.peek().is("ALL") || c.peek().is("FIRST")) {
      throw SnowflakeError.unsupported("multi-table INSERT");
    }
    c.expect("INTO");
    ObjectStore.Table t = catalog.resolveTable(s, c.objectName(), "INSERT");
    List<ObjectStore.Column> targets = new ArrayList<>();
    if (c.peek().isSymbol("(") && !c.peek(1).is("SELECT")) {
      c.next();
      do {
        Token tok = c.next();
        if (tok.kind() != Token.Kind.WORD && tok.kind() != Token.Kind.QUOTED) {
          throw c.unexpected();
        }
        targets.add(
            t.column(tok.identifier())
                .orElseThrow(() -> SnowflakeError.invalidIdentifier(tok.identifier())));
      } while (c.acceptSymbol(","));
      c.expectSymbol(")");
    } else {
      targets.addAll(t.columns());
    }
    if (overwrite) {
      catalog.lockForWrite(s, t);
    }
    String sql;
    if (c.accept("VALUES")) {
      sql = values(s, c, t, targets);
    } else {
      QueryTranslator.Translated q =
          new QueryTranslator(s, catalog).translate(new QueryParser(c).query());
      c.expectEnd();
      if (q.types().size() != targets.size()) {
        throw mismatch(targets.size(), q.types().size());
      }
      List<String> cols = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        cols.add(assign(new T("\"c" + (i + 1) + "\"", q.types().get(i)), targets.get(i), false));
      }
      sql = "SELECT " + String.join(", ", cols) + " FROM (" + q.sql() + ")";
    }
    String insert =
        "INSERT INTO "
            + t.duckName()
            + " ("
            + String.join(", ", targets.stream().map(x -> Duck.id(x.name())).toList())
            + ") "
            + sql;
    long n =
        catalog
            .duck()
            .transaction(
                conn -> {
                  try (Statement st = conn.createStatement()) {
                    if (overwrite) {
                      st.executeUpdate("DELETE FROM " + t.duckName());
                    }
                    return (long) st.executeUpdate(insert);
                  }
                });
    return ResultBuilder.count(ResultBuilder.INSERT, n);
  }

  private String values(
      SessionState s, TokenCursor c, ObjectStore.Table t, List<ObjectStore.Column> targets) {
    ExprTranslator x =
        new ExprTranslator(
            new Scope(),
            new FunctionTranslator(s),
            q -> new QueryTranslator(s, catalog).translate(q));
    List<String> rows = new ArrayList<>();
    do {
      c.expectSymbol("(");
      List<String> row = new ArrayList<>();
      do {
        int itemStart = c.index();
        Ast.Expr e = new QueryParser(c).expr();
        T v = x.tr(e);
        if (v.semi()) {
          throw new SnowflakeError(
              "002014",
              "22000",
              "SQL compilation error:\nInvalid expression ["
                  + c.sourceBetween(itemStart, c.index())
                  + "] in VALUES clause");
        }
        if (row.size() < targets.size()) {
          row.add(assign(v, targets.get(row.size()), true));
        } else {
          row.add(v.sql());
        }
      } while (c.acceptSymbol(","));
      c.expectSymbol(")");
      if (row.size() != targets.size()) {
        throw mismatch(targets.size(), row.size());
      }
      rows.add("(" + String.join(", ", row) + ")");
    } while (c.acceptSymbol(","));
    c.expectEnd();
    return "VALUES " + String.join(", ", rows);
  }

  /** A value converted to a target column's type, as Snowflake's INSERT does. */
  static String assign(T v, ObjectStore.Column target, boolean valuesClause) {
    SqlType type = target.type();
    if (type.isSemiStructured()) {
      if (v.semi() || v.type().kind() == SqlType.Kind.NULL) {
        return v.sql();
      }
      if (valuesClause) {
        throw new SnowflakeError(
            "002023",
            "22000",
            "SQL compilation error:\nExpression type does"
                + " not match column data type, expecting "
                + type.describe()
                + " but got "
                + v.type().describe()
                + " for column "
                + target.name());
      }
      return ExprTranslator.toJson(v);
    }
    if (v.semi()) {
      return type.kind() == SqlType.Kind.TEXT
          ? "sf_text(" + v.sql() + ")"
          : "CAST("
              + TemporalText.parsable("sf_text(" + v.sql() + ")", type)
              + " AS "
              + type.duckType()
              + ")";
    }
    return ExprTranslator.castSql(v, type, "CAST");
  }

  private static SnowflakeError mismatch(int expected, int got) {
    return new SnowflakeError(
        "002020",
        "21S01",
        "SQL compilation error:\nInsert value list does"
            + " not match column list expecting "
            + expected
            + " but got "
            + got);
  }

  /** After UPDATE. */
  Rows update(SessionState s, TokenCursor c) {
    ObjectName name = c.objectName();
    String alias = alias(c);
    ObjectStore.Table t = catalog.resolveTable(s, name, "UPDATE");
    catalog.lockForWrite(s, t);
    Scope scope = scope(t, alias);
    ExprTranslator x =
        new ExprTranslator(
            scope, new FunctionTranslator(s), q -> new QueryTranslator(s, catalog).translate(q));
    c.expect("SET");
    List<String> sets = new ArrayList<>();
    do {
      Token col = c.next();
      ObjectStore.Column target =
          t.column(col.identifier())
              .orElseThrow(() -> SnowflakeError.invalidIdentifier(col.identifier()));
      c.expectSymbol("=");
      T v = x.tr(new QueryParser(c).expr());
      sets.add(Duck.id(target.name()) + " = " + assign(v, target, false));
    } while (c.acceptSymbol(","));
    if (c.peek().is("FROM")) {
      throw SnowflakeError.unsupported("UPDATE … FROM");
    }
    String where =
        c.accept("WHERE") ? " WHERE " + ExprTranslator.bool(x.tr(new QueryParser(c).expr())) : "";
    c.expectEnd();
    String sql = "UPDATE " + t.duckName() + " AS \"u\" SET " + String.join(", ", sets) + where;
    return ResultBuilder.count(ResultBuilder.UPDATE, run(sql));
  }

  /** After DELETE. */
  Rows delete(SessionState s, TokenCursor c) {
    c.expect("FROM");
    ObjectName name = c.objectName();
    String alias = alias(c);
    ObjectStore.Table t = catalog.resolveTable(s, name, "DELETE");
    catalog.lockForWrite(s, t);
    if (c.peek().is("USING")) {
      throw SnowflakeError.unsupported("DELETE … USING");
    }
    ExprTranslator x =
        new ExprTranslator(
            scope(t, alias),
            new FunctionTranslator(s),
            q -> new QueryTranslator(s, catalog).translate(q));
    String where =
        c.accept("WHERE") ? " WHERE " + ExprTranslator.bool(x.tr(new QueryParser(c).expr())) : "";
    c.expectEnd();
    return ResultBuilder.count(
        ResultBuilder.DELETE, run("DELETE FROM " + t.duckName() + " AS \"u\"" + where));
  }

  private long run(String sql) {
    return catalog
        .duck()
        .with(
            conn -> {
              try (Statement st = conn.createStatement()) {
                return (long) st.executeUpdate(sql);
              }
            });
  }

  private static String alias(TokenCursor c) {
    if (c.accept("AS")) {
      return c.next().identifier();
    }
    Token t = c.peek();
    if (t.kind() == Token.Kind.QUOTED
        || (t.kind() == Token.Kind.WORD && !t.is("SET") && !t.is("WHERE") && !t.is("USING"))) {
      return c.next().identifier();
    }
    return null;
  }

  private static Scope scope(ObjectStore.Table t, String alias) {
    Scope scope = new Scope();
    List<Scope.Col> cols = new ArrayList<>();
    for (ObjectStore.Column col : t.columns()) {
      cols.add(new Scope.Col(col.name(), "\"u\"." + Duck.id(col.name()), col.type()));
    }
    scope.add(
        new Scope.Source(
            alias != null ? List.of(alias) : List.of(t.database(), t.schema(), t.name()), cols));
    return scope;
  }
}
