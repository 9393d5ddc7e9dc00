package io.floe.connector.conversion;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a record was read from: its topic, partition and offset before any transform renamed the
 * topic (RegexRouter, TimestampRouter). Buffers, file names and recovery follow these, since they
 * are what Kafka commits and what {@code open()} names; the renamed topic only picks the table.
 * Workers older than Kafka 3.6 (KIP-793) do not keep the original: there the record's own topic is
 * all there is. Static accessors, so that the task's per-record path allocates nothing. Change data
 * capture records these in RECORD_METADATA of its change tables, since its apply step selects a
 * partition's changes by the offsets Kafka commits.
 */
public final class RecordOrigin {
  private static volatile boolean originalsKnown = true;

  private RecordOrigin() {}

  public static String topic(SinkRecord record) {
    if (originalsKnown) {
      try {
        return record.originalTopic();
      } catch (NoSuchMethodError e) {
        originalsKnown = false;
      }
    }
    return record.topic();
  }

  public static int partition(SinkRecord record) {
    if (originalsKnown) {
      try {
        return record.originalKafkaPartition();
      } catch (NoSuchMethodError e) {
        originalsKnown = false;
      }
    }
    return record.kafkaPartition();
  }

  public static long offset(SinkRecord record) {
    if (originalsKnown) {
      try {
        return record.originalKafkaOffset();
      } catch (NoSuchMethodError e) {
        originalsKnown = false;
      }
    }
    return record.kafkaOffset();
  }

  public static TopicPartition topicPartition(SinkRecord record) {
    return new TopicPartition(topic(record), partition(record));
  }

  /** False once a record showed that the worker predates Kafka 3.6. */
  public static boolean originalsKnown() {
    return originalsKnown;
  }
}
