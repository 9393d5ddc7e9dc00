package io.floe.connector.config;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;

/**
 * A configuration problem tied to the setting the user has to change. {@link ConnectorValidator}
 * uses {@link #key()} to attach the message to that setting; everywhere else it is an ordinary
 * {@link FloeException}.
 */
public final class InvalidConfigException extends FloeException {
  private final String key;

  InvalidConfigException(String key, ErrorCode code, String detail) {
    super(code, detail);
    this.key = key;
  }

  /** The configuration key the user has to change. */
  public String key() {
    return key;
  }
}
