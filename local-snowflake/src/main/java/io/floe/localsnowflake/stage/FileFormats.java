package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;

/**
 * Turns a FILE_FORMAT clause into a {@link JsonFormat}: inline options, or {@code FORMAT_NAME}
 * naming a format created with CREATE FILE FORMAT.
 */
final class FileFormats {
  static final String OPTIONS_KEY = "options";

  private final SchemaObjects objects;

  FileFormats(SchemaObjects objects) {
    this.objects = objects;
  }

  /**
   * The format a COPY uses: its own FILE_FORMAT if given, else its stage's, else Snowflake's
   * default (CSV, which we refuse clearly).
   */
  JsonFormat resolve(SessionState session, OptionList copyFormat, OptionList stageFormat) {
    OptionList chosen = copyFormat != null ? copyFormat : stageFormat;
    if (chosen == null || chosen.isEmpty()) {
      throw SnowflakeError.unsupported(
          "COPY without a FILE_FORMAT (Snowflake's default is CSV; use FILE_FORMAT = (TYPE ="
              + " JSON))");
    }
    return JsonFormat.from(named(session, chosen));
  }

  /** Replaces {@code FORMAT_NAME = 'x'} by the named format's options. */
  OptionList named(SessionState session, OptionList options) {
    String formatName = options.text("FORMAT_NAME");
    if (formatName == null) {
      return options;
    }
    if (options.values().size() > 1) {
      throw new SnowflakeError(
          "001008",
          "22023",
          "SQL compilation error:\nFORMAT_NAME cannot be combined with other file format"
              + " options.");
    }
    ObjectName name = ObjectName.parse(formatName).in(session);
    SchemaObjects.Entry entry =
        objects
            .find(SchemaObjects.Kind.FILE_FORMAT, name)
            .orElseThrow(() -> SnowflakeError.containerMissing("File format", name.toString()));
    return OptionList.parseText(entry.body().get(OPTIONS_KEY));
  }
}
