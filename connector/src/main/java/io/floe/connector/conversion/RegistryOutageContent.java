package io.floe.connector.conversion;

/**
 * Bytes that could not be decoded because the schema registry could not be asked. Not a broken
 * record: {@link RecordConverter} stops the task on it (FLOE-4006), so the record is read again
 * once the registry is back, whatever errors.tolerance says. It travels as a value rather than an
 * exception because Connect's errors.tolerance=all would swallow a converter's exception and skip
 * the record.
 */
final class RegistryOutageContent extends SnowflakeContent {
  private final String reason;
  private final int schemaId;

  RegistryOutageContent(byte[] raw, String reason, int schemaId) {
    super(raw);
    this.reason = reason;
    this.schemaId = schemaId;
  }

  String reason() {
    return reason;
  }

  @Override
  Integer schemaId() {
    return schemaId;
  }

  @Override
  int valueCount() {
    return 0;
  }

  @Override
  public String toString() {
    return "RegistryOutageContent[" + reason + "]";
  }
}
