package io.floe.connector.config;

/**
 * What a task does when a partition's offsets restart below what Floe already staged for it (the
 * topic was deleted and re-created, or the data comes from another cluster): {@code
 * floe.offset.reset.behavior}.
 */
public enum OffsetResetBehavior {
  /** Fail the task (FLOE-3004) and let the operator decide. */
  FAIL,
  /**
   * Stage the partition's new records under a new generation of file names, next to the old files,
   * so they load.
   */
  NEW_GENERATION
}
