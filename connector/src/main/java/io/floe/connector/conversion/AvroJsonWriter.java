package io.floe.connector.conversion;

import com.fasterxml.jackson.core.JsonGenerator;
import io.floe.connector.ErrorCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes generic Avro data, decoded without logical-type conversions, as JSON. Logical types are
 * applied here from the schema, so dates and times become ISO-8601 text, decimals exact numbers,
 * bytes base64 (not the ISO-8859-1 text the incumbent connector wrote), and a union is written as
 * the value of its branch rather than Avro's {@code {"type": value}} wrapper. The mapping is in
 * docs/conversion.md.
 */
final class AvroJsonWriter {
  private static final Conversions.BigDecimalConversion BIG_DECIMAL =
      new Conversions.BigDecimalConversion();

  void write(JsonGenerator g, Schema schema, Object datum) throws IOException {
    switch (schema.getType()) {
      case UNION ->
          write(g, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)), datum);
      case NULL -> g.writeNull();
      case BOOLEAN -> g.writeBoolean((Boolean) datum);
      case INT -> writeInt(g, schema.getLogicalType(), (Integer) datum);
      case LONG -> writeLong(g, schema.getLogicalType(), (Long) datum);
      case FLOAT -> JsonNumbers.writeFloat(g, (Float) datum);
      case DOUBLE -> JsonNumbers.writeDouble(g, (Double) datum);
      case STRING -> g.writeString(datum.toString());
      case ENUM -> g.writeString(datum.toString());
      case BYTES -> writeBytes(g, schema, (ByteBuffer) datum);
      case FIXED -> writeFixed(g, schema, (GenericFixed) datum);
      case ARRAY -> writeArray(g, schema.getElementType(), (Collection<?>) datum);
      case MAP -> writeMap(g, schema.getValueType(), (Map<?, ?>) datum);
      case RECORD -> writeRecord(g, (IndexedRecord) datum);
    }
  }

  private static void writeInt(JsonGenerator g, LogicalType logical, int value) throws IOException {
    if (logical instanceof LogicalTypes.Date) {
      g.writeString(TemporalText.date(value));
    } else if (logical instanceof LogicalTypes.TimeMillis) {
      g.writeString(TemporalText.timeOfDay(value * 1_000_000L, TemporalText.MILLIS));
    } else {
      g.writeNumber(value);
    }
  }

  private static void writeLong(JsonGenerator g, LogicalType logical, long value)
      throws IOException {
    if (logical == null) {
      g.writeNumber(value);
    } else if (logical instanceof LogicalTypes.TimeMicros) {
      g.writeString(TemporalText.timeOfDay(value * 1_000L, TemporalText.MICROS));
    } else if (logical instanceof LogicalTypes.TimestampMillis) {
      g.writeString(
          TemporalText.instant(seconds(value, 1_000L), nanos(value, 1_000L), TemporalText.MILLIS));
    } else if (logical instanceof LogicalTypes.TimestampMicros) {
      g.writeString(
          TemporalText.instant(
              seconds(value, 1_000_000L), nanos(value, 1_000_000L), TemporalText.MICROS));
    } else if (logical instanceof LogicalTypes.TimestampNanos) {
      g.writeString(
          TemporalText.instant(
              seconds(value, 1_000_000_000L), nanos(value, 1_000_000_000L), TemporalText.NANOS));
    } else if (logical instanceof LogicalTypes.LocalTimestampMillis) {
      g.writeString(
          TemporalText.localDateTime(
              seconds(value, 1_000L), nanos(value, 1_000L), TemporalText.MILLIS));
    } else if (logical instanceof LogicalTypes.LocalTimestampMicros) {
      g.writeString(
          TemporalText.localDateTime(
              seconds(value, 1_000_000L), nanos(value, 1_000_000L), TemporalText.MICROS));
    } else if (logical instanceof LogicalTypes.LocalTimestampNanos) {
      g.writeString(
          TemporalText.localDateTime(
              seconds(value, 1_000_000_000L), nanos(value, 1_000_000_000L), TemporalText.NANOS));
    } else {
      g.writeNumber(value);
    }
  }

  private static long seconds(long value, long unitsPerSecond) {
    return Math.floorDiv(value, unitsPerSecond);
  }

  private static int nanos(long value, long unitsPerSecond) {
    return (int) (Math.floorMod(value, unitsPerSecond) * (1_000_000_000L / unitsPerSecond));
  }

  private static void writeBytes(JsonGenerator g, Schema schema, ByteBuffer bytes)
      throws IOException {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      JsonNumbers.writeDecimal(
          g, new BigDecimal(new BigInteger(toArray(bytes)), decimal.getScale()));
    } else if (logical instanceof LogicalTypes.BigDecimal) {
      JsonNumbers.writeDecimal(g, BIG_DECIMAL.fromBytes(bytes.duplicate(), schema, logical));
    } else {
      ConnectJsonWriter.writeBuffer(g, bytes);
    }
  }

  private static void writeFixed(JsonGenerator g, Schema schema, GenericFixed fixed)
      throws IOException {
    LogicalType logical = schema.getLogicalType();
    byte[] bytes = fixed.bytes();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      JsonNumbers.writeDecimal(g, new BigDecimal(new BigInteger(bytes), decimal.getScale()));
    } else if (logical != null && "uuid".equals(logical.getName()) && bytes.length == 16) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      g.writeString(new UUID(b.getLong(), b.getLong()).toString());
    } else if (logical != null && "duration".equals(logical.getName()) && bytes.length == 12) {
      writeDuration(g, bytes);
    } else {
      g.writeBinary(bytes);
    }
  }

  /** Avro's duration: three little-endian unsigned 32-bit counts of months, days and millis. */
  private static void writeDuration(JsonGenerator g, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    g.writeStartObject();
    g.writeNumberField("months", Integer.toUnsignedLong(b.getInt()));
    g.writeNumberField("days", Integer.toUnsignedLong(b.getInt()));
    g.writeNumberField("milliseconds", Integer.toUnsignedLong(b.getInt()));
    g.writeEndObject();
  }

  private void writeArray(JsonGenerator g, Schema elementSchema, Collection<?> values)
      throws IOException {
    g.writeStartArray();
    int index = 0;
    for (Object element : values) {
      try {
        write(g, elementSchema, element);
      } catch (ConversionException e) {
        throw e.inside("[" + index + "]");
      }
      index++;
    }
    g.writeEndArray();
  }

  private void writeMap(JsonGenerator g, Schema valueSchema, Map<?, ?> map) throws IOException {
    g.writeStartObject();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = entry.getKey().toString();
      g.writeFieldName(key);
      try {
        write(g, valueSchema, entry.getValue());
      } catch (ConversionException e) {
        throw e.inside(key);
      }
    }
    g.writeEndObject();
  }

  private void writeRecord(JsonGenerator g, IndexedRecord record) throws IOException {
    g.writeStartObject();
    for (Schema.Field field : record.getSchema().getFields()) {
      g.writeFieldName(field.name());
      try {
        write(g, field.schema(), record.get(field.pos()));
      } catch (ConversionException e) {
        throw e.inside(field.name());
      } catch (RuntimeException e) {
        throw new ConversionException(ErrorCode.FLOE_4010, e.toString(), e).inside(field.name());
      }
    }
    g.writeEndObject();
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
