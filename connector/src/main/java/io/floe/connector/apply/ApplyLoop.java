package io.floe.connector.apply;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.schema.TableSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's apply step: every apply interval, for each mirrored table with changes loaded beyond
 * what is applied, one {@link Applier} transaction over the task's partitions of it, up to each
 * partition's loaded offset. Runs on a thread of its own so that neither put() nor preCommit()
 * waits for a MERGE; a failure is logged and retried at the next interval, and after {@code
 * failuresMax} failed applies of one table in a row it fails the task (through {@link #failure},
 * which the task thread checks).
 */
public final class ApplyLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyLoop.class);

  /** Per change table and partition, the offset through which every change has loaded. */
  @FunctionalInterface
  public interface LoadedChanges {
    Map<ObjectRef, Map<TopicPartition, Long>> loadedThrough();
  }

  private final Applier applier;
  private final MirrorTables mirrors;
  private final ProgressTable progress;
  private final ChangeFields fields;
  private final LoadedChanges loaded;
  private final ScheduledExecutorService thread;
  private final Duration interval;
  private final int failuresMax;
  private final ApplyMetrics metrics;
  private final Runnable dropSession;

  // Used by the apply thread only.
  private final Map<ObjectRef, Map<TopicPartition, Long>> applied = new HashMap<>();
  private final Map<ObjectRef, Set<TopicPartition>> rowsEnsured = new HashMap<>();
  private final Map<ObjectRef, Integer> failedInARow = new HashMap<>();

  private volatile FloeException failure;

  /**
   * @param dropSession drops the task session of the calling thread (the apply thread), after a
   *     failed round; the next statement on it opens a new one
   */
  public ApplyLoop(
      Applier applier,
      MirrorTables mirrors,
      ProgressTable progress,
      ChangeFields fields,
      LoadedChanges loaded,
      ScheduledExecutorService thread,
      Duration interval,
      int failuresMax,
      Runnable dropSession,
      ApplyMetrics metrics) {
    this.applier = applier;
    this.mirrors = mirrors;
    this.progress = progress;
    this.fields = fields;
    this.loaded = loaded;
    this.thread = thread;
    this.interval = interval;
    this.failuresMax = failuresMax;
    this.metrics = metrics;
    this.dropSession = dropSession;
  }

  /** Starts applying every interval. */
  public void start() {
    long every = interval.toMillis();
    thread.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Set once a table failed {@code failuresMax} applies in a row (FLOE-3060): the task thread fails
   * the task with it. Its changes stay in the change table.
   */
  public FloeException failure() {
    return failure;
  }

  /** One round over every table with loaded changes; public for tests that drive it directly. */
  public void round() {
    for (Map.Entry<ObjectRef, Map<TopicPartition, Long>> e : loaded.loadedThrough().entrySet()) {
      ObjectRef target = ChangeTables.targetOf(e.getKey());
      if (target == null || e.getValue().isEmpty()) {
        continue;
      }
      try {
        apply(target, e.getValue());
        failedInARow.remove(target);
      } catch (RuntimeException ex) {
        if (Thread.currentThread().isInterrupted()) {
          return; // the task is stopping
        }
        // The reads before the transaction (change fields, the target's columns, progress rows)
        // run on this thread's task session, which the failure may have broken for good: one
        // Snowflake lost (a restart, a killed session) answers "authenticate again" to every
        // statement. The next round logs in afresh.
        dropSession.run();
        int n = failedInARow.merge(target, 1, Integer::sum);
        metrics.failed(target, n);
        LOG.warn(
            "Could not apply changes to {} ({} apply(s) in a row, floe.cdc.apply.failures.max={});"
                + " the changes stay in {} and the next apply retries them: {}",
            target,
            n,
            failuresMax,
            ChangeTables.of(target),
            ex.getMessage());
        if (n >= failuresMax && failure == null) {
          failure =
              ex instanceof FloeException fe && fe.code() == ErrorCode.FLOE_3060
                  ? fe
                  : new FloeException(ErrorCode.FLOE_3060, target + ": " + ex.getMessage(), ex);
        }
      }
    }
  }

  private void apply(ObjectRef target, Map<TopicPartition, Long> loadedThrough) {
    TableSchema schema = mirrors.ensure(target);
    Map<TopicPartition, Long> known = applied.computeIfAbsent(target, t -> new HashMap<>());
    Set<TopicPartition> ensured = rowsEnsured.computeIfAbsent(target, t -> new HashSet<>());
    boolean read = false;
    for (TopicPartition tp : loadedThrough.keySet()) {
      if (ensured.add(tp)) {
        progress.ensure(target, tp);
        known.remove(tp);
      }
      read |= !known.containsKey(tp);
    }
    if (read) {
      known.putAll(applier.appliedOffsets(target));
    }
    List<PartitionRange> ranges = new ArrayList<>();
    loadedThrough.forEach(
        (tp, through) -> {
          long from = known.getOrDefault(tp, PartitionRange.NOTHING_APPLIED);
          if (through > from) {
            ranges.add(new PartitionRange(tp.topic(), tp.partition(), from, through));
          }
        });
    if (ranges.isEmpty()) {
      metrics.caughtUp(target, 0);
      return;
    }
    metrics.behind(target, backlog(ranges));
    long started = System.nanoTime();
    ApplyResult r = applier.apply(fields.target(target, schema, ranges), ranges);
    if (!r.applied().isEmpty()) {
      metrics.committed(
          target,
          r.rowsChanged(),
          Duration.ofNanos(System.nanoTime() - started),
          backlog(r.lost()));
    }
    for (PartitionRange a : r.applied()) {
      known.put(new TopicPartition(a.topic(), a.partition()), a.loaded());
    }
    for (PartitionRange lost : r.lost()) {
      known.remove(new TopicPartition(lost.topic(), lost.partition())); // read again next time
    }
    if (!r.applied().isEmpty()) {
      LOG.debug("Applied {} to {}: {} row(s) changed", r.applied(), target, r.rowsChanged());
    }
  }

  /** The offsets {@code ranges} move (or would have moved) into the target. */
  private static long backlog(List<PartitionRange> ranges) {
    return ranges.stream().mapToLong(r -> r.loaded() - r.applied()).sum();
  }

  /** Stops applying (a round under way finishes first) and closes the applier's session. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      applier.close();
    }
  }
}
