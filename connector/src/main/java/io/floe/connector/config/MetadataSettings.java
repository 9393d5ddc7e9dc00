package io.floe.connector.config;

/**
 * Which fields Floe writes into RECORD_METADATA (the {@code snowflake.metadata.*} settings). When
 * {@link #all()} is false no metadata is written at all and RECORD_METADATA is NULL, whatever the
 * other flags say; the other fields ({@code key}, {@code headers}, ...) have no switch.
 *
 * @param all {@code snowflake.metadata.all}
 * @param topic {@code snowflake.metadata.topic}: the {@code topic} field
 * @param offsetAndPartition {@code snowflake.metadata.offset.and.partition}: {@code offset} and
 *     {@code partition}
 * @param createTime {@code snowflake.metadata.createtime}: {@code CreateTime} or {@code
 *     LogAppendTime}
 */
public record MetadataSettings(
    boolean all, boolean topic, boolean offsetAndPartition, boolean createTime) {

  /** Whether the {@code topic} field is written. */
  public boolean writesTopic() {
    return all && topic;
  }

  /** Whether the {@code offset} and {@code partition} fields are written. */
  public boolean writesOffsetAndPartition() {
    return all && offsetAndPartition;
  }

  /** Whether the record timestamp is written. */
  public boolean writesCreateTime() {
    return all && createTime;
  }
}
