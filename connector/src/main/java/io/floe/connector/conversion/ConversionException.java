package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;

/**
 * Why one key, value or header could not be turned into JSON. Internal: {@link RecordConverter}
 * turns it into a {@link ConvertedRecord.Broken} instead of letting it escape, so a bad record
 * never fails the task by surprise. Nested writers prepend the field path on the way out, so the
 * reason names e.g. {@code customer.address[2].zip} rather than just the innermost type.
 */
final class ConversionException extends RuntimeException {
  private final ErrorCode code;
  private final String reason;
  private String path = "";

  ConversionException(ErrorCode code, String reason) {
    this(code, reason, null);
  }

  ConversionException(ErrorCode code, String reason, Throwable cause) {
    // No stack trace: these are data errors reported per record, not bugs, and they can be many.
    super(reason, cause, false, false);
    this.code = code;
    this.reason = reason;
  }

  ErrorCode code() {
    return code;
  }

  /** Records that the failure happened inside {@code segment} (a field name or {@code [i]}). */
  ConversionException inside(String segment) {
    if (path.isEmpty()) {
      path = segment;
    } else if (path.startsWith("[")) {
      path = segment + path;
    } else {
      path = segment + "." + path;
    }
    return this;
  }

  /** The reason, prefixed with the field path when the failure was nested. */
  String reason() {
    return path.isEmpty() ? reason : "at " + path + ": " + reason;
  }

  @Override
  public String getMessage() {
    return reason();
  }
}
