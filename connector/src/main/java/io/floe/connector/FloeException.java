package io.floe.connector;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A failure Floe reports to the user: a numbered {@link ErrorCode} whose text says what went wrong
 * and what to do, plus the specifics. Messages never contain secrets.
 */
public class FloeException extends ConnectException {
  private final ErrorCode code;

  public FloeException(ErrorCode code, String detail) {
    super(code.format(detail));
    this.code = code;
  }

  public FloeException(ErrorCode code, String detail, Throwable cause) {
    super(code.format(detail), cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
