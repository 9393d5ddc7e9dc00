package io.floe.connector.config;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Rejects an empty or blank value. A missing required value is left to Kafka's own "Missing
 * required configuration" message; an absent optional value (null) is fine.
 */
final class NonBlankValidator implements ConfigDef.Validator {
  static final NonBlankValidator INSTANCE = new NonBlankValidator();

  private NonBlankValidator() {}

  @Override
  public void ensureValid(String name, Object value) {
    String text = value instanceof Password p ? p.value() : value == null ? null : value.toString();
    if (text != null && text.isBlank()) {
      throw new ConfigException(
          new FloeException(ErrorCode.FLOE_0017, name + " is empty.").getMessage());
    }
  }

  @Override
  public String toString() {
    return "non-empty string";
  }
}
