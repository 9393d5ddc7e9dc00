package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.TokenCursor;
import io.floe.localsnowflake.sql.Ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The items of an ORDER BY, a query's or a window's: {@code expr [ASC|DESC] [NULLS FIRST|LAST]}.
 */
final class OrderItems {
  private OrderItems() {}

  /** The items after {@code ORDER BY}, read with {@code expr}; empty when there is no ORDER BY. */
  static List<Ast.Order> parse(TokenCursor c, Supplier<Expr> expr) {
    List<Ast.Order> order = new ArrayList<>();
    if (c.accept("ORDER", "BY")) {
      do {
        Expr e = expr.get();
        boolean desc = c.accept("DESC");
        if (!desc) {
          c.accept("ASC");
        }
        Boolean nullsFirst = null;
        if (c.accept("NULLS", "FIRST")) {
          nullsFirst = true;
        } else if (c.accept("NULLS", "LAST")) {
          nullsFirst = false;
        }
        order.add(new Ast.Order(e, desc, nullsFirst));
      } while (c.acceptSymbol(","));
    }
    return order;
  }
}
