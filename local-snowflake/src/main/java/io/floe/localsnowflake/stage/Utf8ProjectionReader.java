package io.floe.localsnowflake.stage;

import static io.floe.localsnowflake.stage.Utf8Strings.NEED_MORE;
import static io.floe.localsnowflake.stage.Utf8Strings.UNUSUAL;

import io.floe.localsnowflake.core.CanonicalJson;
import io.floe.localsnowflake.stage.JsonRecordReader.ParseFailure;
import io.floe.localsnowflake.stage.JsonRecordReader.Record;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a staged file for a {@link StreamedProjection} straight from its decompressed bytes: each
 * record is found and written in stored form by {@link Utf8Canonicalizer}, with no parser, no
 * tokens and no String per key or value, which is most of what a row cost on Jackson's streamed
 * path. The rows are those of that path ({@link StreamedProjection#read} over {@link
 * JsonRecordReader}) byte for byte, and so are the records' lines and characters. At the first
 * record the canonicalizer leaves to Jackson (anything it does not follow, every malformed record
 * among them) Jackson takes over and reads the rest of the file ({@link JsonRecordReader#resume}),
 * so every error, with its row, line and character, is Jackson's as before. Files that Jackson may
 * read as UTF-16 or UTF-32, and STRIP_OUTER_ARRAY, are Jackson's from the start.
 */
final class Utf8ProjectionReader implements FileRecords<CanonicalJson[]> {
  /** Decompressed bytes held at a time; a record must fit, so the window grows for long ones. */
  private static final int WINDOW = 1 << 18;

  /**
   * Jackson's read request (its parser's 8000-byte buffer): the decompressed text is read in the
   * same requests, so that a file that stops decompressing fails after the same rows.
   */
  private static final int READ = 8000;

  /** A record longer than this is left to Jackson, which streams it, rather than held whole. */
  private static final int MAX_RECORD = 1 << 26;

  private final BufferedInputStream text;
  private final JsonFormat format;
  private final StreamedProjection projection;
  private final CanonicalJsonWriter writer;

  /** Per column, its key in UTF-8, or null for the whole document. */
  private final byte[][] keys;

  private final Utf8Text out = new Utf8Text();
  private final Utf8Canonicalizer canonicalizer = new Utf8Canonicalizer(out);
  private byte[] window = new byte[WINDOW];
  private int pos;
  private int end;
  private boolean eof;

  /** The line at {@link #pos} and where in the window it started (negative once moved past). */
  private int line = 1;

  private int lineStart;
  private long rows;
  private int lastLine = 1;

  /** Decompression failed after the bytes in the window: raised when they are used up. */
  private IOException failure;

  /** Reads the rest of the file once the canonicalizer has left a record to it. */
  private JsonRecordReader jackson;

  private Utf8ProjectionReader(
      BufferedInputStream text,
      JsonFormat format,
      StreamedProjection projection,
      CanonicalJsonWriter writer) {
    this.text = text;
    this.format = format;
    this.projection = projection;
    this.writer = writer;
    this.keys = new byte[projection.width()][];
    for (int i = 0; i < keys.length; i++) {
      String key = projection.key(i);
      keys[i] = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Opens {@code raw} (the staged bytes) as {@link JsonRecordReader#open} does, failing as it does
   * on an unknown compression or bytes that do not decompress.
   */
  static FileRecords<CanonicalJson[]> open(
      InputStream raw, JsonFormat format, StreamedProjection projection, CanonicalJsonWriter writer)
      throws IOException, ParseFailure {
    if (format.stripOuterArray()) {
      return JsonRecordReader.open(raw, format, true).records(p -> projection.read(p, writer));
    }
    Utf8ProjectionReader reader =
        new Utf8ProjectionReader(
            new BufferedInputStream(JsonRecordReader.decompressed(raw, format), 1 << 16),
            format,
            projection,
            writer);
    try {
      reader.start();
    } catch (IOException e) {
      throw JsonRecordReader.decompressionFailure(e, 0, 1);
    }
    return reader;
  }

  /** The byte order mark, and whether Jackson would read the file as UTF-8. */
  private void start() throws IOException {
    // As JsonRecordReader.open, so that the file's bytes are read in the same requests.
    if (format.skipByteOrderMark()) {
      text.mark(3);
      byte[] bom = text.readNBytes(3);
      if (!(bom.length == 3
          && (bom[0] & 0xff) == 0xef
          && (bom[1] & 0xff) == 0xbb
          && (bom[2] & 0xff) == 0xbf)) {
        text.reset();
      }
    }
    while (end < 4 && !eof) {
      fill();
    }
    // Jackson's encoding detection: UTF-8 unless one of the first four bytes is zero or a byte
    // order mark (a non-ASCII first byte) is there.
    boolean utf8 = pos == end || window[pos] >= 0;
    for (int i = pos; i < Math.min(pos + 4, end); i++) {
      utf8 &= window[i] != 0;
    }
    if (!utf8) {
      jackson = JsonRecordReader.fromStart(rest(pos), format);
      window = null;
    }
  }

  @Override
  public Record<CanonicalJson[]> next() throws ParseFailure {
    if (jackson != null) {
      return jackson.next(p -> projection.read(p, writer));
    }
    boolean inRecord = false;
    int recordLine = line;
    try {
      while (true) {
        inRecord = false;
        int p = skipWhitespace();
        if (p < 0) {
          return null;
        }
        if (window[p] != '{' && window[p] != '[') {
          return handOver(p); // a scalar or not JSON: Jackson's to read or reject
        }
        inRecord = true;
        recordLine = line;
        int character = p - lineStart + 1;
        canonicalizer.begin(window, end, line, lineStart);
        CanonicalJson[] values = new CanonicalJson[keys.length];
        int q = read(p, values);
        if (q == NEED_MORE && !eof && end - pos < MAX_RECORD) {
          refill();
          continue;
        }
        if (q < 0) {
          return handOver(p);
        }
        pos = q;
        line = canonicalizer.line();
        lineStart = canonicalizer.lineStart();
        rows++;
        lastLine = recordLine;
        return new Record<>(values, rows, recordLine, character);
      }
    } catch (IOException e) {
      // As Jackson's reader counts: a record it has started is among the rows read.
      throw JsonRecordReader.decompressionFailure(
          e, inRecord ? rows + 1 : rows, inRecord ? recordLine : lastLine);
    }
  }

  /**
   * Skips the whitespace between records, reading more as needed; answers where the next record
   * starts, or -1 at the end of the file.
   */
  private int skipWhitespace() throws IOException {
    while (true) {
      canonicalizer.begin(window, end, line, lineStart);
      int p = canonicalizer.whitespace(pos);
      if (p >= 0 || end == pos || window[end - 1] != '\r') {
        // Consumed, up to the record or to the end of the window (but a CR whose LF may follow).
        pos = p >= 0 ? p : end;
        line = canonicalizer.line();
        lineStart = canonicalizer.lineStart();
      }
      if (p >= 0) {
        return p;
      }
      if (eof) {
        return -1;
      }
      refill();
    }
  }

  /** The record at {@code p} into {@code values}; answers the position after it, or a code. */
  private int read(int p, CanonicalJson[] values) {
    out.setLength(0);
    if (keys[0] == null) {
      int q = canonicalizer.value(p, 0);
      if (q >= 0) {
        values[0] = CanonicalJson.ofUtf8(out.toBytes());
      }
      return q;
    }
    if (window[p] != '{') {
      return canonicalizer.value(p, 0); // read, checked, and every column NULL
    }
    return columns(p, values);
  }

  /** As {@link StreamedProjection#read}: each column the value of its top-level key, if present. */
  private int columns(int p, CanonicalJson[] values) {
    int q = canonicalizer.whitespace(p + 1);
    if (q < 0 || window[q] == '}') {
      return q < 0 ? q : q + 1;
    }
    while (true) {
      q = canonicalizer.pushKey(q, 0);
      if (q < 0) {
        return q;
      }
      q = canonicalizer.member(q, 0);
      if (q < 0) {
        return q;
      }
      CanonicalJson value = null;
      for (int i = 0; i < keys.length; i++) {
        if (canonicalizer.lastKeyIs(keys[i])) {
          if (value == null) {
            value = CanonicalJson.ofUtf8(out.toBytes());
          }
          values[i] = value;
        }
      }
      out.setLength(0);
      if (window[q] == ',') {
        q = canonicalizer.whitespace(q + 1);
        if (q < 0) {
          return q;
        }
      } else if (window[q] == '}') {
        return canonicalizer.duplicates(0) ? UNUSUAL : q + 1;
      } else {
        return UNUSUAL;
      }
    }
  }

  /**
   * Jackson reads on from the record at {@code p}, which has not been counted: its row, line and
   * character, and those of its error, are the file's.
   */
  private Record<CanonicalJson[]> handOver(int p) throws IOException, ParseFailure {
    jackson = JsonRecordReader.resume(rest(p), format, rows, line, p - lineStart + 1, lastLine);
    window = null;
    return jackson.next(parser -> projection.read(parser, writer));
  }

  /** The file's decompressed bytes from window position {@code p} on. */
  private InputStream rest(int p) {
    InputStream held = new ByteArrayInputStream(window, p, end - p);
    return eof ? held : new SequenceInputStream(held, text);
  }

  /**
   * Moves what is not consumed to the window's start and reads more after it: as many of Jackson's
   * requests as fit. A request that fails is reported only once the bytes before it are used up.
   */
  private void refill() throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (pos > 0) {
      System.arraycopy(window, pos, window, 0, end - pos);
      end -= pos;
      lineStart -= pos;
      pos = 0;
    }
    int before = end;
    try {
      do {
        fill();
      } while (!eof && window.length - end >= READ);
    } catch (IOException e) {
      if (end == before) {
        throw e;
      }
      failure = e;
    }
  }

  /**
   * Reads one request of Jackson's size. When decompression fails, the bytes of the failed request
   * are lost, to Jackson (through BufferedInputStream) as here: the same rows load before it.
   */
  private void fill() throws IOException {
    if (window.length - end < READ) {
      window = Arrays.copyOf(window, Math.max(window.length * 2, end + READ));
    }
    int n = text.read(window, end, READ);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  /** Whether Jackson reads the file from here on (for tests: the common case must not need it). */
  boolean handedOver() {
    return jackson != null;
  }

  @Override
  public void close() throws IOException {
    if (jackson != null) {
      jackson.close();
    }
    text.close();
  }
}
