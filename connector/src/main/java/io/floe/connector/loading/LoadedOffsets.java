package io.floe.connector.loading;

import io.floe.connector.snowflake.ObjectRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * Per table and partition, how far every record has loaded: what change data capture may apply. The
 * task thread publishes what is submitted (the offset Kafka may commit); the load tracker's thread
 * bounds it by the lowest file not loaded yet at the end of each round. Kept apart from the
 * tracker's file bookkeeping because it is the one thing another component (the apply step) reads.
 */
final class LoadedOffsets {
  /** A file of {@code tp} not loaded yet (tracked, or held after a failure), from {@code first}. */
  record Unloaded(TopicPartition tp, long first) {}

  private final Map<ObjectRef, Map<TopicPartition, Long>> submittedBelow =
      new ConcurrentHashMap<>();
  private final Map<ObjectRef, Map<TopicPartition, Long>> loadedThrough = new ConcurrentHashMap<>();

  /** Everything of {@code tp} below {@code offset} is in files submitted to the table's pipe. */
  void submitted(ObjectRef table, TopicPartition tp, long offset) {
    submittedBelow.computeIfAbsent(table, t -> new ConcurrentHashMap<>()).put(tp, offset);
  }

  /**
   * Per table and partition, the highest offset through which every record's file has loaded (or
   * was set aside as broken). Only partitions that published a submitted offset and passed a round
   * since.
   */
  Map<ObjectRef, Map<TopicPartition, Long>> loadedThrough() {
    Map<ObjectRef, Map<TopicPartition, Long>> out = new HashMap<>();
    loadedThrough.forEach((table, byTp) -> out.put(table, Map.copyOf(byTp)));
    return out;
  }

  /**
   * One round's settling, on the tracker's thread, which makes every change of a file's state: the
   * submitted offset is read first, so every file below it is tracked or held by then, and the
   * lowest file not loaded bounds it. The loaded offset never moves back.
   */
  void settle(Function<ObjectRef, List<Unloaded>> unloaded) {
    submittedBelow.forEach(
        (table, byTp) -> {
          Map<TopicPartition, Long> lowest = new HashMap<>(byTp);
          for (Unloaded u : unloaded.apply(table)) {
            lowest.computeIfPresent(u.tp(), (tp, o) -> Math.min(o, u.first()));
          }
          Map<TopicPartition, Long> loaded =
              loadedThrough.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
          lowest.forEach(
              (tp, below) -> {
                if (byTp.containsKey(tp)) { // not forgotten meanwhile
                  loaded.merge(tp, below - 1, Math::max);
                }
              });
        });
  }

  /** The partition is no longer the task's. */
  void forget(TopicPartition tp) {
    submittedBelow.values().forEach(byTp -> byTp.remove(tp));
    loadedThrough.values().forEach(byTp -> byTp.remove(tp));
  }
}
