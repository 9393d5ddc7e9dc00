package io.floe.connector.streaming;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps schematized rows and their channel's columns in step. Snowflake fixes a channel's columns
 * when it opens, and the converter adds a table's columns just before the record that needs them
 * reaches the loader, so a row may name a column its channel has never heard of (the SDK would
 * refuse it as an extra column). The channel is then reopened, like an invalidated one: the rows
 * the old instance buffered are dropped and Kafka resumes after its committed token, so exactly
 * once holds as after any recovery.
 */
final class ChannelColumns {
  private ChannelColumns() {}

  /**
   * True when the rows can go into the partition's channel: it knows their columns, or was reopened
   * (by {@code reopen}) without a rewind and knows them now. False when the reopening rewound
   * Kafka, which delivers the record again.
   */
  static boolean fit(PartitionChannel pc, List<Map<String, Object>> rows, Runnable reopen) {
    Set<String> columns = new LinkedHashSet<>();
    for (Map<String, Object> row : rows) {
      for (String key : row.keySet()) {
        columns.add(SchematizedRows.column(key));
      }
    }
    if (pc.channel().hasColumns(columns)) {
      return true;
    }
    reopen.run();
    if (!pc.channel().hasColumns(columns)) {
      throw new FloeException(
          ErrorCode.FLOE_3070,
          "Table "
              + pc.table()
              + " has columns "
              + columns
              + ", but channel "
              + pc.channel().name()
              + " opened after they were added does not know all of them.");
    }
    return pc.resume().settled();
  }

  /** The reason for the reopening, as the recovery logs it. */
  static Channel.Invalidated evolved(PartitionChannel pc) {
    return new Channel.Invalidated(
        "table "
            + pc.table()
            + " gained columns since the channel opened, and a channel's columns are fixed when it"
            + " opens",
        null);
  }
}
