package io.floe.connector.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.connector.apply.ChangeGenerator.Form;
import io.floe.connector.conversion.AvroData;
import io.floe.connector.conversion.FakeSchemaRegistry;
import io.floe.connector.conversion.SnowflakeAvroConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A {@link ChangeGenerator}'s events as Debezium's AvroConverter writes them (Confluent framing:
 * magic byte, schema id, Avro binary) and as the sink task gets them through Floe's {@link
 * SnowflakeAvroConverter} and a schema registry. The key is Debezium's {@code Key} record; the
 * value is the envelope ({@code before} and {@code after} as a nullable {@code Value} record) or
 * the flattened row with {@code __deleted}; a tombstone has a null value.
 *
 * <p>The row has the generator's {@code id, name, qty} plus columns of Debezium's logical types
 * derived from them: {@code price} (a Connect Decimal, Avro {@code bytes} decimal(10,2)) and {@code
 * updated_at} (a Connect Timestamp with {@code time.precision.mode=connect}, Avro
 * timestamp-millis). Changes appended with the second schema version also carry a {@code note} the
 * first lacks, as after an {@code ALTER TABLE ADD COLUMN} in the source.
 */
final class AvroChangeRecords {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();
  private static final int KEY_ID = 101;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final String topic;
  private final Form form;
  private final Schema key;
  private final Schema[] values = new Schema[2];
  private final int[] ids;
  private final SnowflakeAvroConverter keys = new SnowflakeAvroConverter();
  private final SnowflakeAvroConverter converter = new SnowflakeAvroConverter();
  private final Map<Integer, String> rows = new TreeMap<>();

