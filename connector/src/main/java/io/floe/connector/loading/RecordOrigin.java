package io.floe.connector.loading;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a record was read from: its topic, partition and offset before any transform renamed the
 * topic (RegexRouter, TimestampRouter). Buffers, file names and recovery follow these, since they
 * are what Kafka commits and what {@code open()} names; the renamed topic only picks the table.
 * Workers older than Kafka 3.6 (KIP-793) do not keep the original: there the record's own topic is
 * all there is. Static accessors, so that the task's per-record path allocates nothing.
 */
final class RecordOrigin {
  private static volatile boolean originalsKnown = true;

  private RecordOrigin() {}

  static String topic(SinkRecord record) {
    if (originalsKnown) {
      try {
        return record.originalTopic();
      } catch (NoSuchMethodError e) {
        originalsKnown = false;
      }
    }
    return record.topic();
  }

  static int partition(SinkRecord record) {
    if (originalsKnown) {
      try {
        return record.originalKafkaPartition();
      } catch (NoSuchMethodError e) {
        originalsKnown = false;
      }
    }
    return record.kafkaPartition();
  }

  static long offset(SinkRecord record) {
    if (originalsKnown) {
      try {
        return record.originalKafkaOffset();
      } catch (NoSuchMethodError e) {
        originalsKnown = false;
      }
    }
    return record.kafkaOffset();
  }

  static TopicPartition topicPartition(SinkRecord record) {
    return new TopicPartition(topic(record), partition(record));
  }

  /** False once a record showed that the worker predates Kafka 3.6. */
  static boolean originalsKnown() {
    return originalsKnown;
  }
}
