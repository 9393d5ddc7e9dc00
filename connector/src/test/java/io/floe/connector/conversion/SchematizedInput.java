package io.floe.connector.conversion;

import io.floe.connector.testing.FloeFixture;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;

/**
 * The input both schematization end-to-end tests (file mode and Snowpipe Streaming) feed a task,
 * and how they read the table back: the same records must give the same columns in both modes.
 */
final class SchematizedInput {
  static final Schema ORDER =
      AvroData.schema(
          "{\"type\":\"record\",\"name\":\"Order\",\"fields\":["
              + "{\"name\":\"id\",\"type\":\"long\"},"
              + "{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
              + "\"precision\":20,\"scale\":2}},"
              + "{\"name\":\"day\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}}]}");
  static final Schema ORDER_WITH_NOTE =
      AvroData.schema(
          "{\"type\":\"record\",\"name\":\"Order\",\"fields\":["
              + "{\"name\":\"id\",\"type\":\"long\"},"
              + "{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
              + "\"precision\":20,\"scale\":2}},"
              + "{\"name\":\"day\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}},"
              + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
  static final Schema ORDER_WITH_TEXT_ID =
      AvroData.schema(
          "{\"type\":\"record\",\"name\":\"Order\",\"fields\":["
              + "{\"name\":\"id\",\"type\":\"string\"}]}");

  private SchematizedInput() {}

  /** A registry holding ORDER (id 1), ORDER_WITH_NOTE (2) and ORDER_WITH_TEXT_ID (3). */
  static FakeSchemaRegistry orderRegistry() throws Exception {
    return FakeSchemaRegistry.start()
        .register(1, ORDER)
        .register(2, ORDER_WITH_NOTE)
        .register(3, ORDER_WITH_TEXT_ID);
  }

  /** Schemaless records whose offsets from 15 on carry a new field, {@code extra}. */
  static List<SinkRecord> evolving(TopicPartition tp, int count) {
    List<SinkRecord> out = new ArrayList<>();
    for (SinkRecord r : FloeFixture.records(tp, count)) {
      Map<String, Object> value = new HashMap<>();
      value.put("id", r.kafkaOffset());
      if (r.kafkaOffset() >= 15) {
        value.put("extra", "e" + r.kafkaOffset());
      }
      out.add(
          r.newRecord(
              r.topic(), r.kafkaPartition(), r.keySchema(), r.key(), null, value, r.timestamp()));
    }
    return out;
  }

  static List<String> row(String... values) {
    return Arrays.asList(values);
  }

  static List<List<String>> nullability(FloeFixture f, String table) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> row : f.query("desc table " + f.database() + ".public." + table)) {
      out.add(List.of(row.get(0), row.get(3)));
    }
    return out;
  }

  static List<List<String>> columns(FloeFixture f, String table) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> row : f.query("desc table " + f.database() + ".public." + table)) {
      out.add(List.of(row.get(0), row.get(1)));
    }
    return out;
  }

  static String envelope(String schema, String payload) {
    return "{\"schema\":" + schema + ",\"payload\":" + payload + "}";
  }

  static Converter configured(Converter c, Map<String, String> settings) {
    c.configure(settings, false);
    return c;
  }

  static GenericRecord order(Schema schema, long id, String amount, int day) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", id);
    r.put("amount", ByteBuffer.wrap(new BigDecimal(amount).unscaledValue().toByteArray()));
    r.put("day", day);
    return r;
  }

  static List<SinkRecord> records(TopicPartition tp, Converter converter, String... json) {
    byte[][] values = new byte[json.length][];
    for (int i = 0; i < json.length; i++) {
      values[i] = json[i].getBytes(StandardCharsets.UTF_8);
    }
    return records(tp, converter, values);
  }

  static List<SinkRecord> records(TopicPartition tp, Converter converter, byte[]... values) {
    List<SinkRecord> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      SchemaAndValue v = converter.toConnectData(tp.topic(), values[i]);
      out.add(new SinkRecord(tp.topic(), tp.partition(), null, null, v.schema(), v.value(), i));
    }
    return out;
  }
}
