package io.floe.connector;

import io.floe.connector.conversion.ConvertedRecord;
import io.floe.connector.conversion.RecordConversion;
import io.floe.connector.loading.BrokenRecords;
import io.floe.connector.loading.Ingestion;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Floe's sink task: converts each record and hands it to the {@link Ingestion}, which stages files
 * and submits them to Snowpipe, or writes them to Snowpipe Streaming channels. Offsets are
 * committed only for records Snowflake has (files staged and submitted, or rows a channel
 * committed), and a restarted task resumes after what Snowflake already has.
 */
public class SnowflakeSinkTask extends SinkTask {
  private TaskComponents components;
  private RecordConversion converter;
  private Ingestion loader;
  private BrokenRecords broken;

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public void start(Map<String, String> props) {
    components = TaskComponents.create(props, context);
    converter = components.converter();
    loader = components.ingestion();
    broken = components.brokenRecords();
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    loader.open(partitions);
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      // Before converting: a record already staged is dropped, never sent to the dead-letter
      // queue or the table stage a second time.
      if (!loader.accepts(record)) {
        continue;
      }
      ConvertedRecord converted = converter.convert(record);
      if (converted instanceof ConvertedRecord.Rows rows) {
        loader.write(record, rows.lines());
      } else {
        if (converted instanceof ConvertedRecord.Broken b) {
          broken.handle(record, b);
        }
        loader.write(record, List.of());
      }
    }
    loader.afterBatch();
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    return loader.committableOffsets(currentOffsets);
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    loader.close(partitions);
  }

  @Override
  public void stop() {
    if (components != null) {
      components.close();
      components = null;
    }
  }
}
