package io.floe.connector.loading;

import io.floe.connector.ErrorCode;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.TableManager;
import io.floe.connector.table.TableObjects;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the partitions of one open(): prepares their tables, recovers from Snowflake how far
 * each was staged, hands files whose outcome is known to the tracker and submits again those whose
 * outcome is not. Runs inside the consumer's rebalance callback, so its Snowflake calls do not grow
 * with the number of partitions: a LIST per topic and stage, a history scan and one resubmission
 * per pipe (split by the client within Snowpipe's per-request limit).
 */
final class Takeover {
  private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);

  private final TableManager tables;
  private final Function<String, ObjectRef> tableForTopic;
  private final Recovery recovery;
  private final LoadTracker tracker;
  private final Submitter submitter;
  private final FlushPolicy flushPolicy;
  private final TaskMetrics metrics;

  Takeover(
      TableManager tables,
      Function<String, ObjectRef> tableForTopic,
      Recovery recovery,
      LoadTracker tracker,
      Submitter submitter,
      FlushPolicy flushPolicy,
      TaskMetrics metrics) {
    this.metrics = metrics;
    this.tables = tables;
    this.tableForTopic = tableForTopic;
    this.recovery = recovery;
    this.tracker = tracker;
    this.submitter = submitter;
    this.flushPolicy = flushPolicy;
  }

  /** A writer per partition, positioned after what Snowflake has of it. */
  List<PartitionWriter> open(Collection<TopicPartition> partitions) {
    recovery.reset();
    Map<TableObjects, List<TopicPartition>> byTable = new LinkedHashMap<>();
    for (TopicPartition tp : partitions) {
      byTable
          .computeIfAbsent(tables.ensure(tableForTopic.apply(tp.topic())), o -> new ArrayList<>())
          .add(tp);
    }
    return takeOver(byTable, true);
  }

  /**
   * The writer of one partition for one table, started on the partition's first record for that
   * table when a transform renames topics. Kafka resumes at its committed offset then ({@code
   * sought} false): the writer only drops what its table already has.
   */
  PartitionWriter start(TopicPartition tp, TableObjects objects) {
    return takeOver(Map.of(objects, List.of(tp)), false).get(0);
  }

  private List<PartitionWriter> takeOver(
      Map<TableObjects, List<TopicPartition>> byTable, boolean sought) {
    List<PartitionWriter> writers = new ArrayList<>();
    Map<TableObjects, List<Resubmit>> resubmit = new LinkedHashMap<>();
    for (Map.Entry<TableObjects, List<TopicPartition>> e : byTable.entrySet()) {
      TableObjects objects = e.getKey();
      recovery
          .recover(objects, e.getValue())
          .forEach((tp, state) -> writers.add(takeOver(objects, tp, state, resubmit, sought)));
    }
    resubmit.forEach(this::resubmit);
    return writers;
  }

  /** A staged file of unknown outcome, submitted again. */
  private record Resubmit(TopicPartition tp, Recovery.StagedFile file) {}

  private PartitionWriter takeOver(
      TableObjects objects,
      TopicPartition tp,
      Recovery.State state,
      Map<TableObjects, List<Resubmit>> resubmit,
      boolean sought) {
    for (Recovery.StagedFile m : state.markers()) {
      tracker.marker(objects, tp, m.path(), m.range());
    }
    // Never submit again a file whose outcome is known: past Snowpipe's 14-day memory a loaded
    // file would load twice.
    for (Recovery.StagedFile f : state.staged()) {
      if (f.loaded()) {
        tracker.trackLoaded(objects, tp, f.path(), f.range());
      } else if (f.failed()) {
        tracker.trackOutcome(objects, tp, f.path(), f.range(), f.status().orElseThrow());
      } else {
        resubmit.computeIfAbsent(objects, o -> new ArrayList<>()).add(new Resubmit(tp, f));
      }
    }
    for (Recovery.Overlap o : state.overlaps()) {
      metrics.overlappingFileSkipped();
      LOG.warn(
          "{} {}: file {} on stage {} covers offsets that file {} also covers; not submitting it,"
              + " so that those records load once, and resuming after the files kept. {}",
          ErrorCode.FLOE_3020.id(),
          tp,
          o.skipped(),
          objects.namedStage(),
          o.other(),
          ErrorCode.FLOE_3020.remedy());
    }
    return new PartitionWriter(
        tp, objects, flushPolicy, state.generation(), state.lastStaged(), sought);
  }

  /** One submission for every partition's files of a pipe: submission is idempotent. */
  private void resubmit(TableObjects objects, List<Resubmit> files) {
    // Tracked first, as the submitter does: a load event read in between would match no file.
    for (Resubmit r : files) {
      tracker.track(objects, r.tp(), r.file().path(), r.file().range());
    }
    submitter.resubmit(objects.pipe(), files.stream().map(r -> r.file().path()).toList());
    LOG.info(
        "Resubmitted {} staged file(s) of {} partition(s) to {}",
        files.size(),
        files.stream().map(Resubmit::tp).distinct().count(),
        objects.pipe());
  }
}
