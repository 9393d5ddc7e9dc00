package io.floe.localsnowflake.core;

import java.util.List;

/** Sends each statement to the first handler that accepts it. */
public final class StatementRouter {
  private final List<StatementHandler> handlers;

  public StatementRouter(List<StatementHandler> handlers) {
    this.handlers = List.copyOf(handlers);
  }

  public StatementResult execute(
      SessionState session, String queryId, String sql, List<Bind> binds) {
    TokenCursor cursor = new TokenCursor(queryId, sql, binds);
    if (cursor.atEnd()) {
      throw new SnowflakeError("000900", "42000", "SQL compilation error:\nEmpty SQL statement.");
    }
    for (StatementHandler handler : handlers) {
      cursor.reset(0);
      if (handler.accepts(cursor)) {
        cursor.reset(0);
        return handler.execute(session, cursor);
      }
    }
    throw SqlGrammar.notImplemented(sql, cursor.tokens().get(0));
  }
}
