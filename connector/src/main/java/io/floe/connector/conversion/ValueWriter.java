package io.floe.connector.conversion;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.apache.kafka.connect.data.Schema;

/**
 * Writes a record's key, value or header as JSON, whichever converter produced it: Floe's Snowflake
 * converters ({@link SnowflakeContent}) or any other (Connect data).
 */
final class ValueWriter {
  private final JsonTextCopier jsonText;
  private final AvroJsonWriter avro = new AvroJsonWriter();
  private final ConnectJsonWriter connect = new ConnectJsonWriter();

  /**
   * @param maxRecordBytes the longest line: JSON text may hold strings, keys and numbers up to this
   *     long (the line then fails its own size check, with a clearer reason than the parser's)
   */
  ValueWriter(int maxRecordBytes) {
    this.jsonText = new JsonTextCopier(maxRecordBytes);
  }

  /** Writes value number {@code index} of {@code value}: the row's content. */
  void writeValue(JsonGenerator g, Schema schema, Object value, int index) throws IOException {
    if (value instanceof SnowflakeContent content) {
      writeContent(g, content, index);
    } else {
      connect.write(g, schema, value);
    }
  }

  /** Writes all of {@code value}: an array when it holds several values (a key, say). */
  void writeWhole(JsonGenerator g, Schema schema, Object value) throws IOException {
    if (value instanceof SnowflakeContent content && content.valueCount() != 1) {
      g.writeStartArray();
      for (int i = 0; i < content.valueCount(); i++) {
        writeContent(g, content, i);
      }
      g.writeEndArray();
    } else {
      writeValue(g, schema, value, 0);
    }
  }

  /** Writes a header value, which always comes from a Connect HeaderConverter. */
  void writeConnect(JsonGenerator g, Schema schema, Object value) throws IOException {
    connect.write(g, schema, value);
  }

  private void writeContent(JsonGenerator g, SnowflakeContent content, int index)
      throws IOException {
    if (content instanceof JsonTextContent json) {
      jsonText.copy(json.raw(), g);
    } else if (content instanceof AvroContent datums) {
      avro.write(g, datums.schema(), datums.datum(index));
    } else if (content instanceof UndecodableContent broken) {
      throw new ConversionException(broken.code(), broken.reason());
    } else {
      // RecordConverter stops the task on these before writing anything.
      throw new IllegalStateException("not decoded: " + content);
    }
  }
}
