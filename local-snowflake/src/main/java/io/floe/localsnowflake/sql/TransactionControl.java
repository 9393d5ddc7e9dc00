package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult.Rows;
import io.floe.localsnowflake.core.TokenCursor;
import io.floe.localsnowflake.core.Transactions;

/**
 * BEGIN / START TRANSACTION, COMMIT, ROLLBACK and the AUTOCOMMIT session parameter, over the
 * store's {@link Transactions} (which the statement router runs every statement through).
 */
final class TransactionControl {
  private final Transactions transactions;

  TransactionControl(Transactions transactions) {
    this.transactions = transactions;
  }

  /** After BEGIN: {@code [WORK | TRANSACTION] [NAME n]}; ignored inside a transaction. */
  Rows begin(SessionState s, TokenCursor c) {
    if (!c.accept("WORK")) {
      c.accept("TRANSACTION");
    }
    name(c);
    if (!c.atEnd()) {
      throw SnowflakeError.unsupported("Snowflake Scripting blocks (BEGIN … END)");
    }
    transactions.begin(s);
    return status();
  }

  /** After START: {@code TRANSACTION [NAME n]}. */
  Rows start(SessionState s, TokenCursor c) {
    c.expect("TRANSACTION");
    name(c);
    c.expectEnd();
    transactions.begin(s);
    return status();
  }

  /** After COMMIT: {@code [WORK]}; nothing to do outside a transaction. */
  Rows commit(SessionState s, TokenCursor c) {
    c.accept("WORK");
    c.expectEnd();
    transactions.commit(s);
    return status();
  }

  /** After ROLLBACK: {@code [WORK]}. */
  Rows rollback(SessionState s, TokenCursor c) {
    c.accept("WORK");
    if (c.peek().is("TO")) {
      throw SnowflakeError.unsupported("savepoints (ROLLBACK TO)");
    }
    c.expectEnd();
    transactions.rollback(s);
    return status();
  }

  /**
   * ALTER SESSION SET AUTOCOMMIT. A change commits the open transaction, as JDBC's setAutoCommit
   * promises; with AUTOCOMMIT off, the next DML or query begins the next one.
   */
  void autocommit(SessionState s, boolean on) {
    if (s.autocommit() != on) {
      transactions.commit(s);
    }
    s.autocommit(on);
  }

  private static void name(TokenCursor c) {
    if (c.accept("NAME")) {
      c.next();
    }
  }

  private static Rows status() {
    return new ResultBuilder()
        .text("status")
        .row("Statement executed successfully.")
        .build(ResultBuilder.TCL);
  }
}
