package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.sql.ExprTranslator.T;
import io.floe.localsnowflake.sql.MergeParser.Action;
import io.floe.localsnowflake.sql.MergeParser.Clause;
import io.floe.localsnowflake.sql.MergeParser.Merge;
import java.util.ArrayList;
import java.util.List;

/**
 * A MERGE translated to DuckDB: the work query pairing each source row with the target rows it
 * matches ({@code __trid}, the target's rowid; null when none), the number of the WHEN clause that
 * applies to the pair ({@code __act}, clauses numbered from 1 in statement order; null when none
 * applies) and that clause's values ({@code __v<k>_<i>}, computed only for the pairs it applies to,
 * so a clause's casts never fail on rows another clause takes).
 */
final class MergePlan {
  private final ObjectStore.Table target;
  private final List<Clause> clauses;
  private final List<List<ObjectStore.Column>> columns = new ArrayList<>();
  private final String work;

  MergePlan(SessionState s, DuckCatalog catalog, Merge m, ObjectStore.Table target) {
    this.target = target;
    this.clauses = m.clauses();
    QueryTranslator.Translated source =
        new QueryTranslator(s, catalog)
            .translate(m.sourceQuery() != null ? m.sourceQuery() : selectAll(m.sourceTable()));
    Scope scope = new Scope();
    List<Scope.Col> targetCols = new ArrayList<>();
    for (ObjectStore.Column col : target.columns()) {
      targetCols.add(new Scope.Col(col.name(), "\"m_t\"." + Duck.id(col.name()), col.type()));
    }
    scope.add(
        new Scope.Source(
            m.targetAlias() != null
                ? List.of(m.targetAlias())
                : List.of(target.database(), target.schema(), target.name()),
            targetCols));
    List<Scope.Col> sourceCols = new ArrayList<>();
    for (int i = 0; i < source.names().size(); i++) {
      sourceCols.add(
          new Scope.Col(
              source.names().get(i), "\"m_s\".\"c" + (i + 1) + "\"", source.types().get(i)));
    }
    scope.add(new Scope.Source(sourceNames(s, m), sourceCols));
    ExprTranslator x =
        new ExprTranslator(
            scope, new FunctionTranslator(s), q -> new QueryTranslator(s, catalog).translate(q));

    String on = ExprTranslator.bool(x.tr(m.on()));
    StringBuilder matched = new StringBuilder();
    StringBuilder notMatched = new StringBuilder();
    for (int k = 1; k <= clauses.size(); k++) {
      Clause cl = clauses.get(k - 1);
      String cond = cl.condition() == null ? "TRUE" : ExprTranslator.bool(x.tr(cl.condition()));
      (cl.matched() ? matched : notMatched)
          .append(" WHEN ")
          .append(cond)
          .append(" THEN ")
          .append(k);
    }
    String act =
        "(CASE WHEN \"m_t\".rowid IS NULL THEN "
            + (notMatched.isEmpty() ? "NULL" : "CASE" + notMatched + " END")
            + " ELSE "
            + (matched.isEmpty() ? "NULL" : "CASE" + matched + " END")
            + " END)";

    List<String> select = new ArrayList<>();
    select.add("\"m_s\".__sid AS __sid");
    select.add("\"m_t\".rowid AS __trid");
    select.add(act + " AS __act");
    for (int k = 1; k <= clauses.size(); k++) {
      Clause cl = clauses.get(k - 1);
      List<ObjectStore.Column> cols = new ArrayList<>();
      if (cl.action() == Action.INSERT && cl.columns().isEmpty()) {
        cols.addAll(target.columns());
      } else {
        for (String name : cl.columns()) {
          cols.add(target.column(name).orElseThrow(() -> SnowflakeError.invalidIdentifier(name)));
        }
      }
      if (cols.size() != cl.values().size()) {
        throw new SnowflakeError(
            "002020",
            "21S01",
            "SQL compilation error:\nInsert value list does not match column list expecting "
                + cols.size()
                + " but got "
                + cl.values().size());
      }
      columns.add(cols);
      for (int i = 0; i < cols.size(); i++) {
        T v = x.tr(cl.values().get(i));
        select.add(
            "CASE WHEN "
                + act
                + " = "
                + k
                + " THEN "
                + DmlExecutor.assign(v, cols.get(i), false)
                + " END AS "
                + value(k, i));
      }
    }
    this.work =
        "SELECT "
            + String.join(", ", select)
            + " FROM (SELECT *, row_number() OVER () AS __sid FROM ("
            + source.sql()
            + ")) AS \"m_s\" LEFT JOIN "
            + target.duckName()
            + " AS \"m_t\" ON "
            + on;
  }

  ObjectStore.Table target() {
    return target;
  }

  String work() {
    return work;
  }

  /** The numbers of the clauses with this action, in statement order. */
  List<Integer> clauses(Action a) {
    List<Integer> out = new ArrayList<>();
    for (int k = 1; k <= clauses.size(); k++) {
      if (clauses.get(k - 1).action() == a) {
        out.add(k);
      }
    }
    return out;
  }

  /** An UPDATE clause's SET list, reading the work table as {@code "m"}. */
  String assignments(int k) {
    List<String> sets = new ArrayList<>();
    List<ObjectStore.Column> cols = columns.get(k - 1);
    for (int i = 0; i < cols.size(); i++) {
      sets.add(Duck.id(cols.get(i).name()) + " = \"m\"." + value(k, i));
    }
    return String.join(", ", sets);
  }

  /** An INSERT clause's target columns. */
  String insertColumns(int k) {
    return String.join(", ", columns.get(k - 1).stream().map(c -> Duck.id(c.name())).toList());
  }

  /** An INSERT clause's values, as work-table columns. */
  String valueColumns(int k) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < columns.get(k - 1).size(); i++) {
      out.add(value(k, i));
    }
    return String.join(", ", out);
  }

  private static String value(int k, int i) {
    return "\"__v" + k + "_" + i + "\"";
  }

  private static List<String> sourceNames(SessionState s, Merge m) {
    if (m.sourceAlias() != null) {
      return List.of(m.sourceAlias());
    }
    if (m.sourceTable() == null) {
      return List.of();
    }
    ObjectName full = m.sourceTable().in(s);
    return List.of(full.database(), full.schema(), full.name());
  }

  private static Ast.Query selectAll(ObjectName table) {
    Ast.Select all =
        new Ast.Select(
            false,
            List.of(new Ast.Item(new Ast.Star(List.of()), null, "*")),
            new Ast.TableRef(table, null),
            null,
            List.of(),
            null,
            null);
    return new Ast.Query(List.of(all), List.of(), List.of(), null, null);
  }
}
