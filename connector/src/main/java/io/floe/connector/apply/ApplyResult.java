package io.floe.connector.apply;

import java.util.List;

/**
 * What one apply did: the ranges it committed (their progress now says {@code loaded}) or, when
 * another task had moved a partition's progress, the ranges found lost and nothing committed.
 * {@code rowsChanged} is the MERGE's count of inserted, updated and deleted rows (-1 when a retry
 * found that an earlier attempt had committed and the count was not seen).
 */
public record ApplyResult(
    List<PartitionRange> applied, List<PartitionRange> lost, long rowsChanged) {
  public ApplyResult {
    applied = List.copyOf(applied);
    lost = List.copyOf(lost);
  }

  static ApplyResult nothing() {
    return new ApplyResult(List.of(), List.of(), 0);
  }

  static ApplyResult lost(List<PartitionRange> lost) {
    return new ApplyResult(List.of(), lost, 0);
  }
}
