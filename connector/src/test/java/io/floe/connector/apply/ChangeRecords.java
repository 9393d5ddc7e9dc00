package io.floe.connector.apply;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A {@link ChangeGenerator}'s events as the sink task gets them from Kafka: through Kafka's own
 * JsonConverter, with schemas (Debezium's envelope and key struct, as {@code schemas.enable=true}
 * gives them) or without (the flattened form, as maps). A tombstone has a null value.
 */
final class ChangeRecords {
  private static final String ROW =
      "{\"type\":\"struct\",\"optional\":true,\"name\":\"pg.public.items.Value\",\"field\":\"%s\","
          + "\"fields\":[{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
          + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
          + "{\"field\":\"qty\",\"type\":\"int32\",\"optional\":true}]}";
  private static final String ENVELOPE_SCHEMA =
      "{\"type\":\"struct\",\"optional\":false,\"name\":\"pg.public.items.Envelope\",\"fields\":["
          + String.format(ROW, "before")
          + ","
          + String.format(ROW, "after")
          + ",{\"field\":\"op\",\"type\":\"string\",\"optional\":false},"
          + "{\"field\":\"source\",\"type\":\"struct\",\"optional\":false,\"fields\":["
          + "{\"field\":\"connector\",\"type\":\"string\",\"optional\":false},"
          + "{\"field\":\"lsn\",\"type\":\"int64\",\"optional\":true}]},"
          + "{\"field\":\"ts_ms\",\"type\":\"int64\",\"optional\":true}]}";
  private static final String KEY_SCHEMA =
      "{\"type\":\"struct\",\"optional\":false,\"name\":\"pg.public.items.Key\",\"fields\":["
          + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false}]}";

  private ChangeRecords() {}

  /** Each partition's records in offset order (index = offset), as a SimulatedWorker's log. */
  static Map<TopicPartition, List<SinkRecord>> log(
      String topic, int partitions, List<ChangeGenerator.Change> changes, boolean schemas) {
    Map<TopicPartition, List<SinkRecord>> log = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      log.put(new TopicPartition(topic, p), new ArrayList<>());
    }
    append(log, topic, changes, schemas);
    return log;
  }

  /** Adds more changes at the end of {@code log}'s partitions (a worker reading it sees them). */
  static void append(
      Map<TopicPartition, List<SinkRecord>> log,
      String topic,
      List<ChangeGenerator.Change> changes,
      boolean schemas) {
    JsonConverter keys = converter(schemas, true);
    JsonConverter values = converter(schemas, false);
    for (ChangeGenerator.Change c : changes) {
      String key = "{\"id\":" + c.key() + "}";
      SchemaAndValue k = keys.toConnectData(topic, bytes(schemas ? wrap(KEY_SCHEMA, key) : key));
      boolean tombstone = c.content().equals("{}");
      SchemaAndValue v =
          tombstone
              ? SchemaAndValue.NULL
              : values.toConnectData(
                  topic, bytes(schemas ? wrap(ENVELOPE_SCHEMA, c.content()) : c.content()));
      List<SinkRecord> records = log.get(new TopicPartition(topic, c.partition()));
      if (records.size() != c.offset()) {
        throw new IllegalStateException("offsets out of order at " + c);
      }
      records.add(
          new SinkRecord(
              topic,
              c.partition(),
              k.schema(),
              k.value(),
              tombstone ? null : v.schema(),
              tombstone ? null : v.value(),
              c.offset(),
              1_700_000_000_000L + c.offset(),
              TimestampType.CREATE_TIME));
    }
  }

  private static JsonConverter converter(boolean schemas, boolean isKey) {
    JsonConverter c = new JsonConverter();
    c.configure(Map.of("schemas.enable", String.valueOf(schemas)), isKey);
    return c;
  }

  private static String wrap(String schema, String payload) {
    return "{\"schema\":" + schema + ",\"payload\":" + payload + "}";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
