package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.floe.connector.config.MetadataSettings;
import io.floe.connector.config.NullValueBehavior;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/** Test helpers: records in, staged JSON lines out as text. */
final class Lines {
  static final ConversionSettings CONTENT_ONLY =
      new ConversionSettings(
          new MetadataSettings(false, true, true, true), NullValueBehavior.DEFAULT);

  private Lines() {}

  static SinkRecord record(Schema valueSchema, Object value) {
    return record(null, null, valueSchema, value, new ConnectHeaders());
  }

  static SinkRecord record(
      Schema keySchema, Object key, Schema valueSchema, Object value, ConnectHeaders headers) {
    return new SinkRecord(
        "orders",
        3,
        keySchema,
        key,
        valueSchema,
        value,
        42L,
        1705313730123L,
        TimestampType.CREATE_TIME,
        headers);
  }

  /** The record's lines as text; fails if it is not converted to rows. */
  static List<String> rows(RecordConverter converter, SinkRecord record) {
    ConvertedRecord result = converter.convert(record);
    ConvertedRecord.Rows rows =
        assertInstanceOf(ConvertedRecord.Rows.class, result, () -> result.toString());
    return rows.lines().stream().map(l -> new String(l, StandardCharsets.UTF_8)).toList();
  }

  /** The single line of a record converted without metadata: {@code {"content":...}}. */
  static String contentOf(Schema valueSchema, Object value) {
    List<String> lines = rows(new RecordConverter(CONTENT_ONLY), record(valueSchema, value));
    assertEquals(1, lines.size(), "rows");
    String line = lines.get(0);
    String prefix = "{\"content\":";
    assertEquals(prefix, line.substring(0, prefix.length()), line);
    return line.substring(prefix.length(), line.length() - 1);
  }

  static ConvertedRecord.Broken broken(RecordConverter converter, SinkRecord record) {
    ConvertedRecord result = converter.convert(record);
    return assertInstanceOf(ConvertedRecord.Broken.class, result, () -> result.toString());
  }
}
