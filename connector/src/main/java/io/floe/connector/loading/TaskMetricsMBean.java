package io.floe.connector.loading;

/** The JMX view of {@link TaskMetrics}. */
public interface TaskMetricsMBean {
  long getRecordsWritten();

  long getRecordsSkipped();

  long getBrokenRecords();

  long getFilesStaged();

  long getBytesStaged();

  long getFilesSubmitted();

  long getFilesLoaded();

  /** Files that did not load (LOAD_FAILED or PARTIALLY_LOADED), moved to the table stage. */
  long getFilesFailed();

  long getFilesPurged();

  /** Records in open buffers (not yet sealed into a file). */
  long getBufferedRecords();

  /** Uncompressed JSON bytes in open buffers (what buffer.size.bytes counts). */
  long getBufferedBytes();

  /**
   * Memory the open buffers hold: lines below 32 KB uncompressed, compressed bytes beyond, and the
   * native zlib state of those that compress (what floe.buffer.memory.max.bytes caps).
   */
  long getBufferMemoryBytes();

  /** Buffers written to files before their thresholds because the memory cap was reached. */
  long getBuffersSealedEarly();

  /**
   * Staged files recovery did not submit because their offsets overlap another file of their
   * partition (FLOE-3020).
   */
  long getOverlappingFilesSkipped();

  /** Sealed files whose upload or submission has not finished. */
  int getFilesWaitingForUpload();

  /** Files submitted to Snowpipe whose outcome has not been reported yet. */
  int getFilesAwaitingLoad();

  /** Age of the oldest of those, in seconds (0 when none). */
  long getOldestFileAwaitingLoadSeconds();

  /** Records handed to the task that Kafka may not commit yet, over all its partitions. */
  long getOffsetLagTotal();

  /**
   * Snowpipe Streaming: how long the oldest rows handed to a channel have waited for Snowflake to
   * commit them, over the task's channels (0 when all are committed; always 0 in Snowpipe mode).
   */
  long getChannelCommitLagMillis();

  /** Snowflake calls (SQL, uploads, Snowpipe REST) since the task started, retries not counted. */
  long getSnowflakeCalls();

  /** Retries of those calls after transient failures. */
  long getSnowflakeRetries();

  /** Calls that failed after their retries, or at once for a permanent error. */
  long getSnowflakeFailures();

  /** Median call latency over the last one to two minutes, retries included (bucket bound, ms). */
  long getSnowflakeCallMillisP50();

  /** 99th percentile call latency over the last one to two minutes (bucket bound, ms). */
  long getSnowflakeCallMillisP99();
}
