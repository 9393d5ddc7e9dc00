package io.floe.connector.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * A source table {@code (id, name, qty)} that changes at random (inserts, updates, deletes, keys
 * reused after their delete) and the Debezium events it produces, spread over partitions by key as
 * Kafka's default partitioner keeps a key in one partition. Each event is what the file loader puts
 * in the change table: RECORD_METADATA with topic, partition, offset and key, RECORD_CONTENT the
 * event as JSON. A delete is followed by its tombstone, as Debezium emits them.
 */
final class ChangeGenerator {
  /** One loaded change: the two VARIANT columns as JSON text. */
  record Change(int partition, long offset, int key, String metadata, String content) {}

  enum Form {
    /** Debezium's envelope: before, after, op, source (with a PostgreSQL lsn), ts_ms. */
    ENVELOPE,
    /** ExtractNewRecordState with delete.handling.mode=rewrite: the row plus __deleted. */
    FLATTENED
  }

  private final String topic;
  private final int partitions;
  private final Form form;
  private final Random random;
  private final Map<Integer, String[]> state = new TreeMap<>();
  private final long[] nextOffset;
  private final List<Change> changes = new ArrayList<>();
  private long lsn = 1000;

  ChangeGenerator(String topic, int partitions, Form form, long seed) {
    this.topic = topic;
    this.partitions = partitions;
    this.form = form;
    this.random = new Random(seed);
    this.nextOffset = new long[partitions];
  }

  /** {@code count} more source changes over keys 1..{@code keys}. */
  List<Change> generate(int count, int keys) {
    int first = changes.size();
    for (int i = 0; i < count; i++) {
      int key = 1 + random.nextInt(keys);
      String[] before = state.get(key);
      if (before == null) {
        String[] after = row(key);
        state.put(key, after);
        emit(key, "c", null, after);
      } else if (random.nextInt(10) < 7) {
        String[] after = row(key);
        state.put(key, after);
        emit(key, "u", before, after);
      } else {
        state.remove(key);
        emit(key, "d", before, null);
        emitTombstone(key);
      }
    }
    return List.copyOf(changes.subList(first, changes.size()));
  }

  /** Every change so far. */
  List<Change> changes() {
    return List.copyOf(changes);
  }

  /** Each partition's offset past its last change: what Kafka commits once all are handled. */
  Map<TopicPartition, Long> ends() {
    Map<TopicPartition, Long> out = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      out.put(new TopicPartition(topic, p), nextOffset[p]);
    }
    return out;
  }

  /** The highest offset of each partition so far (-1 for none). */
  long[] lastOffsets() {
    long[] out = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      out[p] = nextOffset[p] - 1;
    }
    return out;
  }

  /**
   * The source table as a target holds it after applying, per partition, the changes up to {@code
   * upTo[p]}: a key lives in one partition, so replaying each key's changes in offset order gives
   * it. Rows as {@code id|name|qty}, by id.
   */
  List<String> stateAt(long[] upTo) {
    Map<Integer, String[]> rows = new TreeMap<>();
    for (Change c : changes) {
      if (c.offset() > upTo[c.partition()]) {
        continue;
      }
      String[] row = rowsWritten.get(c);
      if (row == null) {
        rows.remove(c.key());
      } else {
        rows.put(c.key(), row);
      }
    }
    return rows.values().stream().map(r -> String.join("|", r)).toList();
  }

  /** The source table now. */
  List<String> finalState() {
    return state.values().stream().map(r -> String.join("|", r)).toList();
  }

  String topic() {
    return topic;
  }

  private final Map<Change, String[]> rowsWritten = new HashMap<>();

  private String[] row(int key) {
    return new String[] {
      String.valueOf(key),
      "name-" + key + "-" + random.nextInt(1000),
      String.valueOf(random.nextInt(500))
    };
  }

  private void emit(int key, String op, String[] before, String[] after) {
    lsn += 1 + random.nextInt(5);
    String content =
        switch (form) {
          case ENVELOPE ->
              "{\"before\":"
                  + json(before)
                  + ",\"after\":"
                  + json(after)
                  + ",\"op\":\""
                  + op
                  + "\",\"source\":{\"connector\":\"postgresql\",\"lsn\":"
                  + lsn
                  + "},\"ts_ms\":"
                  + (1_700_000_000_000L + lsn)
                  + "}";
          case FLATTENED -> {
            String[] r = after != null ? after : before;
            String j = json(r);
            yield j.substring(0, j.length() - 1) + ",\"__deleted\":\"" + (after == null) + "\"}";
          }
        };
    add(key, content, after);
  }

  private void emitTombstone(int key) {
    add(key, "{}", null);
  }

  private void add(int key, String content, String[] after) {
    int p = key % partitions;
    long offset = nextOffset[p]++;
    String metadata =
        "{\"topic\":\""
            + topic
            + "\",\"partition\":"
            + p
            + ",\"offset\":"
            + offset
            + ",\"CreateTime\":"
            + (1_700_000_000_000L + offset)
            + ",\"key\":{\"id\":"
            + key
            + "}}";
    Change c = new Change(p, offset, key, metadata, content);
    changes.add(c);
    rowsWritten.put(c, after);
  }

  private static String json(String[] row) {
    if (row == null) {
      return "null";
    }
    return "{\"id\":" + row[0] + ",\"name\":\"" + row[1] + "\",\"qty\":" + row[2] + "}";
  }
}
