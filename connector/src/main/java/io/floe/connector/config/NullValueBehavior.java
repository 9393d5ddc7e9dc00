package io.floe.connector.config;

/**
 * What Floe does with a record whose value is null (a tombstone): {@code behavior.on.null.values}.
 */
public enum NullValueBehavior {
  /** Load it, with RECORD_CONTENT = {@code {}}, as the Snowflake connector does. */
  DEFAULT,
  /** Skip it. */
  IGNORE
}
