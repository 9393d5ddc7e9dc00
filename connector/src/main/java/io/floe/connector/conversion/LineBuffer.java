package io.floe.connector.conversion;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A reusable in-memory output for one JSON line. Unlike ByteArrayOutputStream it is unsynchronized
 * and gives its memory back after an unusually large record, so one huge value does not pin
 * megabytes for the life of the task.
 */
final class LineBuffer extends OutputStream {
  private static final int INITIAL_CAPACITY = 4 * 1024;
  private static final int RETAINED_CAPACITY = 1024 * 1024;

  private byte[] bytes = new byte[INITIAL_CAPACITY];
  private int size;

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
    if (needed < 0) {
      throw new OutOfMemoryError("JSON line larger than 2 GiB");
    }
    if (needed > bytes.length) {
      bytes =
          Arrays.copyOf(bytes, Math.max(needed, Math.min(bytes.length * 2, Integer.MAX_VALUE - 8)));
    }
  }
}
