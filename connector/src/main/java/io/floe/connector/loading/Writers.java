package io.floe.connector.loading;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.conversion.RecordOrigin;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.TableManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's partition writers: one per partition and table. A partition feeds one table unless a
 * transform renames topics (RegexRouter, TimestampRouter: one partition, a table per day); each
 * table has its own stage, so file names stay unambiguous with a writer per (partition, table).
 * Each writer is started from what its own table's stage holds ({@link Takeover}). Used by the task
 * thread only.
 */
final class Writers {
  private static final Logger LOG = LoggerFactory.getLogger(Writers.class);

  private final Takeover takeover;
  private final TableManager tables;
  private final Function<String, ObjectRef> tableForTopic;

  /** Opened partitions and their writers by table. */
  private final Map<TopicPartition, Map<ObjectRef, PartitionWriter>> byPartition = new HashMap<>();

  /** Opened partitions' writers by the topic records carry (a renamed one with transforms). */
  private final Map<TopicPartition, Map<String, PartitionWriter>> byTopic = new HashMap<>();

  Writers(Takeover takeover, TableManager tables, Function<String, ObjectRef> tableForTopic) {
    this.takeover = takeover;
    this.tables = tables;
    this.tableForTopic = tableForTopic;
  }

  /** The partition is this task's now; its writers are started by {@link #start}. */
  void opened(TopicPartition tp) {
    byPartition.putIfAbsent(tp, new HashMap<>());
    byTopic.putIfAbsent(tp, new HashMap<>());
  }

  /** A writer {@link Takeover#open} started for an opened partition's own table. */
  void add(PartitionWriter w) {
    byPartition.computeIfAbsent(w.partition(), p -> new HashMap<>()).put(w.objects().table(), w);
  }

  /**
   * The writer for a record: of its original partition, for the table of its (possibly renamed)
   * topic, started on the partition's first record for that table.
   */
  PartitionWriter of(SinkRecord record, TopicPartition tp) {
    Map<String, PartitionWriter> topics = byTopic.get(tp);
    if (topics == null) {
      throw notOpened(record, tp);
    }
    PartitionWriter w = topics.get(record.topic());
    if (w == null) {
      ObjectRef table = tableForTopic.apply(record.topic());
      w = byPartition.get(tp).get(table);
      if (w == null) {
        w = takeover.start(tp, tables.ensure(table));
        add(w);
        LOG.info(
            "{}: records renamed to topic {} go to table {}",
            tp,
            record.topic(),
            w.objects().table());
      }
      topics.put(record.topic(), w);
    }
    return w;
  }

  private static FloeException notOpened(SinkRecord record, TopicPartition tp) {
    String detail =
        "Connect handed Floe a record of "
            + tp
            + " (topic "
            + record.topic()
            + "), a partition it did not open.";
    if (!RecordOrigin.originalsKnown()) {
      detail +=
          " This worker predates Kafka 3.6, whose records keep their original topic: with a"
              + " transform that renames topics (RegexRouter, TimestampRouter) Floe cannot tell"
              + " which partition a record came from.";
    }
    return new FloeException(ErrorCode.FLOE_5020, detail);
  }

  /** The partition's writers (none before its first record, with renaming transforms). */
  Collection<PartitionWriter> of(TopicPartition tp) {
    Map<ObjectRef, PartitionWriter> ws = byPartition.get(tp);
    return ws == null ? List.of() : ws.values();
  }

  /** Every writer of every opened partition. */
  List<PartitionWriter> all() {
    List<PartitionWriter> out = new ArrayList<>();
    byPartition.values().forEach(ws -> out.addAll(ws.values()));
    return out;
  }

  /**
   * A partition's committable offset, -1 for none. With several tables (renaming transforms) it is
   * the lowest any of them can commit: a writer still holding records bounds it; writers with
   * everything staged and submitted do not.
   */
  long committable(TopicPartition tp, OffsetAndMetadata kafka) {
    Collection<PartitionWriter> ws = of(tp);
    long lowest = Long.MAX_VALUE;
    long highest = -1;
    for (PartitionWriter w : ws) {
      long offset = w.committable().orElse(-1);
      highest = Math.max(highest, offset);
      if (!w.settled() || !w.resume().settled()) {
        lowest = Math.min(lowest, offset);
      }
    }
    if (ws.size() > 1) {
      // Never past what Kafka consumed: a table whose stage got further in an earlier run says
      // nothing about the records the other tables still need.
      if (lowest != Long.MAX_VALUE) {
        return kafka == null ? lowest : Math.min(lowest, kafka.offset());
      }
      return kafka == null ? -1 : kafka.offset();
    }
    if (lowest != Long.MAX_VALUE) {
      return lowest;
    }
    // Everything handed to the task is staged and submitted: what Kafka consumed beyond it never
    // reached the task.
    return kafka != null && kafka.offset() > highest && !ws.isEmpty() ? kafka.offset() : highest;
  }

  /** The opened partitions. */
  Collection<TopicPartition> partitions() {
    return new ArrayList<>(byPartition.keySet());
  }

  boolean isOpen(TopicPartition tp) {
    return byPartition.containsKey(tp);
  }

  void closed(TopicPartition tp) {
    byPartition.remove(tp);
    byTopic.remove(tp);
  }
}
