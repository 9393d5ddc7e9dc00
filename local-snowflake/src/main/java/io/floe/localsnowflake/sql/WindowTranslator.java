package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.sql.ExprTranslator.T;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranking window functions. DuckDB has the same ones; what differs is ordering: VARIANT keys sort
 * by their Snowflake sort key, and Snowflake's default null order (NULLS LAST ascending, NULLS
 * FIRST descending) is spelled out because DuckDB's default is NULLS LAST both ways.
 */
final class WindowTranslator {
  private WindowTranslator() {}

  static T translate(Ast.Window w, ExprTranslator x) {
    List<String> partition = new ArrayList<>();
    for (Ast.Expr e : w.partitionBy()) {
      partition.add(ExprTranslator.vkey(x.tr(e)).sql());
    }
    List<String> order = new ArrayList<>();
    for (Ast.Order o : w.orderBy()) {
      boolean nullsFirst = o.nullsFirst() != null ? o.nullsFirst() : o.descending();
      order.add(
          ExprTranslator.vkey(x.tr(o.expr())).sql()
              + (o.descending() ? " DESC" : " ASC")
              + (nullsFirst ? " NULLS FIRST" : " NULLS LAST"));
    }
    StringBuilder over = new StringBuilder();
    if (!partition.isEmpty()) {
      over.append("PARTITION BY ").append(String.join(", ", partition));
    }
    if (!order.isEmpty()) {
      over.append(over.isEmpty() ? "" : " ").append("ORDER BY ").append(String.join(", ", order));
    }
    return new T(
        w.name().toLowerCase(java.util.Locale.ROOT) + "() OVER (" + over + ")", SqlType.COUNT);
  }
}
