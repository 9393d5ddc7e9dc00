package io.floe.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * Produces test records into the embedded broker. Sends a whole batch before waiting, unlike {@code
 * EmbeddedKafkaCluster.produce}, which waits for every single record.
 */
final class RecordWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEND_TIMEOUT_S = 30;

  private final KafkaProducer<byte[], byte[]> producer;

  RecordWriter(EmbeddedKafkaCluster kafka) {
    this.producer =
        kafka.createProducer(
            Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5));
  }

  /** The JSON text a value is produced as (what a JSON-reading sink will see). */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not serializable as JSON: " + value, e);
    }
  }

  /**
   * Sends all records, then waits until the broker has acknowledged each; returns their offsets.
   */
  List<RecordMetadata> sendJson(List<JsonRecord> records) {
    List<ProducerRecord<byte[], byte[]>> raw = new ArrayList<>(records.size());
    for (JsonRecord r : records) {
      byte[] value = r.value() == null ? null : json(r.value()).getBytes(StandardCharsets.UTF_8);
      ProducerRecord<byte[], byte[]> pr =
          new ProducerRecord<>(r.topic(), r.partition(), bytes(r.key()), value);
      r.headers().forEach((k, v) -> pr.headers().add(k, bytes(v)));
      raw.add(pr);
    }
    return send(raw);
  }

  /** Sends a value as given, e.g. bytes that are not valid JSON. */
  RecordMetadata sendRaw(String topic, Integer partition, String key, byte[] value) {
    return send(List.of(new ProducerRecord<>(topic, partition, bytes(key), value))).get(0);
  }

  private List<RecordMetadata> send(List<ProducerRecord<byte[], byte[]>> records) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    for (ProducerRecord<byte[], byte[]> r : records) {
      acks.add(producer.send(r));
    }
    producer.flush();
    List<RecordMetadata> out = new ArrayList<>(acks.size());
    try {
      for (Future<RecordMetadata> ack : acks) {
        out.add(ack.get(SEND_TIMEOUT_S, TimeUnit.SECONDS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while producing", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not produce test records", e);
    }
    return out;
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
