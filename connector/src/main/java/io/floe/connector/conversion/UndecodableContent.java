package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;

/** Bytes a Snowflake converter could not decode, and why; the record becomes broken. */
final class UndecodableContent extends SnowflakeContent {
  private final ErrorCode code;
  private final String reason;
  private final Integer schemaId;

  UndecodableContent(byte[] raw, ErrorCode code, String reason, Integer schemaId) {
    super(raw);
    this.code = code;
    this.reason = reason;
    this.schemaId = schemaId;
  }

  ErrorCode code() {
    return code;
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
    return "UndecodableContent[" + code.id() + ": " + reason + "]";
  }
}
