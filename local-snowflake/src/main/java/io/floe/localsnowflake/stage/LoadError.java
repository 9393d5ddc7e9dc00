package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.SnowflakeError;

/**
 * The first error found in a file, with where it is: what COPY's first_error… columns and
 * Snowpipe's firstError… fields report, and what ON_ERROR = ABORT_STATEMENT raises.
 */
record LoadError(
    String code,
    String sqlState,
    String message,
    long line,
    long character,
    long rowNumber,
    long rowStartLine,
    String columnName) {

  static final String CONTINUE_HINT =
      "If you would like to continue loading when an error is encountered, use other values such"
          + " as 'SKIP_FILE' or 'CONTINUE' for the ON_ERROR option. For more information on"
          + " loading options, please run 'info loading_data' in a SQL client.";

  /**
   * A file named in FILES (or submitted to a pipe) that is not on the stage, in Snowflake's words.
   * Its error code and SQLSTATE are not documented; these are our choice.
   */
  static LoadError remoteFileMissing(String fileName) {
    return new LoadError(
        "100080",
        "58030",
        "Remote file '"
            + fileName
            + "' was not found. There are several potential causes. The file might not exist. The"
            + " required credentials may be missing or invalid. If you are running a copy"
            + " command, please make sure files are not deleted when they are being loaded or"
            + " files are not being loaded into two different tables concurrently with auto"
            + " purge option.",
        0,
        0,
        0,
        0,
        null);
  }

  /** The statement error ABORT_STATEMENT raises, worded like Snowflake's. */
  SnowflakeError abort(String fileName) {
    String row =
        rowStartLine == line
            ? "Row " + rowNumber
            : "Row " + rowNumber + " starts at line " + rowStartLine;
    return new SnowflakeError(
        code,
        sqlState,
        message
            + "\n  File '"
            + fileName
            + "', line "
            + line
            + ", character "
            + character
            + "\n  "
            + row
            + ", column "
            + columnName
            + "\n  "
            + CONTINUE_HINT);
  }
}
