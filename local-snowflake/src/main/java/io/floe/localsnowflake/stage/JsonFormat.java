package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.SnowflakeError;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON file format options the local Snowflake honours. Only JSON is supported: it is what the
 * connectors stage. Options that only matter for other value types are accepted and have no effect.
 */
record JsonFormat(
    Compression compression,
    boolean stripOuterArray,
    boolean stripNullValues,
    boolean allowDuplicate,
    boolean skipByteOrderMark) {

  enum Compression {
    AUTO,
    GZIP,
    NONE
  }

  private static final Set<String> OPTIONS =
      Set.of(
          "TYPE",
          "COMPRESSION",
          "STRIP_OUTER_ARRAY",
          "STRIP_NULL_VALUES",
          "ALLOW_DUPLICATE",
          "SKIP_BYTE_ORDER_MARK",
          "IGNORE_UTF8_ERRORS",
          "REPLACE_INVALID_CHARACTERS",
          "MULTI_LINE",
          "ENABLE_OCTAL",
          "DATE_FORMAT",
          "TIME_FORMAT",
          "TIMESTAMP_FORMAT",
          "BINARY_FORMAT",
          "TRIM_SPACE",
          "NULL_IF",
          "FILE_EXTENSION",
          "COMMENT");

  /** Reads a format from options that hold TYPE (FORMAT_NAME is resolved by the caller). */
  static JsonFormat from(OptionList options) {
    String type = options.text("TYPE");
    if (type == null) {
      throw SnowflakeError.unsupported(
          "a file format without TYPE (Snowflake's default is CSV; only TYPE = JSON is supported)");
    }
    if (!type.equalsIgnoreCase("JSON")) {
      throw SnowflakeError.unsupported("the file format TYPE = " + type + " (only JSON)");
    }
    options.requireOnly("JSON file format", OPTIONS);
    for (String unsupportedWhenTrue :
        new String[] {"IGNORE_UTF8_ERRORS", "REPLACE_INVALID_CHARACTERS", "ENABLE_OCTAL"}) {
      if (options.bool(unsupportedWhenTrue, false)) {
        throw SnowflakeError.unsupported(
            "the file format option " + unsupportedWhenTrue + " = TRUE");
      }
    }
    if (!options.bool("MULTI_LINE", true)) {
      throw SnowflakeError.unsupported("the file format option MULTI_LINE = FALSE");
    }
    String compression = options.text("COMPRESSION");
    Compression c;
    try {
      c =
          compression == null
              ? Compression.AUTO
              : Compression.valueOf(compression.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw SnowflakeError.unsupported(
          "the file format option COMPRESSION = " + compression + " (AUTO, GZIP or NONE)");
    }
    return new JsonFormat(
        c,
        options.bool("STRIP_OUTER_ARRAY", false),
        options.bool("STRIP_NULL_VALUES", false),
        options.bool("ALLOW_DUPLICATE", false),
        options.bool("SKIP_BYTE_ORDER_MARK", true));
  }
}
