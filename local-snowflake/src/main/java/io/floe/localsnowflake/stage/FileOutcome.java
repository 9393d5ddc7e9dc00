package io.floe.localsnowflake.stage;

/**
 * One file's load result, as a COPY result row and a Snowpipe load event report it. {@code status}
 * is LOADED, PARTIALLY_LOADED or LOAD_FAILED; {@code firstError} is null without errors.
 */
record FileOutcome(
    String file,
    String status,
    long rowsParsed,
    long rowsLoaded,
    long errorLimit,
    long errorsSeen,
    LoadError firstError) {

  static final String LOADED = "LOADED";
  static final String PARTIALLY_LOADED = "PARTIALLY_LOADED";
  static final String LOAD_FAILED = "LOAD_FAILED";

  /** A file that could not be read at all (missing, unreadable): nothing parsed. */
  static FileOutcome failed(String file, long errorLimit, LoadError error) {
    return new FileOutcome(file, LOAD_FAILED, 0, 0, errorLimit, 1, error);
  }
}
