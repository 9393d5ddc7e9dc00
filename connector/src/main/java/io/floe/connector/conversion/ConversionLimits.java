package io.floe.connector.conversion;

/**
 * Bounds that keep one bad record from exhausting the task's stack or heap. Past them a record is
 * broken (FLOE-4011, FLOE-4012) instead of throwing StackOverflowError or OutOfMemoryError, which
 * Kafka Connect's errors.tolerance never catches.
 */
final class ConversionLimits {
  /**
   * How deeply JSON text and Connect data may nest (objects, arrays, maps, structs): Jackson's own
   * default for JSON text. Writing Connect data recurses once per level; a thousand levels fit the
   * JVM's default 1 MB thread stack even before the JIT compiles the writer.
   */
  static final int MAX_DEPTH = 1000;

  /**
   * How deeply Avro data may nest (records, arrays, maps). Lower than {@link #MAX_DEPTH} because
   * Avro's reader spends up to about 1.9 KB of stack per level (a union around each nested record
   * adds frames; the JIT's first tier uses more than the interpreter): 560 levels fill a 1 MB
   * stack. 250 leaves half of it to the frames below.
   */
  static final int MAX_AVRO_DEPTH = 250;

  /**
   * How many collection items whose Avro encoding takes no bytes at all (null, a record of nulls)
   * one record may declare. Every other item needs at least a byte, so the record's own size bounds
   * them; these would let 7 bytes declare billions of items.
   */
  static final int MAX_EMPTY_ITEMS = 1_000_000;

  /**
   * The most an Avro container file may hold once decompressed, and so the longest string or bytes
   * value one of its datums may declare: Snowflake's VARIANT limit.
   */
  static final int MAX_CONTAINER_BYTES = 134_217_728;

  private ConversionLimits() {}

  static String tooDeep() {
    return tooDeep(MAX_DEPTH);
  }

  static String tooDeep(int limit) {
    return "it is nested more than " + limit + " levels deep";
  }

  static String tooDeepForStack() {
    return "it is nested too deeply for the task thread's stack";
  }
}
