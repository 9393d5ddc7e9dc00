package io.floe.connector.conversion;

import com.fasterxml.jackson.core.JsonGenerator;
import io.floe.connector.config.MetadataSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Writes the fields of RECORD_METADATA in the incumbent connector's order: topic, offset,
 * partition, CreateTime or LogAppendTime, schema_id, key, key_schema_id, headers. The caller opens
 * and closes the object and calls the three parts separately, so it knows which part failed.
 */
final class MetadataWriter {
  private final MetadataSettings metadata;
  private final ValueWriter values;

  MetadataWriter(MetadataSettings metadata, ValueWriter values) {
    this.metadata = metadata;
    this.values = values;
  }

  /** topic, offset, partition, the timestamp and the value's schema_id. */
  void writeRecordFields(JsonGenerator g, SinkRecord record) throws IOException {
    if (metadata.writesTopic()) {
      g.writeStringField("topic", record.topic());
    }
    if (metadata.writesOffsetAndPartition()) {
      g.writeNumberField("offset", record.kafkaOffset());
      if (record.kafkaPartition() != null) {
        g.writeNumberField("partition", record.kafkaPartition());
      }
    }
    TimestampType type = record.timestampType();
    if (metadata.writesCreateTime()
        && type != null
        && type != TimestampType.NO_TIMESTAMP_TYPE
        && record.timestamp() != null) {
      // The field is named after the timestamp type: CreateTime or LogAppendTime.
      g.writeNumberField(type.name, record.timestamp());
    }
    if (record.value() instanceof SnowflakeContent content && content.schemaId() != null) {
      g.writeNumberField("schema_id", content.schemaId());
    }
  }

  /** key (absent when null) and key_schema_id. */
  void writeKey(JsonGenerator g, SinkRecord record) throws IOException {
    Object key = record.key();
    if (key == null) {
      return;
    }
    SnowflakeContent content = key instanceof SnowflakeContent c ? c : null;
    if (content == null || content.valueCount() > 0) {
      g.writeFieldName("key");
      values.writeWhole(g, record.keySchema(), key);
    }
    if (content != null && content.schemaId() != null) {
      g.writeNumberField("key_schema_id", content.schemaId());
    }
  }

  /**
   * headers, as an object from header key to the header's value converted like any other value. A
   * key that occurs more than once keeps its last value (Snowflake rejects duplicate keys in an
   * object, and the incumbent connector keeps the last one too). Absent when there are none.
   */
  void writeHeaders(JsonGenerator g, SinkRecord record) throws IOException {
    Headers headers = record.headers();
    if (headers == null || headers.isEmpty()) {
      return;
    }
    List<Header> all = new ArrayList<>(headers.size());
    headers.forEach(all::add);
    g.writeObjectFieldStart("headers");
    for (int i = 0; i < all.size(); i++) {
      Header header = all.get(i);
      if (!occursLater(all, i)) {
        g.writeFieldName(header.key());
        try {
          values.writeConnect(g, header.schema(), header.value());
        } catch (ConversionException e) {
          throw e.inside(header.key());
        }
      }
    }
    g.writeEndObject();
  }

  private static boolean occursLater(List<Header> headers, int index) {
    String key = headers.get(index).key();
    for (int j = index + 1; j < headers.size(); j++) {
      if (key.equals(headers.get(j).key())) {
        return true;
      }
    }
    return false;
  }
}
