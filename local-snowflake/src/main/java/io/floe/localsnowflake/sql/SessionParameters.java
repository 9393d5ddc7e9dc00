package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult.Rows;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.Locale;
import java.util.Set;

/** ALTER SESSION SET / UNSET: the session parameters the local Snowflake knows. */
final class SessionParameters {
  /** ALTER SESSION parameters that change nothing the local Snowflake computes. */
  private static final Set<String> HARMLESS_SESSION_PARAMS =
      Set.of(
          "QUERY_TAG",
          "JDBC_QUERY_RESULT_FORMAT",
          "QUERY_RESULT_FORMAT",
          "CLIENT_SESSION_KEEP_ALIVE",
          "ABORT_DETACHED_QUERY",
          "STATEMENT_TIMEOUT_IN_SECONDS",
          "CLIENT_RESULT_CHUNK_SIZE",
          "CLIENT_PREFETCH_THREADS");

  private final TransactionControl tcl;

  SessionParameters(TransactionControl tcl) {
    this.tcl = tcl;
  }

  /**
   * After ALTER SESSION. AUTOCOMMIT, LOCK_TIMEOUT and ERROR_ON_NONDETERMINISTIC_MERGE are honoured;
   * other parameters are accepted (and ignored) only when they cannot change a result.
   */
  Rows alter(SessionState s, TokenCursor c) {
    boolean set = c.accept("SET");
    if (!set) {
      c.expect("UNSET");
    }
    do {
      String name = c.next().text().toUpperCase(Locale.ROOT);
      Boolean value = null;
      String text = null;
      if (set) {
        c.expectSymbol("=");
        text = c.next().text();
        value = booleanValue(text);
      }
      switch (name) {
        case "AUTOCOMMIT" -> tcl.autocommit(s, text == null || requireBoolean(name, value, text));
        case "LOCK_TIMEOUT" -> s.lockTimeoutSeconds(lockTimeout(text));
        case "ERROR_ON_NONDETERMINISTIC_MERGE" ->
            s.errorOnNondeterministicMerge(text == null || requireBoolean(name, value, text));
        default -> {
          if (!HARMLESS_SESSION_PARAMS.contains(name)) {
            throw SnowflakeError.unsupported("the session parameter " + name);
          }
        }
      }
    } while (c.acceptSymbol(","));
    c.expectEnd();
    return Rows.status("Statement executed successfully.");
  }

  private static long lockTimeout(String text) {
    if (text == null) {
      return SessionState.DEFAULT_LOCK_TIMEOUT_SECONDS;
    }
    try {
      return Math.max(0, Long.parseLong(text.replace("'", "").trim()));
    } catch (NumberFormatException e) {
      throw invalidValue("LOCK_TIMEOUT", text);
    }
  }

  private static Boolean booleanValue(String text) {
    String t = text.replace("'", "").trim().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "TRUE", "ON", "YES", "1" -> true;
      case "FALSE", "OFF", "NO", "0" -> false;
      default -> null;
    };
  }

  private static boolean requireBoolean(String name, Boolean value, String text) {
    if (value == null) {
      throw invalidValue(name, text);
    }
    return value;
  }

  private static SnowflakeError invalidValue(String name, String text) {
    return new SnowflakeError(
        "002018",
        "22023",
        "SQL compilation error:\ninvalid value [" + text + "] for parameter '" + name + "'");
  }
}
