package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A reusable in-memory output for one JSON line. Unlike ByteArrayOutputStream it is unsynchronized
 * and gives its memory back after an unusually large record, so one huge value does not pin
 * megabytes for the life of the task. It holds at most {@code maxBytes}: a longer line is refused
 * (FLOE-4012) as soon as it gets there, before it is built in full, because Snowflake would refuse
 * the row and with it the whole file it is loaded with.
 */
final class LineBuffer extends OutputStream {
  private static final int INITIAL_CAPACITY = 4 * 1024;
  private static final int RETAINED_CAPACITY = 1024 * 1024;

  private final int maxBytes;
  private byte[] bytes = new byte[INITIAL_CAPACITY];
  private int size;

  LineBuffer(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  void reset() {
    size = 0;
    if (bytes.length > RETAINED_CAPACITY) {
      bytes = new byte[INITIAL_CAPACITY];
    }
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  @Override
  public void write(int b) {
    ensureCapacity(size + 1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    ensureCapacity(size + length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  private void ensureCapacity(int needed) {
    if (needed < 0 || needed > maxBytes) {
      throw new ConversionException(
          ErrorCode.FLOE_4012,
          "its staged JSON line is larger than floe.max.record.bytes (" + maxBytes + " bytes)");
    }
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(needed, (int) Math.min(bytes.length * 2L, maxBytes)));
    }
  }
}
