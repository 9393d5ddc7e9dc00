package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.ResolvingDecoder;

/**
 * Avro's generic reader with bounds, so that a corrupt or hostile datum is a broken record rather
 * than an Error that kills the task: nesting is limited to {@link ConversionLimits#MAX_AVRO_DEPTH}
 * (decoding recurses once per record, array or map level), and every declared size is checked
 * against an {@link AvroBound} before Avro allocates for it. Avro's own limits ({@code
 * org.apache.avro.limits.*}) are JVM-wide system properties read once, defaulting to two billion,
 * so they cannot do this per record; they still apply on top when an operator sets them.
 *
 * <p>Not thread-safe: it counts depth and items of the datum being read.
 */
final class BoundedDatumReader extends GenericDatumReader<Object> {
  /** Avro preallocates what a block declares; more than this is grown as items really arrive. */
  private static final int PREALLOCATED = 4096;

  private AvroBound bound;
  private int depth;
  private long items;

  BoundedDatumReader(Schema writer, Schema reader, AvroBound defaultBound) {
    super(writer, reader, genericData());
    this.bound = defaultBound;
  }

  /** Generic data without the fast reader, which would bypass the checks below. */
  private static GenericData genericData() {
    GenericData data = new GenericData();
    data.setFastReaderEnabled(false);
    return data;
  }

  /** Reads one datum within {@code datumBound}. */
  Object read(Decoder in, AvroBound datumBound) throws IOException {
    AvroBound previous = bound;
    bound = datumBound;
    try {
      return read(null, in);
    } finally {
      bound = previous;
    }
  }

  /** Reads one datum within the current bound: the one given at construction unless overridden. */
  @Override
  public Object read(Object reuse, Decoder in) throws IOException {
    depth = 0;
    items = 0;
    try {
      return super.read(reuse, new BoundedDecoder(in, bound));
    } catch (StackOverflowError e) {
      // Only with a thread stack far below the JVM default: the depth limit normally stops first.
      throw new ConversionException(ErrorCode.FLOE_4011, ConversionLimits.tooDeepForStack());
    }
  }

  @Override
  protected Object readWithoutConversion(Object old, Schema expected, ResolvingDecoder in)
      throws IOException {
    Schema.Type type = expected.getType();
    boolean nests =
        type == Schema.Type.RECORD || type == Schema.Type.ARRAY || type == Schema.Type.MAP;
    if (!nests) {
      return super.readWithoutConversion(old, expected, in);
    }
    if (++depth > ConversionLimits.MAX_AVRO_DEPTH) {
      throw new ConversionException(
          ErrorCode.FLOE_4011, ConversionLimits.tooDeep(ConversionLimits.MAX_AVRO_DEPTH));
    }
    try {
      return super.readWithoutConversion(old, expected, in);
    } finally {
      depth--;
    }
  }

  @Override
  protected Object newArray(Object old, int size, Schema schema) {
    checkDeclared(size);
    return super.newArray(old, Math.min(size, PREALLOCATED), schema);
  }

  @Override
  protected Object newMap(Object old, int size) {
    checkDeclared(size);
    return super.newMap(old, Math.min(size, PREALLOCATED));
  }

  @Override
  protected void addToArray(Object array, long pos, Object e) {
    count();
    super.addToArray(array, pos, e);
  }

  @Override
  protected void addToMap(Object map, Object key, Object value) {
    count();
    super.addToMap(map, key, value);
  }

  @Override
  protected Object readFixed(Object old, Schema expected, Decoder in) throws IOException {
    if (expected.getFixedSize() > bound.maxLength()) {
      throw bound.declaredLength("a fixed value", expected.getFixedSize());
    }
    return super.readFixed(old, expected, in);
  }

  private void checkDeclared(int size) {
    if (items + size > bound.maxItems()) {
      throw bound.tooManyItems(items + size);
    }
  }

  private void count() {
    if (++items > bound.maxItems()) {
      throw bound.tooManyItems(items);
    }
  }
}
