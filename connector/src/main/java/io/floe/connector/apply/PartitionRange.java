package io.floe.connector.apply;

/**
 * The changes of one Kafka partition an apply moves into the target: offsets above {@code applied}
 * (what the progress row says now; -1 before the first apply) up to and including {@code loaded}
 * (the highest offset below which every change file has loaded, so no earlier change of a key is
 * still in flight).
 */
public record PartitionRange(String topic, int partition, long applied, long loaded) {
  /** What a progress row holds before anything was applied. */
  public static final long NOTHING_APPLIED = -1;

  public PartitionRange {
    if (applied < NOTHING_APPLIED || loaded < applied) {
      throw new IllegalArgumentException(
          topic + "-" + partition + ": applied " + applied + ", loaded " + loaded);
    }
  }

  /** Whether the range holds any change. */
  public boolean isEmpty() {
    return loaded == applied;
  }

  @Override
  public String toString() {
    return topic + "-" + partition + " (" + applied + ", " + loaded + "]";
  }
}
