package io.floe.connector.loading;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A partition's records on their way into one staged file: newline-delimited JSON, gzip-compressed
 * as it is appended, so the memory held is the compressed size while the flush thresholds count the
 * uncompressed bytes (what buffer.size.bytes means to users).
 */
final class PartitionBuffer {
  private static final byte[] NEWLINE = {'\n'};

  private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(64 * 1024);

  /**
   * Lines reach the deflater in 32 KiB chunks rather than one call per line and one per newline
   * (GZIPOutputStream allocates and deflates on every single-byte write).
   */
  private final BufferedOutputStream out;

  private final long createdNanos;
  private long firstOffset = -1;
  private long lastOffset = -1;
  private long records;
  private long rows;
  private long uncompressedBytes;

  PartitionBuffer(long createdNanos) {
    this.createdNanos = createdNanos;
    try {
      // Level 1: several times faster than the default for about 10% larger files.
      GZIPOutputStream gzip =
          new GZIPOutputStream(compressed, 16 * 1024) {
            {
              def.setLevel(Deflater.BEST_SPEED);
            }
          };
      this.out = new BufferedOutputStream(gzip, 32 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
        out.write(line);
        out.write(NEWLINE);
        uncompressedBytes += line.length + 1;
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return compressed.toByteArray();
  }

  /** Drops the buffer's records, releasing the deflater's native memory now rather than at GC. */
  void discard() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
