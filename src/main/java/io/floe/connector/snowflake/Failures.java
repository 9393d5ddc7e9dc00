package io.floe.connector.snowflake;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Decides whether a failure talking to Snowflake is worth retrying. Transient: the network, 5xx and
 * 429 answers, expired sessions the driver could not renew. Permanent: refused logins, missing
 * objects, missing privileges, bad SQL — retrying those only delays the error the user must see.
 */
final class Failures {
  /** Snowflake error codes that retrying cannot fix. */
  private static final Set<Integer> PERMANENT_CODES =
      Set.of(
          390100, // incorrect user or password
          390101, // user disabled
          390144, // JWT invalid
          390189, // role not granted
          2003, // object does not exist or not authorized
          2002, // already exists
          3001, // insufficient privileges
          1003, // syntax error
          904, // invalid identifier
          2); // unsupported feature

  private Failures() {}

  static boolean isTransient(Throwable t) {
    if (t instanceof SecurityException || t instanceof IllegalArgumentException) {
      return false;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql) {
        if (PERMANENT_CODES.contains(sql.getErrorCode())) {
          return false;
        }
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57"))) {
          return true;
        }
      }
      if (c instanceof IOException) {
        return true;
      }
      if (c instanceof SnowpipeClient.SnowpipeHttpException http) {
        return http.status() == 429 || http.status() >= 500;
      }
    }
    // Unknown driver failures (I/O errors wrapped without SQLSTATE, "HTTP status=503" after the
    // driver's own retries) are retried: a permanent error shows up again on the next attempt
    // and is then reported, while giving up on a transient one would fail the task needlessly.
    return !(t instanceof SQLException sql) || sql.getErrorCode() == 0 || sql.getSQLState() == null;
  }

  static boolean isMissingObject(SQLException e) {
    return e.getErrorCode() == 2003;
  }

  static boolean isInsufficientPrivileges(SQLException e) {
    return e.getErrorCode() == 3001;
  }

  static boolean isLoginRefused(SQLException e) {
    return e.getErrorCode() == 390100 || e.getErrorCode() == 390144 || e.getErrorCode() == 390101;
  }

  static boolean isRoleRefused(SQLException e) {
    return e.getErrorCode() == 390189;
  }
}
