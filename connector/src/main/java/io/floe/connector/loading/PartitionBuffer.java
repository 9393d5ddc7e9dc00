package io.floe.connector.loading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A partition's records on their way into one staged file: newline-delimited JSON, gzip-compressed
 * as it is appended, so the memory held is the compressed size while the flush thresholds count the
 * uncompressed bytes (what buffer.size.bytes means to users).
 *
 * <p>Lines collect uncompressed in a small array that grows to {@value #CHUNK} bytes and then goes
 * to the deflater in one call (GZIPOutputStream deflates on every write). The deflater, about 256
 * KB of native memory plus its buffers, exists only once a partition has sent a chunk's worth: a
 * task with thousands of partitions that each hold a few records holds just those records.
 */
final class PartitionBuffer {
  static final int CHUNK = 32 * 1024;
  private static final int FIRST_CHUNK = 512;
  private static final byte[] NEWLINE = {'\n'};

  private byte[] pending = new byte[FIRST_CHUNK];
  private int pendingLength;
  private ByteArrayOutputStream compressed;
  private GZIPOutputStream gzip;

  private final long createdNanos;
  private long firstOffset = -1;
  private long lastOffset = -1;
  private long records;
  private long rows;
  private long uncompressedBytes;

  PartitionBuffer(long createdNanos) {
    this.createdNanos = createdNanos;
  }

  /** Adds a record's rows (each a JSON document without newline); rows may be empty. */
  void add(long offset, Iterable<byte[]> lines) {
    if (firstOffset < 0) {
      firstOffset = offset;
    }
    lastOffset = offset;
    records++;
    try {
      for (byte[] line : lines) {
        append(line, line.length);
        append(NEWLINE, 1);
        uncompressedBytes += line.length + 1;
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void append(byte[] bytes, int length) throws IOException {
    if (pendingLength + length > pending.length) {
      if (pending.length < CHUNK) {
        pending =
            Arrays.copyOf(
                pending, Math.min(CHUNK, Math.max(pending.length * 2, pendingLength + length)));
      }
      if (pendingLength + length > pending.length) {
        deflatePending();
      }
    }
    if (length > pending.length) {
      gzip().write(bytes, 0, length); // a line longer than a chunk goes straight through
      return;
    }
    System.arraycopy(bytes, 0, pending, pendingLength, length);
    pendingLength += length;
  }

  private void deflatePending() throws IOException {
    if (pendingLength > 0) {
      gzip().write(pending, 0, pendingLength);
      pendingLength = 0;
    }
  }

  private GZIPOutputStream gzip() throws IOException {
    if (gzip == null) {
      compressed = new ByteArrayOutputStream(16 * 1024);
      // Level 1: several times faster than the default for about 10% larger files.
      gzip =
          new GZIPOutputStream(compressed, 16 * 1024) {
            {
              def.setLevel(Deflater.BEST_SPEED);
            }
          };
    }
    return gzip;
  }

  /** zlib's deflate state at its default window and memory level, outside the heap. */
  static final long NATIVE_DEFLATER_BYTES = 256 * 1024;

  /**
   * Memory this buffer holds: pending lines and compressed bytes on the heap, and, once it
   * compresses, the deflater's native state.
   */
  long memoryBytes() {
    long heap = pending == null ? 0 : pending.length;
    return compressed == null ? heap : heap + compressed.size() + 16 * 1024 + NATIVE_DEFLATER_BYTES;
  }

  boolean isEmpty() {
    return records == 0;
  }

  long records() {
    return records;
  }

  long rows() {
    return rows;
  }

  long uncompressedBytes() {
    return uncompressedBytes;
  }

  long firstOffset() {
    return firstOffset;
  }

  long lastOffset() {
    return lastOffset;
  }

  long createdNanos() {
    return createdNanos;
  }

  /** Finishes the gzip stream and returns the file's bytes; the buffer is done afterwards. */
  byte[] seal() {
    try {
      deflatePending();
      gzip().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pending = null;
    return compressed.toByteArray();
  }

  /** Drops the buffer's records, releasing the deflater's native memory now rather than at GC. */
  void discard() {
    pending = null;
    if (gzip != null) {
      try {
        gzip.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
