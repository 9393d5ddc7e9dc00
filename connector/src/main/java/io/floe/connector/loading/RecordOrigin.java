package io.floe.connector.loading;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a record was read from: its topic, partition and offset before any transform renamed the
 * topic (RegexRouter, TimestampRouter). Buffers, file names and recovery follow these, since they
 * are what Kafka commits and what {@code open()} names; the renamed topic only picks the table.
 * Workers older than Kafka 3.6 (KIP-793) do not keep the original: there the record's own topic is
 * all there is.
 */
record RecordOrigin(TopicPartition partition, long offset) {
  private static volatile boolean originalsKnown = true;

  static RecordOrigin of(SinkRecord record) {
    if (originalsKnown) {
      try {
        return new RecordOrigin(
            new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
            record.originalKafkaOffset());
      } catch (NoSuchMethodError e) {
        originalsKnown = false;
      }
    }
    return new RecordOrigin(
        new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset());
  }

  /** False once a record showed that the worker predates Kafka 3.6. */
  static boolean originalsKnown() {
    return originalsKnown;
  }
}
