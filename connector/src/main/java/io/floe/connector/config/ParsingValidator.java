package io.floe.connector.config;

import io.floe.connector.FloeException;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Validates a setting by running the same parser the connector uses at start-up, so that {@code
 * validate} and {@code start} can never disagree about what is valid.
 */
final class ParsingValidator implements ConfigDef.Validator {
  private final Consumer<String> parser;
  private final String description;

  ParsingValidator(Consumer<String> parser, String description) {
    this.parser = parser;
    this.description = description;
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null) {
      return; // missing required values are reported by Kafka itself
    }
    try {
      // Password.toString() is "[hidden]"; the parser needs the value itself.
      parser.accept(value instanceof Password p ? p.value() : value.toString());
    } catch (FloeException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
