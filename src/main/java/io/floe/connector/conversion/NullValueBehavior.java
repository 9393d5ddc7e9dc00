package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.util.Locale;

/** What to do with a tombstone (a record whose value is null): {@code behavior.on.null.values}. */
public enum NullValueBehavior {
  /** Load it with RECORD_CONTENT {@code {}}, as the incumbent connector does. */
  DEFAULT,
  /** Skip it: it is reported as {@link ConvertedRecord.Skipped}. */
  IGNORE;

  /** Parses the setting case-insensitively. */
  public static NullValueBehavior parse(String text) {
    if (text != null) {
      for (NullValueBehavior behavior : values()) {
        if (behavior.name().equalsIgnoreCase(text.trim())) {
          return behavior;
        }
      }
    }
    throw new FloeException(
        ErrorCode.FLOE_4001,
        "behavior.on.null.values is '" + text + "'; expected DEFAULT or IGNORE.");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