  AvroChangeRecords(String topic, Form form, FakeSchemaRegistry registry) {
    this.topic = topic;
    this.form = form;
    this.key =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Key\",\"namespace\":\"pg.public.items\","
                    + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}");
    this.ids = form == Form.ENVELOPE ? new int[] {102, 103} : new int[] {104, 105};
    registry.register(KEY_ID, key);
    for (int v = 0; v < 2; v++) {
      values[v] = new Schema.Parser().parse(valueSchema(form, v == 1));
      registry.register(ids[v], values[v]);
    }
    keys.configure(Map.of("schema.registry.url", registry.url()), true);
    converter.configure(Map.of("schema.registry.url", registry.url()), false);
  }

  /**
   * Appends {@code changes} to {@code log}, written with the second schema version (with {@code
   * note}) when {@code withNote}.
   */
  void append(
      Map<TopicPartition, List<SinkRecord>> log,
      List<ChangeGenerator.Change> changes,
      boolean withNote) {
    Schema value = values[withNote ? 1 : 0];
    int id = ids[withNote ? 1 : 0];
    for (ChangeGenerator.Change c : changes) {
      GenericRecord k = new GenericData.Record(key);
      k.put("id", (long) c.key());
      SchemaAndValue kv = keys.toConnectData(topic, AvroData.confluent(KEY_ID, key, k));
      JsonNode content = read(c.content());
      boolean tombstone = content.isEmpty();
      SchemaAndValue vv =
          tombstone
              ? SchemaAndValue.NULL
              : converter.toConnectData(
                  topic, AvroData.confluent(id, value, datum(value, content, withNote)));
      track(c.key(), content, withNote);
      List<SinkRecord> records = log.get(new TopicPartition(topic, c.partition()));
      if (records.size() != c.offset()) {
        throw new IllegalStateException("offsets out of order at " + c);
      }
      records.add(
          new SinkRecord(
              topic,
              c.partition(),
              kv.schema(),
              kv.value(),
              vv.schema(),
              vv.value(),
              c.offset(),
              1_700_000_000_000L + c.offset(),
              TimestampType.CREATE_TIME));
    }
  }

  /**
   * The source table now, as {@code id|name|qty|price|updated_at (UTC, to the millisecond)|note},
   * by id; {@code note} is {@code null} for rows last written before the column existed.
   */
  List<String> finalState() {
    return List.copyOf(rows.values());
  }

  private void track(int id, JsonNode content, boolean withNote) {
    JsonNode row =
        switch (form) {
          case ENVELOPE -> content.path("op").asText().equals("d") ? null : content.get("after");
          case FLATTENED ->
              content.isEmpty() || content.path("__deleted").asText().equals("true")
                  ? null
                  : content;
        };
    if (content.isEmpty() && form == Form.ENVELOPE) {
      return; // the tombstone after a delete
    }
    if (row == null) {
      rows.remove(id);
      return;
    }
    rows.put(
        id,
        String.join(
            "|",
            row.get("id").asText(),
            row.get("name").asText(),
            row.get("qty").asText(),
            price(row).toPlainString(),
            TIME.format(Instant.ofEpochMilli(updatedAt(row))),
            withNote ? note(row) : "null"));
  }

  private static BigDecimal price(JsonNode row) {
    return BigDecimal.valueOf(row.get("qty").asLong(), 2);
  }

  private static long updatedAt(JsonNode row) {
    return 1_700_000_000_000L + row.get("id").asLong() * 86_400_000L + row.get("qty").asLong();
  }

  private static String note(JsonNode row) {
    return "note of " + row.get("name").asText();
  }

  private static Object datum(Schema value, JsonNode content, boolean withNote) {
    GenericRecord out = new GenericData.Record(value);
    if (value.getField("op") == null) {
      fillRow(out, content, withNote);
      out.put("__deleted", content.get("__deleted").asText());
      return out;
    }
    Schema row = value.getField("after").schema().getTypes().get(1);
    for (String side : List.of("before", "after")) {
      JsonNode r = content.get(side);
      if (r != null && r.isObject()) {
        GenericRecord g = new GenericData.Record(row);
        fillRow(g, r, withNote);
        out.put(side, g);
      }
    }
    out.put("op", content.get("op").asText());
    GenericRecord source = new GenericData.Record(value.getField("source").schema());
    source.put("connector", content.path("source").path("connector").asText());
    source.put("lsn", content.path("source").path("lsn").asLong());
    source.put("ts_ms", content.get("ts_ms").asLong());
    out.put("source", source);
    out.put("ts_ms", content.get("ts_ms").asLong());
    return out;
  }

  private static void fillRow(GenericRecord g, JsonNode row, boolean withNote) {
    g.put("id", row.get("id").asLong());
    g.put("name", row.get("name").asText());
    g.put("qty", row.get("qty").asInt());
    Schema decimal = g.getSchema().getField("price").schema().getTypes().get(1);
    g.put("price", DECIMAL.toBytes(price(row), decimal, decimal.getLogicalType()));
    g.put("updated_at", updatedAt(row));
    if (withNote) {
      g.put("note", note(row));
    }
  }

  private static String valueSchema(Form form, boolean withNote) {
    String row =
        "{\"type\":\"record\",\"name\":\"Value\",\"namespace\":\"pg.public.items\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\"},"
            + "{\"name\":\"name\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"qty\",\"type\":[\"null\",\"int\"],\"default\":null},"
            + "{\"name\":\"price\",\"type\":[\"null\",{\"type\":\"bytes\",\"scale\":2,"
            + "\"precision\":10,\"connect.version\":1,\"connect.parameters\":{\"scale\":\"2\","
            + "\"connect.decimal.precision\":\"10\"},"
            + "\"connect.name\":\"org.apache.kafka.connect.data.Decimal\","
            + "\"logicalType\":\"decimal\"}],\"default\":null},"
            + "{\"name\":\"updated_at\",\"type\":[\"null\",{\"type\":\"long\",\"connect.version\":1,"
            + "\"connect.name\":\"org.apache.kafka.connect.data.Timestamp\","
            + "\"logicalType\":\"timestamp-millis\"}],\"default\":null}"
            + (withNote
                ? ",{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}"
                : "")
            + "%s],\"connect.name\":\"pg.public.items.Value\"}";
    if (form == Form.FLATTENED) {
      return String.format(
          row, ",{\"name\":\"__deleted\",\"type\":[\"null\",\"string\"],\"default\":null}");
    }
    return "{\"type\":\"record\",\"name\":\"Envelope\",\"namespace\":\"pg.public.items\","
        + "\"fields\":["
        + "{\"name\":\"before\",\"type\":[\"null\","
        + String.format(row, "")
        + "],\"default\":null},"
        + "{\"name\":\"after\",\"type\":[\"null\",\"Value\"],\"default\":null},"
        + "{\"name\":\"source\",\"type\":{\"type\":\"record\",\"name\":\"Source\","
        + "\"namespace\":\"io.debezium.connector.postgresql\",\"fields\":["
        + "{\"name\":\"connector\",\"type\":\"string\"},"
        + "{\"name\":\"ts_ms\",\"type\":\"long\"},"
        + "{\"name\":\"lsn\",\"type\":[\"null\",\"long\"],\"default\":null}]}},"
        + "{\"name\":\"op\",\"type\":\"string\"},"
        + "{\"name\":\"ts_ms\",\"type\":[\"null\",\"long\"],\"default\":null}],"
        + "\"connect.name\":\"pg.public.items.Envelope\"}";
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<TopicPartition, List<SinkRecord>> emptyLog(String topic, int partitions) {
    Map<TopicPartition, List<SinkRecord>> log = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      log.put(new TopicPartition(topic, p), new ArrayList<>());
    }
    return log;
  }
}
