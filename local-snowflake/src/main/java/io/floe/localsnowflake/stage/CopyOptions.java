package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.SnowflakeError;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A COPY's file selection and copy options, statement options first, then the stage's COPY_OPTIONS.
 * {@code onError} is null when neither says (COPY then aborts, Snowpipe skips the file). {@code
 * matchByColumnName} is NONE, CASE_SENSITIVE or CASE_INSENSITIVE. {@code loadUncertainFiles} loads
 * files whose load status the 64-day load metadata can no longer tell.
 */
record CopyOptions(
    List<String> files,
    String pattern,
    OnError onError,
    boolean force,
    boolean purge,
    String matchByColumnName,
    boolean returnFailedOnly,
    boolean loadUncertainFiles) {

  private static final Set<String> STATEMENT_OPTIONS =
      Set.of(
          "FILES",
          "PATTERN",
          "FILE_FORMAT",
          "ON_ERROR",
          "FORCE",
          "PURGE",
          "MATCH_BY_COLUMN_NAME",
          "RETURN_FAILED_ONLY",
          "LOAD_UNCERTAIN_FILES",
          // No effect here: lengths are not enforced.
          "ENFORCE_LENGTH",
          "TRUNCATECOLUMNS");

  static CopyOptions from(OptionList statement, OptionList stageDefaults) {
    statement.requireOnly("COPY", STATEMENT_OPTIONS);
    stageDefaults.requireOnly("stage COPY_OPTIONS", STATEMENT_OPTIONS);
    String onError = pick(statement, stageDefaults, "ON_ERROR");
    String match = pick(statement, stageDefaults, "MATCH_BY_COLUMN_NAME");
    match = match == null ? "NONE" : match.toUpperCase(Locale.ROOT);
    if (!Set.of("NONE", "CASE_SENSITIVE", "CASE_INSENSITIVE").contains(match)) {
      throw OptionList.invalidValue("MATCH_BY_COLUMN_NAME", new OptionList.Scalar(match));
    }
    String pattern = statement.text("PATTERN");
    if (pattern != null) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new SnowflakeError(
            "001008",
            "22023",
            "SQL compilation error:\ninvalid regular expression '"
                + pattern
                + "': "
                + e.getDescription());
      }
    }
    return new CopyOptions(
        statement.list("FILES"),
        pattern,
        onError == null ? null : OnError.parse(onError),
        flag(statement, stageDefaults, "FORCE"),
        flag(statement, stageDefaults, "PURGE"),
        match,
        flag(statement, stageDefaults, "RETURN_FAILED_ONLY"),
        flag(statement, stageDefaults, "LOAD_UNCERTAIN_FILES"));
  }

  private static String pick(OptionList first, OptionList second, String key) {
    return first.has(key) ? first.text(key) : second.text(key);
  }

  private static boolean flag(OptionList first, OptionList second, String key) {
    return first.has(key) ? first.bool(key, false) : second.bool(key, false);
  }
}
