package io.floe.connector.apply;

/** The JMX view of {@link ApplyMetrics}: {@code io.floe:type=cdc,connector=<name>,task=<id>}. */
public interface ApplyMetricsMBean {
  /** Apply transactions that committed changes, since the task started. */
  long getAppliesCommitted();

  /** Applies that failed (each after its own retries); their changes stay for the next one. */
  long getAppliesFailed();

  /** Rows the committed MERGEs inserted, updated or deleted in the mirrored tables. */
  long getRowsChanged();

  /** How long the last committed apply took, from its first statement to COMMIT (ms). */
  long getLastApplyMillis();

  /**
   * Offsets of this task's partitions that have loaded into change tables and are not applied yet:
   * the backlog of the apply step (it includes offsets of skipped or broken records).
   */
  long getOffsetsLoadedNotApplied();

  /**
   * How long the oldest of those has waited: since a round first found loaded changes of a table
   * that no apply has caught up with since (0 when every table is caught up). Normally below
   * floe.cdc.apply.interval.ms; the gauge to alert on.
   */
  long getApplyLagSeconds();

  /**
   * The most applies of one table that failed in a row (FLOE-3060 at floe.cdc.apply.failures.max).
   */
  int getApplyFailuresInARow();
}
