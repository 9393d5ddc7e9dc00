package io.floe.localsnowflake.core;

/**
 * Executes the statements of one area (SQL on tables, stages and pipes, …). The router offers each
 * statement to handlers in order; the first whose {@link #accepts} says yes runs it.
 */
public interface StatementHandler {

  /** Looks at the statement's leading tokens only; must not consume. */
  boolean accepts(TokenCursor statement);

  StatementResult execute(SessionState session, TokenCursor statement);
}
