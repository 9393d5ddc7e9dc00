package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.util.List;

/**
 * The outcome of converting one Kafka record. Conversion never throws for bad data and never drops
 * a record silently: each record is rows to stage, skipped for a stated reason, or broken with the
 * reason and the original bytes, and the task decides what happens next (dead-letter queue, table
 * stage, or failing with {@link Broken#error()}).
 */
public sealed interface ConvertedRecord {

  /**
   * JSON lines, one per row, each {@code {"meta":{...},"content":...}} (with schematization {@code
   * {"RECORD_METADATA":{...},"COLUMN":value,...}}) in compact UTF-8 without a trailing newline.
   * Usually one; an Avro container file yields one per datum.
   */
  record Rows(List<byte[]> lines) implements ConvertedRecord {
    public Rows {
      lines = List.copyOf(lines);
    }

    /** Total size of the lines in bytes, without separators. */
    public long byteCount() {
      long total = 0;
      for (byte[] line : lines) {
        total += line.length;
      }
      return total;
    }
  }

  /** A record deliberately not loaded, e.g. a tombstone with behavior.on.null.values=IGNORE. */
  record Skipped(String reason) implements ConvertedRecord {}

  /**
   * A record that cannot be loaded as JSON.
   *
   * @param part which part of the record failed
   * @param code the error code naming the problem
   * @param reason what is wrong, naming the field when the failure was nested
   * @param rawKey the key's bytes as they were in Kafka, when a Floe Snowflake converter read it
   *     (otherwise null: community converters do not keep the bytes)
   * @param rawValue the value's bytes as they were in Kafka, likewise
   * @param error a {@link FloeException} naming topic, partition, offset, part and reason, ready to
   *     report to the dead-letter queue or to fail the task with
   */
  record Broken(
      Part part, ErrorCode code, String reason, byte[] rawKey, byte[] rawValue, FloeException error)
      implements ConvertedRecord {}

  /** The part of a record that could not be converted. */
  enum Part {
    KEY,
    VALUE,
    HEADERS
  }
}
