package io.floe.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces the changes of a small {@code customers} table as Debezium would: envelope values
 * ({@code before}/{@code after}/{@code op}/{@code source.lsn}) and key structs, both in
 * JsonConverter's form with schemas, so the mirrored table's columns get real types. The changes
 * insert, update, delete (with its tombstone) and reuse a deleted key; each key's changes go to one
 * partition, in order, as Debezium keeps them.
 *
 * <pre>
 * ChangeProducer --bootstrap-servers HOST:PORT --topic T [--partitions 2]
 * </pre>
 *
 * <p>Prints the final state the mirrored table must reach, one row a line as {@code
 * ID|NAME|EMAIL|POINTS} joined by ';', on stdout.
 */
public final class ChangeProducer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChangeProducer() {}

  public static void main(String[] argv) throws Exception {
    ToolArgs args = new ToolArgs("ChangeProducer", argv);
    String bootstrap = args.required("bootstrap-servers");
    String topic = args.required("topic");
    int partitions = args.intValue("partitions", 2);

    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    Changes changes = new Changes();
    changes.insert(1, "Ada", "ada@example.com", 10);
    changes.insert(2, "Grace", "grace@example.com", 20);
    changes.insert(3, "Linus", "linus@example.com", 30);
    changes.insert(4, "Barbara", "barbara@example.com", 40);
    changes.update(2, "Grace", "grace@example.com", 25);
    changes.update(1, "Ada", "ada@lovelace.org", 10);
    changes.delete(3);
    changes.insert(5, "Ken", "ken@example.com", 50);
    changes.update(4, "Barbara L.", "barbara@example.com", 40);
    changes.insert(3, "Dennis", "dennis@example.com", 60); // a key reused after its delete
    changes.update(5, "Ken", "ken@example.com", 55);
    changes.delete(4);

    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (Change c : changes.events) {
        int partition = c.id % partitions;
        acks.add(producer.send(new ProducerRecord<>(topic, partition, key(c.id), c.value)));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
    }
    System.err.printf(
        "  produced %d change events of %d rows to %s (%d partitions)%n",
        changes.events.size(), changes.total, topic, partitions);
    List<String> rows = new ArrayList<>();
    changes.state.forEach((id, row) -> rows.add(id + "|" + String.join("|", row)));
    System.out.println(String.join(";", rows));
  }

  private record Change(int id, String value) {}

  /** The source table's changes, and its state after them. */
  private static final class Changes {
    final List<Change> events = new ArrayList<>();
    final Map<Integer, List<String>> state = new java.util.TreeMap<>();
    final Map<Integer, Map<String, Object>> rows = new LinkedHashMap<>();
    long lsn = 24_000_000;
    int total;

    void insert(int id, String name, String email, int points) throws Exception {
      change("c", id, row(id, name, email, points));
      total++;
    }

    void update(int id, String name, String email, int points) throws Exception {
      change("u", id, row(id, name, email, points));
    }

    void delete(int id) throws Exception {
      change("d", id, null);
      events.add(new Change(id, null)); // Debezium's tombstone, for log compaction
    }

    private void change(String op, int id, Map<String, Object> after) throws Exception {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("before", rows.get(id));
      payload.put("after", after);
      payload.put("source", Map.of("connector", "postgresql", "table", "customers", "lsn", lsn));
      payload.put("op", op);
      payload.put("ts_ms", 1_765_000_000_000L + lsn);
      lsn += 128;
      if (after == null) {
        rows.remove(id);
        state.remove(id);
      } else {
        rows.put(id, after);
        state.put(
            id,
            List.of(
                (String) after.get("name"),
                (String) after.get("email"),
                String.valueOf(after.get("points"))));
      }
      events.add(new Change(id, JSON.writeValueAsString(envelope(payload))));
    }
  }

  private static Map<String, Object> row(int id, String name, String email, int points) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("name", name);
    row.put("email", email);
    row.put("points", points);
    return row;
  }

  private static String key(int id) throws Exception {
    Map<String, Object> schema =
        struct("shop.public.customers.Key", false, field("id", "int32", false));
    return JSON.writeValueAsString(Map.of("schema", schema, "payload", Map.of("id", id)));
  }

  private static Map<String, Object> envelope(Map<String, Object> payload) {
    List<Map<String, Object>> rowFields =
        List.of(
            field("id", "int32", false),
            field("name", "string", false),
            field("email", "string", true),
            field("points", "int32", true));
    Map<String, Object> before = struct("shop.public.customers.Value", true, rowFields);
    before.put("field", "before");
    Map<String, Object> after = struct("shop.public.customers.Value", true, rowFields);
    after.put("field", "after");
    Map<String, Object> source =
        struct(
            "io.debezium.connector.postgresql.Source",
            false,
            List.of(
                field("connector", "string", false),
                field("table", "string", false),
                field("lsn", "int64", true)));
    source.put("field", "source");
    Map<String, Object> schema =
        struct(
            "shop.public.customers.Envelope",
            false,
            List.of(
                before,
                after,
                source,
                field("op", "string", false),
                field("ts_ms", "int64", true)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("schema", schema);
    out.put("payload", payload);
    return out;
  }

  private static Map<String, Object> struct(String name, boolean optional, Object fields) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "struct");
    s.put("fields", fields instanceof List<?> l ? l : List.of(fields));
    s.put("optional", optional);
    s.put("name", name);
    return s;
  }

  private static Map<String, Object> field(String name, String type, boolean optional) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", type);
    f.put("optional", optional);
    f.put("field", name);
    return f;
  }
}
