package io.floe.localsnowflake.stage;

/**
 * A row that cannot be loaded: a value that does not convert to its column's type. Carries
 * Snowflake's error code and SQLSTATE for when ON_ERROR = ABORT_STATEMENT turns it into the
 * statement's error.
 */
final class ValueError extends Exception {
  private final String code;
  private final String sqlState;

  ValueError(String code, String sqlState, String message) {
    super(message, null, false, false);
    this.code = code;
    this.sqlState = sqlState;
  }

  String code() {
    return code;
  }

  String sqlState() {
    return sqlState;
  }

  static ValueError notRecognized(String what, String text, String code) {
    return new ValueError(code, "22018", what + " '" + text + "' is not recognized");
  }
}
