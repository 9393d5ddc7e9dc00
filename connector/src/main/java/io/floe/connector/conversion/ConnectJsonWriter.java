package io.floe.connector.conversion;

import com.fasterxml.jackson.core.JsonGenerator;
import io.floe.connector.ErrorCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Writes Connect data (what JsonConverter, StringConverter, ByteArrayConverter, Confluent's Avro
 * and Protobuf converters and SMTs produce) as JSON. With a schema the schema decides (so logical
 * types and defaults apply); without one (schemaless JSON, header values) the Java class decides.
 * The mapping is in docs/conversion.md.
 */
final class ConnectJsonWriter {
  /** Confluent's Avro and Protobuf converters model multi-type unions as a Struct of this name. */
  private static final String AVRO_UNION = "io.confluent.connect.avro.Union";

  private static final String PROTOBUF_UNION = "io.confluent.connect.protobuf.Union";
  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** Open arrays, maps and structs: writing recurses once per level, so it is bounded. */
  private int depth;

  void write(JsonGenerator g, Schema schema, Object value) throws IOException {
    if (value == null && schema != null) {
      value = schema.defaultValue();
    }
    if (value == null) {
      g.writeNull();
    } else if (schema == null) {
      writeSchemaless(g, value);
    } else if (schema.name() == null || !writeLogical(g, schema, value)) {
      writeTyped(g, schema, value);
    }
  }

  private boolean writeLogical(JsonGenerator g, Schema schema, Object value) throws IOException {
    switch (schema.name()) {
      case Decimal.LOGICAL_NAME -> JsonNumbers.writeDecimal(g, decimal(schema, value));
      case Date.LOGICAL_NAME ->
          g.writeString(TemporalText.date(Math.floorDiv(millis(value, schema), 86_400_000L)));
      case Time.LOGICAL_NAME ->
          g.writeString(
              TemporalText.timeOfDay(millis(value, schema) * NANOS_PER_MILLI, TemporalText.MILLIS));
      case Timestamp.LOGICAL_NAME ->
          g.writeString(TemporalText.instantFromMillis(millis(value, schema)));
      default -> {
        return false;
      }
    }
    return true;
  }

  private void writeTyped(JsonGenerator g, Schema schema, Object value) throws IOException {
    switch (schema.type()) {
      case INT8, INT16, INT32, INT64 -> g.writeNumber(integer(value, schema));
      case FLOAT32 -> JsonNumbers.writeFloat(g, expect(Number.class, value, schema).floatValue());
      case FLOAT64 -> JsonNumbers.writeDouble(g, expect(Number.class, value, schema).doubleValue());
      case BOOLEAN -> g.writeBoolean(expect(Boolean.class, value, schema));
      case STRING -> g.writeString(expect(CharSequence.class, value, schema).toString());
      case BYTES -> writeBytes(g, value, schema);
      case ARRAY -> writeArray(g, schema.valueSchema(), expect(Collection.class, value, schema));
      case MAP ->
          writeMap(g, schema.keySchema(), schema.valueSchema(), expect(Map.class, value, schema));
      case STRUCT -> writeStruct(g, expect(Struct.class, value, schema));
    }
  }

