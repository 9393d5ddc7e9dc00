package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult.Rows;
import io.floe.localsnowflake.core.TokenCursor;
import io.floe.localsnowflake.sql.MergeParser.Action;
import io.floe.localsnowflake.sql.MergeParser.Merge;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MERGE, executed as Snowflake defines it rather than with DuckDB's own MERGE, whose duplicate and
 * clause-order rules differ. In one DuckDB transaction: the source joined to the target (LEFT JOIN
 * on the ON condition) is materialised with, per pair, the first WHEN clause whose condition holds
 * and that clause's values; a target row that several source rows would UPDATE (or UPDATE and
 * DELETE) is Snowflake's nondeterministic case, an error unless ERROR_ON_NONDETERMINISTIC_MERGE is
 * FALSE (then the first source row wins); then the deletes, updates and inserts run from it.
 */
final class MergeExecutor {
  static final long MERGE = 0x3400;
  private static final String WORK = "\"__floe_merge\"";

  private final DuckCatalog catalog;

  MergeExecutor(DuckCatalog catalog) {
    this.catalog = catalog;
  }

  /** After MERGE. */
  Rows merge(SessionState s, TokenCursor c) {
    Merge m = new MergeParser(c).parse();
    Set<Action> actions = new LinkedHashSet<>();
    m.clauses().forEach(cl -> actions.add(cl.action()));
    ObjectStore.Table target = null;
    for (Action a : actions) {
      target = catalog.resolveTable(s, m.target(), a.name());
    }
    catalog.lockForWrite(s, target);
    MergePlan plan = new MergePlan(s, catalog, m, target);
    long[] counts =
        catalog
            .duck()
            .transaction(
                conn -> {
                  try (Statement st = conn.createStatement()) {
                    st.execute("CREATE OR REPLACE TEMP TABLE " + WORK + " AS " + plan.work());
                    try {
                      return apply(s, conn, st, plan);
                    } finally {
                      st.execute("DROP TABLE IF EXISTS " + WORK);
                    }
                  }
                });
    ResultBuilder b = new ResultBuilder();
    List<Object> row = new ArrayList<>();
    if (actions.contains(Action.INSERT)) {
      b.number("number of rows inserted");
      row.add(counts[0]);
    }
    if (actions.contains(Action.UPDATE)) {
      b.number("number of rows updated");
      row.add(counts[1]);
    }
    if (actions.contains(Action.DELETE)) {
      b.number("number of rows deleted");
      row.add(counts[2]);
    }
    return b.row(row.toArray()).build(MERGE);
  }

  /** Inserted, updated, deleted. */
  private static long[] apply(SessionState s, Connection conn, Statement st, MergePlan plan)
      throws SQLException {
    List<Integer> updates = plan.clauses(Action.UPDATE);
    if (!updates.isEmpty()) {
      List<Long> duplicate =
          DuckStore.query(
              conn,
              "SELECT __trid FROM "
                  + WORK
                  + " WHERE __trid IS NOT NULL AND __act IS NOT NULL GROUP BY __trid"
                  + " HAVING count(*) > 1 AND bool_or(__act IN ("
                  + join(updates)
                  + ")) LIMIT 1",
              rs -> rs.getLong(1));
      if (!duplicate.isEmpty() && s.errorOnNondeterministicMerge()) {
        throw duplicateRow(conn, plan, duplicate.get(0));
      }
    }
    // One action per target row: the first source row's (all of them agree unless the check
    // above was switched off).
    String chosen =
        "(SELECT * FROM "
            + WORK
            + " WHERE __trid IS NOT NULL AND __act IS NOT NULL"
            + " QUALIFY row_number() OVER (PARTITION BY __trid ORDER BY __sid) = 1)";
    long deleted = 0;
    List<Integer> deletes = plan.clauses(Action.DELETE);
    if (!deletes.isEmpty()) {
      deleted =
          st.executeUpdate(
              "DELETE FROM "
                  + plan.target().duckName()
                  + " WHERE rowid IN (SELECT __trid FROM "
                  + chosen
                  + " WHERE __act IN ("
                  + join(deletes)
                  + "))");
    }
    long updated = 0;
    for (int k : updates) {
      updated +=
          st.executeUpdate(
              "UPDATE "
                  + plan.target().duckName()
                  + " AS \"u\" SET "
                  + plan.assignments(k)
                  + " FROM "
                  + chosen
                  + " AS \"m\" WHERE \"u\".rowid = \"m\".__trid AND \"m\".__act = "
                  + k);
    }
    long inserted = 0;
    for (int k : plan.clauses(Action.INSERT)) {
      inserted +=
          st.executeUpdate(
              "INSERT INTO "
                  + plan.target().duckName()
                  + " ("
                  + plan.insertColumns(k)
                  + ") SELECT "
                  + plan.valueColumns(k)
                  + " FROM "
                  + WORK
                  + " WHERE __trid IS NULL AND __act = "
                  + k
                  + " ORDER BY __sid");
    }
    return new long[] {inserted, updated, deleted};
  }

  /** Snowflake's 100090, with the target row's values as its message shows them. */
  private static SnowflakeError duplicateRow(Connection conn, MergePlan plan, long rowid)
      throws SQLException {
    List<String> values =
        DuckStore.query(
            conn,
            "SELECT * FROM " + plan.target().duckName() + " WHERE rowid = ?",
            rs -> {
              List<String> out = new ArrayList<>();
              for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                out.add(v == null ? "NULL" : v instanceof Number ? v.toString() : "\"" + v + "\"");
              }
              return String.join(", ", out);
            },
            rowid);
    return new SnowflakeError(
        "100090",
        "42P18",
        "Duplicate row detected during DML action\nRow Values: ["
            + (values.isEmpty() ? "" : values.get(0))
            + "]");
  }

  private static String join(List<Integer> ks) {
    return String.join(", ", ks.stream().map(String::valueOf).toList());
  }
}
