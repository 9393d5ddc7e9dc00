package io.floe.connector.loading;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * floe.buffer.memory.max.bytes: a task's open buffers together stay under a cap. The running total
 * is kept from each write's change (cheap, per record); only when it passes the cap are the buffers
 * measured, and the largest sealed early until half the cap is left, so a task with thousands of
 * busy partitions writes smaller files instead of growing its heap (and native zlib memory) with
 * them. Half, not just under: sealing one buffer at a time at the cap would seal on nearly every
 * record. Used by the task thread only.
 */
final class MemoryCap {
  private final long max;
  private long held;

  MemoryCap(long max) {
    this.max = max;
  }

  /** A writer's buffer grew (or shrank) by {@code delta}; true when the cap is passed. */
  boolean changed(long delta) {
    held += delta;
    return held > max;
  }

  /** The exact total, measured elsewhere (the running total misses seals on time and closes). */
  void measured(long total) {
    held = total;
  }

  /** The writers whose buffers to seal now, largest first; none if the cap is not really passed. */
  List<PartitionWriter> toSeal(Collection<PartitionWriter> writers) {
    long total = 0;
    List<PartitionWriter> open = new ArrayList<>();
    for (PartitionWriter w : writers) {
      long m = w.bufferMemory();
      if (m > 0) {
        total += m;
        open.add(w);
      }
    }
    List<PartitionWriter> seal = new ArrayList<>();
    if (total > max) {
      open.sort(Comparator.comparingLong(PartitionWriter::bufferMemory).reversed());
      for (PartitionWriter w : open) {
        if (total <= max / 2) {
          break;
        }
        total -= w.bufferMemory();
        seal.add(w);
      }
    }
    held = total;
    return seal;
  }
}