  private void writeSchemaless(JsonGenerator g, Object value) throws IOException {
    if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double d) {
      JsonNumbers.writeDouble(g, d);
    } else if (value instanceof Float f) {
      JsonNumbers.writeFloat(g, f);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof BigDecimal d) {
      JsonNumbers.writeDecimal(g, d);
    } else if (value instanceof BigInteger i) {
      JsonNumbers.writeInteger(g, i);
    } else if (value instanceof Map<?, ?> map) {
      writeMap(g, null, null, map);
    } else if (value instanceof Collection<?> list) {
      writeArray(g, null, list);
    } else if (value instanceof Struct struct) {
      writeStruct(g, struct);
    } else if (value instanceof byte[] || value instanceof ByteBuffer) {
      writeBytes(g, value, null);
    } else if (value instanceof java.util.Date date) {
      // What ConnectSchema infers for a bare java.util.Date: a Timestamp.
      g.writeString(TemporalText.instantFromMillis(date.getTime()));
    } else if (value instanceof CharSequence s) {
      g.writeString(s.toString());
    } else {
      throw new ConversionException(
          ErrorCode.FLOE_4010,
          "a value of class " + value.getClass().getName() + " has no JSON form");
    }
  }

  private void writeBytes(JsonGenerator g, Object value, Schema schema) throws IOException {
    if (value instanceof byte[] bytes) {
      g.writeBinary(bytes);
    } else if (value instanceof ByteBuffer buffer) {
      writeBuffer(g, buffer);
    } else {
      throw mismatch(value, schema);
    }
  }

  static void writeBuffer(JsonGenerator g, ByteBuffer buffer) throws IOException {
    if (buffer.hasArray()) {
      g.writeBinary(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    } else {
      byte[] copy = new byte[buffer.remaining()];
      buffer.duplicate().get(copy);
      g.writeBinary(copy);
    }
  }

  private void writeArray(JsonGenerator g, Schema elementSchema, Collection<?> values)
      throws IOException {
    enter();
    try {
      writeElements(g, elementSchema, values);
    } finally {
      depth--;
    }
  }

  private void writeElements(JsonGenerator g, Schema elementSchema, Collection<?> values)
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

  /**
   * A map whose keys are all strings becomes a JSON object. Any other map (INT32 keys, struct keys,
   * a null key) becomes an array of {@code [key, value]} pairs, as the incumbent connector does:
   * turning keys into strings could merge distinct keys and loses their type.
   */
  private void writeMap(JsonGenerator g, Schema keySchema, Schema valueSchema, Map<?, ?> map)
      throws IOException {
    enter();
    try {
      writeEntries(g, keySchema, valueSchema, map);
    } finally {
      depth--;
    }
  }

  private void writeEntries(JsonGenerator g, Schema keySchema, Schema valueSchema, Map<?, ?> map)
      throws IOException {
    if (hasOnlyStringKeys(map)) {
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = (String) entry.getKey();
        g.writeFieldName(key);
        try {
          write(g, valueSchema, entry.getValue());
        } catch (ConversionException e) {
          throw e.inside(key);
        }
      }
      g.writeEndObject();
      return;
    }
    g.writeStartArray();
    int index = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      try {
        g.writeStartArray();
        write(g, keySchema, entry.getKey());
        write(g, valueSchema, entry.getValue());
        g.writeEndArray();
      } catch (ConversionException e) {
        throw e.inside("[" + index + "]");
      }
      index++;
    }
    g.writeEndArray();
  }

  private static boolean hasOnlyStringKeys(Map<?, ?> map) {
    for (Object key : map.keySet()) {
      // Only String: two other CharSequences could print alike and repeat a key in one object.
      if (!(key instanceof String)) {
        return false;
      }
    }
    return true;
  }

  private void writeStruct(JsonGenerator g, Struct struct) throws IOException {
    Schema schema = struct.schema();
    if (AVRO_UNION.equals(schema.name()) || PROTOBUF_UNION.equals(schema.name())) {
      writeUnion(g, struct);
      return;
    }
    enter();
    try {
      g.writeStartObject();
      for (Field field : schema.fields()) {
        g.writeFieldName(field.name());
        try {
          // Struct.get applies the field's default to a null value.
          write(g, field.schema(), struct.get(field));
        } catch (ConversionException e) {
          throw e.inside(field.name());
        }
      }
      g.writeEndObject();
    } finally {
      depth--;
    }
  }

  private void enter() {
    if (depth == ConversionLimits.MAX_DEPTH) {
      throw new ConversionException(ErrorCode.FLOE_4011, ConversionLimits.tooDeep());
    }
    depth++;
  }

  /** A union is written as the value of its one set branch, as Avro's own JSON would not. */
  private void writeUnion(JsonGenerator g, Struct union) throws IOException {
    for (Field branch : union.schema().fields()) {
      Object value = union.getWithoutDefault(branch.name());
      if (value != null) {
        write(g, branch.schema(), value);
        return;
      }
    }
    g.writeNull();
  }

  private static BigDecimal decimal(Schema schema, Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof byte[] unscaled) {
      // Decimal's serialized form, as a transform may leave it.
      return Decimal.toLogical(schema, unscaled);
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    throw mismatch(value, schema);
  }

  /** Connect Date, Time and Timestamp values are java.util.Date; a raw number is taken as is. */
  private static long millis(Object value, Schema schema) {
    if (value instanceof java.util.Date date) {
      return date.getTime();
    }
    if (value instanceof Number n) {
      long raw = n.longValue();
      return Date.LOGICAL_NAME.equals(schema.name()) ? raw * 86_400_000L : raw;
    }
    throw mismatch(value, schema);
  }

  /**
   * An integer field's value, which must be an integer of a Java type Connect uses and within the
   * schema's width: a Double 5.7 in an INT32 field is a contradiction to report, not a 5 to write.
   */
  private static long integer(Object value, Schema schema) {
    long n;
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      n = ((Number) value).longValue();
    } else if (value instanceof BigInteger big && big.bitLength() < 64) {
      n = big.longValue();
    } else {
      throw mismatch(value, schema);
    }
    long limit =
        switch (schema.type()) {
          case INT8 -> Byte.MAX_VALUE;
          case INT16 -> Short.MAX_VALUE;
          case INT32 -> Integer.MAX_VALUE;
          default -> Long.MAX_VALUE;
        };
    if (n > limit || n < -limit - 1) {
      throw new ConversionException(
          ErrorCode.FLOE_4010,
          "the schema says " + schema.type() + " but the value " + n + " is outside its range");
    }
    return n;
  }

  private static <T> T expect(Class<T> type, Object value, Schema schema) {
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw mismatch(value, schema);
  }

  private static ConversionException mismatch(Object value, Schema schema) {
    String expected =
        schema == null ? "bytes" : schema.name() == null ? schema.type().toString() : schema.name();
    return new ConversionException(
        ErrorCode.FLOE_4010,
        "the schema says " + expected + " but the value is a " + value.getClass().getName());
  }
}
