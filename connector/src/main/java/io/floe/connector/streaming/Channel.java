package io.floe.connector.streaming;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One Snowpipe Streaming channel as Floe uses it: rows go in with the Kafka offsets they cover as
 * offset tokens, and Snowflake commits rows and token together, so the committed token says exactly
 * which records the table holds. A seam over the SDK's channel, so the exactly-once logic above it
 * can be tested without a server.
 */
interface Channel {

  /** The channel's name in Snowflake. */
  String name();

  /** The offset token Snowflake has committed for this channel, or null when it has none. */
  String committedToken();

  /**
   * Hands rows to the channel, all or none of them.
   *
   * @throws RowsRejected when a row does not fit the table; no row of the call was taken
   * @throws Invalidated when the channel can take no more rows (fenced by a newer instance, or
   *     invalidated by the SDK after a failed upload); it must be reopened
   */
  void insert(List<Map<String, Object>> rows, String startToken, String endToken);

  /**
   * True when the channel knows every one of these columns (stored names). Snowflake fixes a
   * channel's columns when it opens, so after a table gained a column the channel must be reopened
   * before rows with it go in. Channels without typed columns know all they are given.
   */
  default boolean hasColumns(Collection<String> columns) {
    return true;
  }

  /** False once the SDK invalidated the channel (its buffered rows are then lost). */
  boolean valid();

  /** Closes the channel, waiting until Snowflake committed what it buffered or the wait ends. */
  void close();

  /** Rows Snowflake will never take: broken records, handled by errors.tolerance. */
  final class RowsRejected extends RuntimeException {
    RowsRejected(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The channel must be reopened; Kafka resumes from its committed token. */
  final class Invalidated extends RuntimeException {
    Invalidated(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
