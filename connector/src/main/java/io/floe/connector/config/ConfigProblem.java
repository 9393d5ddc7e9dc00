package io.floe.connector.config;

import java.util.Objects;

/**
 * One problem found while validating a connector configuration: the key the user has to change and
 * a message that says what is wrong and what to do. Messages never contain secrets.
 */
public record ConfigProblem(String key, String message) {
  public ConfigProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }
}
