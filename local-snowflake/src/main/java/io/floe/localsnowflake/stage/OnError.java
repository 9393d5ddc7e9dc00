package io.floe.localsnowflake.stage;

import java.util.Locale;

/**
 * ON_ERROR: what a load does with a file that has errors. {@code limit} is SKIP_FILE_n's n (1 for
 * plain SKIP_FILE), a percentage when {@code percent}.
 */
record OnError(Mode mode, long limit, boolean percent) {

  enum Mode {
    ABORT_STATEMENT,
    CONTINUE,
    SKIP_FILE
  }

  static final OnError ABORT_STATEMENT = new OnError(Mode.ABORT_STATEMENT, 1, false);
  static final OnError SKIP_FILE = new OnError(Mode.SKIP_FILE, 1, false);

  static OnError parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.equals("ABORT_STATEMENT")) {
      return ABORT_STATEMENT;
    }
    if (t.equals("CONTINUE")) {
      return new OnError(Mode.CONTINUE, 0, false);
    }
    if (t.equals("SKIP_FILE")) {
      return SKIP_FILE;
    }
    if (t.startsWith("SKIP_FILE_")) {
      String n = t.substring("SKIP_FILE_".length());
      boolean percent = n.endsWith("%");
      try {
        long limit = Long.parseLong(percent ? n.substring(0, n.length() - 1) : n);
        if (limit > 0) {
          return new OnError(Mode.SKIP_FILE, limit, percent);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw OptionList.invalidValue("ON_ERROR", new OptionList.Scalar(text));
  }

  /** ERROR_LIMIT as COPY and Snowpipe report it for a file with {@code rowsParsed} rows. */
  long errorLimit(long rowsParsed) {
    return switch (mode) {
      case ABORT_STATEMENT -> 1;
      case CONTINUE -> rowsParsed;
      case SKIP_FILE -> percent ? (long) Math.ceil(rowsParsed * limit / 100.0) : limit;
    };
  }

  /** Whether a file with these errors loads nothing (SKIP_FILE's threshold reached). */
  boolean skipsFile(long errorsSeen, long rowsParsed) {
    if (errorsSeen == 0) {
      return false;
    }
    return switch (mode) {
      case ABORT_STATEMENT -> true;
      case CONTINUE -> false;
      case SKIP_FILE ->
          percent ? errorsSeen * 100.0 / Math.max(rowsParsed, 1) > limit : errorsSeen >= limit;
    };
  }
}
