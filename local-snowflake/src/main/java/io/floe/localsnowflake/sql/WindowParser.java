package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.TokenCursor;
import io.floe.localsnowflake.sql.Ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The window of a ranking function, after OVER, for {@link ExprParser}. */
final class WindowParser {
  private static final Set<String> RANKING = Set.of("ROW_NUMBER", "RANK", "DENSE_RANK");

  private final TokenCursor c;
  private final Supplier<Expr> expr;

  WindowParser(TokenCursor cursor, Supplier<Expr> expr) {
    this.c = cursor;
    this.expr = expr;
  }

  /** After OVER. Only the ranking functions, which the CDC apply step dedupes with. */
  Expr window(String name, boolean withArgs) {
    if (!RANKING.contains(name) || withArgs) {
      throw SnowflakeError.unsupported(
          "window functions other than " + RANKING + " (" + name + ")");
    }
    c.expectSymbol("(");
    List<Expr> partition = new ArrayList<>();
    if (c.accept("PARTITION", "BY")) {
      do {
        partition.add(expr.get());
      } while (c.acceptSymbol(","));
    }
    List<Ast.Order> order = OrderItems.parse(c, expr);
    if (c.peek().is("ROWS") || c.peek().is("RANGE")) {
      throw SnowflakeError.unsupported("window frames (" + name + " … ROWS/RANGE)");
    }
    c.expectSymbol(")");
    return new Ast.Window(name, partition, order);
  }
}
