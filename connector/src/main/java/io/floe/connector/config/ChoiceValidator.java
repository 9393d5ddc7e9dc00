package io.floe.connector.config;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A string setting with a fixed set of values, compared case-insensitively (the Snowflake connector
 * accepts {@code snowpipe} and {@code SNOWPIPE} alike). Values Floe knows but does not support yet
 * get their own message and code instead of a generic "not one of". Also the recommender, so UIs
 * offer the supported values.
 */
final class ChoiceValidator implements ConfigDef.Validator, ConfigDef.Recommender {
  private record Rejection(ErrorCode code, String why) {}

  private final List<String> allowed;
  private final boolean blankAllowed;
  private final Map<String, Rejection> rejected = new LinkedHashMap<>();

  private ChoiceValidator(List<String> allowed, boolean blankAllowed) {
    this.allowed = List.copyOf(allowed);
    this.blankAllowed = blankAllowed;
  }

  static ChoiceValidator of(String... allowed) {
    return new ChoiceValidator(List.of(allowed), false);
  }

  /** Like {@link #of} but also accepts an empty value (meaning the default). */
  static ChoiceValidator orBlank(String... allowed) {
    return new ChoiceValidator(List.of(allowed), true);
  }

  /** {@code value} is recognised but refused with {@code code} and {@code why}. */
  ChoiceValidator rejecting(String value, ErrorCode code, String why) {
    rejected.put(value.toLowerCase(Locale.ROOT), new Rejection(code, why));
    return this;
  }

  /** The allowed value {@code text} stands for (ignoring case), or null for a blank value. */
  String canonical(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String trimmed = text.trim();
    for (String value : allowed) {
      if (value.equalsIgnoreCase(trimmed)) {
        return value;
      }
    }
    return null;
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null || (blankAllowed && value.toString().isBlank())) {
      return;
    }
    String text = value.toString().trim();
    if (canonical(text) != null) {
      return;
    }
    Rejection rejection = rejected.get(text.toLowerCase(Locale.ROOT));
    String message =
        rejection != null
            ? new FloeException(rejection.code(), name + "=" + text + ": " + rejection.why())
                .getMessage()
            : new FloeException(
                    ErrorCode.FLOE_0018,
                    name + "=" + text + " is not one of " + String.join(", ", allowed) + ".")
                .getMessage();
    throw new ConfigException(message);
  }

  @Override
  public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
    return new ArrayList<>(allowed);
  }

  @Override
  public boolean visible(String name, Map<String, Object> parsedConfig) {
    return true;
  }

  @Override
  public String toString() {
    return String.join(", ", allowed) + " (case-insensitive)";
  }
}
