package io.floe.localsnowflake.core;

import java.util.List;
import java.util.Set;

/**
 * Sends each statement to the first handler that accepts it, inside the session's transaction when
 * it has one ({@link Transactions}).
 */
public final class StatementRouter {
  private static final Set<String> DDL =
      Set.of("CREATE", "DROP", "ALTER", "GRANT", "REVOKE", "UNDROP", "COMMENT");
  private static final Set<String> CONTROL = Set.of("BEGIN", "START", "COMMIT", "ROLLBACK");
  private static final Set<String> DML =
      Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "COPY");

  private final List<StatementHandler> handlers;
  private final Transactions transactions;

  /** A router without multi-statement transactions: every statement commits on its own. */
  public StatementRouter(List<StatementHandler> handlers) {
    this(handlers, null);
  }

  public StatementRouter(List<StatementHandler> handlers, Transactions transactions) {
    this.handlers = List.copyOf(handlers);
    this.transactions = transactions;
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
        return transactions == null
            ? handler.execute(session, cursor)
            : transactions.run(session, kind(cursor), () -> attempt(session, handler, cursor));
      }
    }
    throw SqlGrammar.notImplemented(sql, cursor.tokens().get(0));
  }

  /** Runs the statement from its start; a statement waiting for a lock runs again. */
  private static StatementResult attempt(
      SessionState session, StatementHandler handler, TokenCursor cursor) {
    return handler.execute(session, cursor.fresh());
  }

  /** What a session's end does to its open transaction: Snowflake rolls it back. */
  public void sessionClosed(SessionState session) {
    if (transactions != null) {
      transactions.rollback(session);
    }
  }

  private static Transactions.Kind kind(TokenCursor c) {
    Token first = c.peek();
    String verb = first.keyword();
    if (verb.equals("ALTER") && c.peek(1).is("SESSION")) {
      return Transactions.Kind.OTHER;
    }
    if (CONTROL.contains(verb)) {
      return Transactions.Kind.CONTROL;
    }
    if (DDL.contains(verb)) {
      return Transactions.Kind.DDL;
    }
    if (DML.contains(verb)) {
      return Transactions.Kind.DML;
    }
    if (verb.equals("SELECT") || verb.equals("WITH") || first.isSymbol("(")) {
      return Transactions.Kind.QUERY;
    }
    return Transactions.Kind.OTHER;
  }
}
