package io.floe.connector.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code floe.cdc.*} settings (docs/configuration.md, Change data capture).
 *
 * @param upsert {@code floe.cdc.mode=upsert}: tables mirror their source
 * @param format how a change event is read
 * @param keyFields the row's fields that form the key; empty for the record key's fields
 * @param softDeletes {@code floe.cdc.delete.mode=soft}
 * @param applyInterval how often each task applies
 * @param retainChanges keep applied changes in the change table
 * @param applyFailuresMax applies of one table that may fail in a row before the task fails
 */
public record CdcSettings(
    boolean upsert,
    Format format,
    List<String> keyFields,
    boolean softDeletes,
    Duration applyInterval,
    boolean retainChanges,
    int applyFailuresMax) {

  public CdcSettings {
    keyFields = List.copyOf(keyFields);
  }

  /** {@code floe.cdc.format}. */
  public enum Format {
    AUTO,
    ENVELOPE,
    FLATTENED
  }
}
