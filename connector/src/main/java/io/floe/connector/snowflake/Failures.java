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
          390303, // OAuth access token invalid
          390189, // role not granted
          2003, // object does not exist or not authorized
          2002, // already exists
          3001, // insufficient privileges
          1003, // syntax error
          904, // invalid identifier
          2); // unsupported feature

  /**
   * The driver's own codes for failures between it and Snowflake or cloud storage: connection,
   * network and I/O errors, storage service errors (S3, Azure, GCS), failed stage uploads and
   * downloads (e.g. after a 503 from storage), a closed session, and HTTP errors.
   */
  private static final Set<Integer> TRANSIENT_DRIVER_CODES =
      Set.of(200002, 200013, 200015, 200016, 200044, 200052, 200061, 200066, 200067, 290000);

  /**
   * Snowflake's answers for a session it no longer has: ID, session or master token expired, not
   * found or invalid (the session timed out, was killed, or Snowflake forgot it). The driver renews
   * an expired session token itself; when one of these reaches Floe the session is gone for good.
   */
  private static final Set<Integer> SESSION_GONE_CODES =
      Set.of(390110, 390111, 390112, 390113, 390114, 390115);

  /** snowflake-jdbc's ErrorCode.INTERRUPTED (net.snowflake.client.jdbc.ErrorCode). */
  static final int DRIVER_INTERRUPTED = 200003;

  private Failures() {}

  static boolean isTransient(Throwable t) {
    if (t instanceof SecurityException) {
      return false;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (isProgrammingError(c)) {
        // A bug (Floe's or the driver's) fails the same way on every attempt: retrying only
        // hides it behind a minute of backoff and a misleading "failed 6 times".
        return false;
      }
      if (c instanceof SQLException sql) {
        if (sql.getErrorCode() == 390318) {
          // An expired OAuth access token (clocks apart, or revoked early): Connections drops it,
          // and the next login refreshes it.
          return true;
        }
        if (PERMANENT_CODES.contains(sql.getErrorCode())) {
          return false;
        }
        if (SESSION_GONE_CODES.contains(sql.getErrorCode())) {
          return true; // on a new session: SnowflakeClient drops the lost one before the retry
        }
        if (TRANSIENT_DRIVER_CODES.contains(sql.getErrorCode())) {
          return true;
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

  private static boolean isProgrammingError(Throwable t) {
    return t instanceof NullPointerException
        || t instanceof IllegalStateException
        || t instanceof IllegalArgumentException
        || t instanceof ClassCastException;
  }

  /**
   * The JDBC driver's ErrorCode.INTERRUPTED ("JDBC driver Interrupt exception encountered."): it
   * turned a thread interrupt into an SQLException (SQLSTATE 57014, which otherwise reads as a
   * transient cancellation).
   */
  static boolean isDriverInterrupt(SQLException e) {
    return e.getErrorCode() == DRIVER_INTERRUPTED;
  }

  /**
   * Whether the failure leaves the session unusable, so that retrying on it would fail the same
   * way: Snowflake no longer knows it, or the connection to it broke (SQLSTATE class 08). Only a
   * new login helps.
   */
  static boolean isSessionLost(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql) {
        if (SESSION_GONE_CODES.contains(sql.getErrorCode())) {
          return true;
        }
        String state = sql.getSQLState();
        if (state != null && state.startsWith("08")) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean isMissingObject(SQLException e) {
    return e.getErrorCode() == 2003;
  }

  static boolean isInsufficientPrivileges(SQLException e) {
    return e.getErrorCode() == 3001;
  }

  static boolean isLoginRefused(SQLException e) {
    return e.getErrorCode() == 390100
        || e.getErrorCode() == 390144
        || e.getErrorCode() == 390101
        || isOAuthTokenRefused(e);
  }

  /** 390303: invalid OAuth access token; 390318: expired one. */
  static boolean isOAuthTokenRefused(SQLException e) {
    return e.getErrorCode() == 390303 || e.getErrorCode() == 390318;
  }

  static boolean isRoleRefused(SQLException e) {
    return e.getErrorCode() == 390189;
  }
}
