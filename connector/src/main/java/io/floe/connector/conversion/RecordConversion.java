package io.floe.connector.conversion;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What the task asks of conversion: a record's lines to stage, or why there are none. {@link
 * RecordConverter} for appended rows, {@link ChangeConverter} for change data capture.
 */
public interface RecordConversion {
  /** Never throws for bad data: see {@link ConvertedRecord}. */
  ConvertedRecord convert(SinkRecord record);
}
