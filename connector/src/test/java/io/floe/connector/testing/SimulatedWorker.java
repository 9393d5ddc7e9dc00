package io.floe.connector.testing;

import io.floe.connector.SnowflakeSinkTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Plays the Connect worker's part for one sink task over an in-memory log: delivers records from
 * each partition's position, honours the task's seeks, and commits what preCommit returns. Lets
 * tests crash and replace tasks at exact points, which a real cluster cannot do deterministically.
 */
public final class SimulatedWorker {
  private final Map<TopicPartition, List<SinkRecord>> log;
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final Map<TopicPartition, Long> position = new HashMap<>();

  /**
   * Connect's "current offsets", which preCommit receives: past the records of every put() that
   * returned (including records dropped before put()), or where the task asked to seek.
   */
  private final Map<TopicPartition, Long> consumed = new HashMap<>();

  private SnowflakeSinkTask task;
  private TaskContextStandIn context;
  private ErrantRecordReporter reporter;
  private boolean seekLate;
  private Predicate<SinkRecord> dropped = r -> false;
  private boolean firstPollIgnoresSeeks;

  public SimulatedWorker(Map<TopicPartition, List<SinkRecord>> log) {
    this.log = log;
  }

  /** Starts a fresh task on every partition of the log, from the committed offsets. */
  public SnowflakeSinkTask start(Map<String, String> props) {
    task = new SnowflakeSinkTask();
    context = new TaskContextStandIn(props);
    context.reporter(reporter);
    task.initialize(context);
    task.start(props);
    Set<TopicPartition> partitions = log.keySet();
    context.assign(partitions);
    position.clear();
    for (TopicPartition tp : partitions) {
      position.put(tp, committed.getOrDefault(tp, 0L));
    }
    consumed.clear();
    consumed.putAll(position);
    task.open(partitions);
    firstPollIgnoresSeeks = seekLate;
    if (!seekLate) {
      applySeeks();
    }
    return task;
  }

  /**
   * Makes the next started tasks' first poll come from the committed offsets, before the seeks the
   * task asked for in open() take effect — as older workers do, which apply them only at their next
   * poll.
   */
  public void seekLate(boolean late) {
    this.seekLate = late;
  }

  /** The dead-letter-queue reporter the next started task gets (Connect gives one when set). */
  public void reporter(ErrantRecordReporter reporter) {
    this.reporter = reporter;
  }

  public TaskContextStandIn context() {
    return context;
  }

  /**
   * Records for which {@code dropped} holds never reach put(), but still count as consumed — what a
   * transform's filter (or the worker's own errors.tolerance) does.
   */
  public void dropBeforePut(Predicate<SinkRecord> dropped) {
    this.dropped = dropped;
  }

  /**
   * One poll: up to {@code max} records per partition go to put() (possibly none); returns how many
   * were consumed. Seeks the task asked for take effect first, as Connect's rewind does; a position
   * past the end of the log falls back to the beginning, as Connect's sink consumers do ({@code
   * auto.offset.reset=earliest}).
   */
  public int poll(int max) {
    if (!firstPollIgnoresSeeks) {
      applySeeks();
    }
    firstPollIgnoresSeeks = false;
    List<SinkRecord> batch = new ArrayList<>();
    Map<TopicPartition, Long> polledTo = new HashMap<>();
    int polled = 0;
    for (Map.Entry<TopicPartition, List<SinkRecord>> e : log.entrySet()) {
      List<SinkRecord> records = e.getValue();
      if (position.get(e.getKey()) > records.size()) {
        position.put(e.getKey(), 0L);
      }
      long from = position.get(e.getKey());
      for (long o = from; o < records.size() && o < from + max; o++) {
        SinkRecord r = records.get((int) o);
        polled++;
        if (!dropped.test(r)) {
          batch.add(r);
        }
      }
      position.put(e.getKey(), Math.min(records.size(), from + max));
      if (position.get(e.getKey()) > from) {
        polledTo.put(e.getKey(), position.get(e.getKey()));
      }
    }
    task.put(batch);
    consumed.putAll(polledTo);
    applySeeks();
    return polled;
  }

  /** Polls until every record was delivered. */
  public void drain(int max) {
    while (poll(max) > 0) {
      // keep polling
    }
  }

  /** What the worker does every offset.flush.interval.ms: preCommit, then commit the answer. */
  public Map<TopicPartition, Long> commit() {
    Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
    consumed.forEach((tp, o) -> current.put(tp, new OffsetAndMetadata(o)));
    Map<TopicPartition, OffsetAndMetadata> answer = task.preCommit(current);
    answer.forEach((tp, o) -> committed.put(tp, o.offset()));
    return Map.copyOf(committed);
  }

  /**
   * Commits repeatedly until Kafka's offsets reach {@code expected}: uploads finish in the
   * background, and a worker commits on a timer, so a real worker converges the same way.
   */
  public Map<TopicPartition, Long> commitUntil(Map<TopicPartition, Long> expected) {
    return Poll.until(java.time.Duration.ofSeconds(60), this::commitAfterPut, expected::equals);
  }

  /**
   * Polls and commits repeatedly until Kafka's offsets reach {@code expected}, as a worker does: a
   * rewind the task asks for at commit time (a channel reopened) is read again by the next polls.
   */
  public Map<TopicPartition, Long> drainAndCommitUntil(
      Map<TopicPartition, Long> expected, int max) {
    return Poll.until(
        java.time.Duration.ofSeconds(60),
        () -> {
          drain(max);
          return commitAfterPut();
        },
        expected::equals);
  }

  private Map<TopicPartition, Long> commitAfterPut() {
    task.put(List.of());
    return commit();
  }

  /** Stops the task the way a worker does on shutdown or rebalance (no commit afterwards). */
  public void stop() {
    task.close(log.keySet());
    task.stop();
  }

  public Map<TopicPartition, Long> committed() {
    return committed;
  }

  private void applySeeks() {
    Map<TopicPartition, Long> seeks = context.takeSeeks();
    position.putAll(seeks);
    consumed.putAll(seeks);
  }
}
