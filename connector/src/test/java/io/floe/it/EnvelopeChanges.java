package io.floe.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A source table {@code (id, name, qty)} changing at random (inserts, updates, deletes, keys reused
 * after their delete) as Debezium envelopes in schemaless JSON: key {@code {"id":…}}, value {@code
 * before}, {@code after}, {@code op}, {@code source} with a PostgreSQL {@code lsn}, {@code ts_ms}.
 * A delete is followed by its tombstone. Each key stays in partition {@code id % partitions}, as
 * Kafka's default partitioner keeps a key in one partition.
 */
final class EnvelopeChanges {
  private final String topic;
  private final int partitions;
  private final int keys;
  private final Random random;
  private final Map<Integer, Map<String, Object>> state = new TreeMap<>();
  private long lsn = 5000;

  EnvelopeChanges(String topic, int partitions, int keys, long seed) {
    this.topic = topic;
    this.partitions = partitions;
    this.keys = keys;
    this.random = new Random(seed);
  }

  /** The next {@code count} source changes, plus a tombstone after each delete. */
  synchronized List<JsonRecord> next(int count) {
    List<JsonRecord> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int id = 1 + random.nextInt(keys);
      Map<String, Object> before = state.get(id);
      if (before != null && random.nextInt(10) < 3) {
        state.remove(id);
        out.add(change(id, "d", before, null));
        out.add(JsonRecord.of(topic, id % partitions, key(id), null));
      } else {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", id);
        after.put("name", "name-" + id + "-" + random.nextInt(1000));
        after.put("qty", random.nextInt(500));
        state.put(id, after);
        out.add(change(id, before == null ? "c" : "u", before, after));
      }
    }
    return out;
  }

  /** The source table now, as {@code id|name|qty} by id. */
  synchronized List<String> rows() {
    return state.values().stream()
        .map(r -> r.get("id") + "|" + r.get("name") + "|" + r.get("qty"))
        .toList();
  }

  private JsonRecord change(
      int id, String op, Map<String, Object> before, Map<String, Object> after) {
    lsn += 1 + random.nextInt(5);
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("connector", "postgresql");
    source.put("lsn", lsn);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("before", before);
    value.put("after", after);
    value.put("op", op);
    value.put("source", source);
    value.put("ts_ms", 1_700_000_000_000L + lsn);
    return JsonRecord.of(topic, id % partitions, key(id), value);
  }

  private static String key(int id) {
    return "{\"id\":" + id + "}";
  }
}
