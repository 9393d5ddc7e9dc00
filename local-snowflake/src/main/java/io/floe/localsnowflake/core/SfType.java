package io.floe.localsnowflake.core;

/**
 * Snowflake's column types as they appear in a query result's {@code rowtype[].type}. The driver
 * picks its Java types and its text parsing of {@code rowset} values from this name.
 */
public enum SfType {
  FIXED("fixed"),
  REAL("real"),
  TEXT("text"),
  BOOLEAN("boolean"),
  DATE("date"),
  TIME("time"),
  TIMESTAMP_NTZ("timestamp_ntz"),
  TIMESTAMP_LTZ("timestamp_ltz"),
  TIMESTAMP_TZ("timestamp_tz"),
  BINARY("binary"),
  VARIANT("variant"),
  OBJECT("object"),
  ARRAY("array");

  private final String wireName;

  SfType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
