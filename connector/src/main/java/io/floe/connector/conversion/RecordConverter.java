package io.floe.connector.conversion;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.config.NullValueBehavior;
import io.floe.connector.table.schema.TableSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns each Kafka record into the JSON line(s) Floe stages: {@code {"meta":{...},"content":...}},
 * which the pipe's COPY loads as RECORD_METADATA ({@code $1:meta}) and RECORD_CONTENT ({@code
 * $1:content}); with schematization {@code {"RECORD_METADATA":{...},"COLUMN":value,...}}, loaded by
 * column name ({@link SchematizedWriter}). The mapping of every type is in docs/conversion.md.
 *
 * <p>Not thread-safe: it reuses one output buffer. Create one per task.
 */
public final class RecordConverter implements RecordConversion {
  private final ConversionSettings settings;
  private final ValueWriter values;
  private final MetadataWriter metadata;
  private final JsonFactory factory =
      // Characters beyond U+FFFF are written as escaped surrogate pairs (valid JSON that every
      // parser decodes): Jackson's option to write them as raw UTF-8 mangles lone surrogates.
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
          // The writers stop at MAX_DEPTH themselves; this is the net below them. Content sits
          // one level down in the line, a key two.
          .streamWriteConstraints(
              StreamWriteConstraints.builder()
                  .maxNestingDepth(ConversionLimits.MAX_DEPTH + 2)
                  .build())
          .build();
  private final LineBuffer buffer;

  /** The part being written, so a failure can name it. */
  private ConvertedRecord.Part writing;

  /** With snowflake.enable.schematization: each record's table, else null. */
  private final Function<SinkRecord, TableSchema> tables;

  private final SchematizedWriter columns;

  public RecordConverter(ConversionSettings settings) {
    this(settings, null);
  }

  /**
   * @param tables with snowflake.enable.schematization, the table a record loads into, whose
   *     columns its fields are written as ({@code {"RECORD_METADATA":{...},"COLUMN":value,...}});
   *     null for {@code {"meta":{...},"content":...}}
   */
  public RecordConverter(ConversionSettings settings, Function<SinkRecord, TableSchema> tables) {
    this.settings = settings;
    this.values = new ValueWriter(settings.maxRecordBytes());
    this.metadata = new MetadataWriter(settings.metadata(), values);
    this.buffer = new LineBuffer(settings.maxRecordBytes());
    this.tables = tables;
    this.columns = tables == null ? null : new SchematizedWriter(values, settings.maxRecordBytes());
  }

  /**
   * Converts one record. Never throws for bad data: see {@link ConvertedRecord}. Throws a {@link
   * FloeException} (FLOE-4006) when the record could not be decoded because the schema registry
   * could not be asked: that is no fault of the record, so it must be read again, not set aside.
   */
  @Override
  public ConvertedRecord convert(SinkRecord record) {
    failOnRegistryOutage(record, ConvertedRecord.Part.VALUE, record.value());
    if (settings.metadata().all()) {
      failOnRegistryOutage(record, ConvertedRecord.Part.KEY, record.key());
    }
    Object value = record.value();
    if (value == null && settings.nullValues() == NullValueBehavior.IGNORE) {
      return new ConvertedRecord.Skipped(
          "tombstone (null value) and behavior.on.null.values=ignore");
    }
    if (value instanceof UndecodableContent undecodable) {
      return broken(record, ConvertedRecord.Part.VALUE, undecodable.code(), undecodable.reason());
    }
    if (settings.metadata().all() && record.key() instanceof UndecodableContent undecodable) {
      return broken(record, ConvertedRecord.Part.KEY, undecodable.code(), undecodable.reason());
    }
    int rows = value instanceof SnowflakeContent content ? content.valueCount() : 1;
    if (rows == 0) {
      return new ConvertedRecord.Skipped("the Avro container file holds no records");
    }
    try {
      if (rows == 1) {
        return new ConvertedRecord.Rows(List.of(writeLine(record, value, 0)));
      }
      List<byte[]> lines = new ArrayList<>(rows);
      for (int i = 0; i < rows; i++) {
        lines.add(writeLine(record, value, i));
      }
      return new ConvertedRecord.Rows(lines);
    } catch (ConversionException e) {
      return broken(record, writing, e.code(), e.reason());
    } catch (FloeException e) {
      // Snowflake refused to evolve the table: no fault of the record.
      throw e;
    } catch (StreamConstraintsException e) {
      return broken(record, writing, ErrorCode.FLOE_4011, ConversionLimits.tooDeep());
    } catch (StackOverflowError e) {
      // Only with a thread stack far below the JVM default: the depth limit normally stops first.
      return broken(record, writing, ErrorCode.FLOE_4011, ConversionLimits.tooDeepForStack());
    } catch (IOException | RuntimeException e) {
      // A value that breaks its schema in a way the writers do not check (e.g. a bad Decimal
      // scale).
      return broken(record, writing, ErrorCode.FLOE_4010, e.toString());
    }
  }

  private byte[] writeLine(SinkRecord record, Object value, int index) throws IOException {
    buffer.reset();
    writing = ConvertedRecord.Part.VALUE;
    try (JsonGenerator g = factory.createGenerator(buffer)) {
      g.writeStartObject();
      if (settings.metadata().all()) {
        g.writeObjectFieldStart(tables == null ? "meta" : RecordFields.METADATA);
        metadata.writeRecordFields(g, record);
        writing = ConvertedRecord.Part.KEY;
        metadata.writeKey(g, record);
        writing = ConvertedRecord.Part.HEADERS;
        metadata.writeHeaders(g, record);
        g.writeEndObject();
      }
      writing = ConvertedRecord.Part.VALUE;
      if (tables != null) {
        columns.write(g, record, value, index, tables.apply(record));
      } else {
        g.writeFieldName("content");
        if (value == null) {
          // A tombstone with behavior.on.null.values=default: {} as the incumbent connector writes.
          g.writeStartObject();
          g.writeEndObject();
        } else {
          values.writeValue(g, record.valueSchema(), value, index);
        }
      }
      g.writeEndObject();
    }
    return buffer.toByteArray();
  }

  private static void failOnRegistryOutage(
      SinkRecord record, ConvertedRecord.Part part, Object keyOrValue) {
    if (keyOrValue instanceof RegistryOutageContent outage) {
      throw new FloeException(ErrorCode.FLOE_4006, where(record, part, outage.reason()));
    }
  }

  /**
   * A record Snowflake refused after conversion (a row a Snowpipe Streaming channel rejected), as a
   * broken record with its original bytes, for the same errors.tolerance handling.
   */
  public static ConvertedRecord.Broken refused(SinkRecord record, ErrorCode code, String reason) {
    return broken(record, ConvertedRecord.Part.VALUE, code, reason);
  }

  private static ConvertedRecord.Broken broken(
      SinkRecord record, ConvertedRecord.Part part, ErrorCode code, String reason) {
    return new ConvertedRecord.Broken(
        part,
        code,
        reason,
        raw(record.key()),
        raw(record.value()),
        new FloeException(code, where(record, part, reason)));
  }

  private static String where(SinkRecord record, ConvertedRecord.Part part, String reason) {
    return "Topic "
        + record.topic()
        + ", partition "
        + record.kafkaPartition()
        + ", offset "
        + record.kafkaOffset()
        + ", "
        + part.name().toLowerCase(Locale.ROOT)
        + ": "
        + reason
        + ".";
  }

  private static byte[] raw(Object keyOrValue) {
    return keyOrValue instanceof SnowflakeContent content ? content.raw() : null;
  }
}
