package io.floe.connector.loading;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * How converted records reach Snowflake, as the task sees it: through staged files and Snowpipe
 * ({@link Loader}) or through Snowpipe Streaming channels. Both resume from what Snowflake holds,
 * not from Kafka's committed offsets, and let Kafka commit only what Snowflake has.
 */
public interface Ingestion extends AutoCloseable {

  /** Takes over partitions and asks Kafka to resume each just past what Snowflake holds. */
  void open(Collection<TopicPartition> partitions);

  /** False for a record Snowflake already holds (delivered again), which is dropped. */
  boolean accepts(SinkRecord record);

  /**
   * Takes one accepted record's rows: JSON lines {@code {"meta":…,"content":…}}, or none for a
   * record that loads nothing (skipped or broken), whose offset then still counts as done.
   */
  void write(SinkRecord record, List<byte[]> rows);

  /** Called after every put(): time-based flushes, failures surfaced on the task thread. */
  void afterBatch();

  /** The offsets Kafka may commit: only what Snowflake holds (or was skipped after it). */
  Map<TopicPartition, OffsetAndMetadata> committableOffsets(
      Map<TopicPartition, OffsetAndMetadata> consumed);

  /** Gives partitions up; what is not yet in Snowflake is left for the next owner to read. */
  void close(Collection<TopicPartition> partitions);

  /** The generation of names a record's broken-record files get (0 where there are none). */
  int generation(SinkRecord record);

  @Override
  void close();
}
