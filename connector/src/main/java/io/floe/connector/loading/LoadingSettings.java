package io.floe.connector.loading;

import io.floe.connector.config.OffsetResetBehavior;
import java.time.Duration;

/**
 * How a task loads: flush thresholds and the cadence of load tracking.
 *
 * @param statusTimeout after this long without news from insertReport, a file's outcome is looked
 *     up in Snowpipe's load history
 * @param historyLookback how far back recovery reads Snowpipe's load history
 * @param offsetResetBehavior what to do when a partition's offsets restart below what is staged
 * @param bufferMemoryMax memory all open buffers may hold before the largest are sealed early
 * @param topicsRenamed a transform may rename topics: a partition may feed several tables
 * @param tableFailuresMax files of one table that may fail to load in a row for reasons other than
 *     their data before the task fails (FLOE-3030)
 */
public record LoadingSettings(
    String connectorName,
    long bufferRecords,
    long bufferBytes,
    Duration flushTime,
    int uploadThreads,
    Duration trackInterval,
    Duration statusTimeout,
    Duration historyLookback,
    OffsetResetBehavior offsetResetBehavior,
    long bufferMemoryMax,
    int tableFailuresMax,
    boolean topicsRenamed) {

  FlushPolicy flushPolicy() {
    return new FlushPolicy(bufferRecords, bufferBytes, flushTime);
  }
}
