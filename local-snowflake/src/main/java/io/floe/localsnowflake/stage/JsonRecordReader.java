package io.floe.localsnowflake.stage;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.localsnowflake.core.SnowflakeError;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads one staged JSON file as Snowflake does: gzip detected by its magic bytes, a UTF-8 byte
 * order mark skipped, and every top-level value one record, whether the values are newline
 * delimited, concatenated or (with STRIP_OUTER_ARRAY) elements of one outer array. Numbers keep
 * their exact decimal representation. A syntax error ends the file: like Snowflake, the reader does
 * not try to resynchronise after a malformed document.
 */
final class JsonRecordReader implements Closeable {
  private static final ObjectMapper STRICT = mapper(true);
  private static final ObjectMapper LENIENT = mapper(false);

  /**
   * Buffers between the staged bytes, the inflater and the parser. GZIPInputStream's default of 512
   * bytes costs a native inflate call per 512 compressed bytes and hands the parser a few kilobytes
   * at a time; 64 KiB makes inflation cheaper and the parser's refills rare.
   */
  private static final int BUFFER = 1 << 16;

  /** One top-level value and where it starts (1-based line and character). */
  record Record<T>(T value, long rowNumber, int line, int character) {}

  /** The file cannot be read further: a syntax error, or bytes that do not decompress. */
  static final class ParseFailure extends Exception {
    private final long rowNumber;
    private final int rowStartLine;
    private final int line;
    private final int character;

    ParseFailure(String reason, long rowNumber, int rowStartLine, int line, int character) {
      super(reason);
      this.rowNumber = rowNumber;
      this.rowStartLine = rowStartLine;
      this.line = line;
      this.character = character;
    }

    /** Snowflake's wording, e.g. {@code Error parsing JSON: incomplete object value}. */
    String reason() {
      return getMessage();
    }

    long rowNumber() {
      return rowNumber;
    }

    int rowStartLine() {
      return rowStartLine;
    }

    int line() {
      return line;
    }

    int character() {
      return character;
    }
  }

  private final JsonParser parser;
  private final JsonFormat format;
  private final ObjectMapper mapper;
  private boolean inOuterArray;
  private long rows;
  private int lastLine = 1;
  private boolean inValue;

  /**
   * Where the parser's input starts in the file, for a reader that takes over part way through
   * ({@link #resume}): lines before its first, and what to add to columns on its first line.
   */
  private int lineShift;

  private int columnShift;

  private JsonRecordReader(JsonParser parser, ObjectMapper mapper, JsonFormat format) {
    this.parser = parser;
    this.mapper = mapper;
    this.format = format;
  }

  /**
   * A reader for the streamed path ({@code callerChecksDuplicates}) over {@code text}, the file's
   * decompressed bytes from its start (a byte order mark already skipped as the format says).
   */
  static JsonRecordReader fromStart(InputStream text, JsonFormat format) throws IOException {
    return new JsonRecordReader(LENIENT.createParser(text), LENIENT, format);
  }

  /**
   * A reader for the streamed path that takes over from another at a record: {@code rest} holds the
   * file's decompressed bytes from that record's first byte on; the record starts at {@code line}
   * and {@code column} and is number {@code rowsBefore + 1}; {@code lastLine} is the line of the
   * record before it. Rows, lines and columns, of records and of errors, are then the file's, as if
   * this parser had read it from the start.
   */
  static JsonRecordReader resume(
      InputStream rest, JsonFormat format, long rowsBefore, int line, int column, int lastLine)
      throws IOException {
    // A space first: Jackson guesses UTF-16 or UTF-32 from zero bytes among the first four, which a
    // record (malformed, so being handed over) may hold at its second byte; after " {" it cannot.
    InputStream text = new SequenceInputStream(new ByteArrayInputStream(new byte[] {' '}), rest);
    JsonRecordReader reader = fromStart(text, format);
    reader.rows = rowsBefore;
    reader.lastLine = lastLine;
    reader.lineShift = line - 1;
    reader.columnShift = column - 2;
    return reader;
  }

  private int line(JsonLocation at) {
    return at.getLineNr() + lineShift;
  }

  private int column(JsonLocation at) {
    int c = at.getColumnNr();
    return at.getLineNr() == 1 && c > 0 ? c + columnShift : c;
  }

  private static ObjectMapper mapper(boolean strictDuplicates) {
    JsonMapper.Builder b =
        JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    if (strictDuplicates) {
      b.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
    return b.build();
  }

  /** Opens {@code raw} (the staged bytes); a file whose compression is unknown fails here. */
  static JsonRecordReader open(InputStream raw, JsonFormat format)
      throws IOException, ParseFailure {
    return open(raw, format, false);
  }

  /**
   * As {@link #open(InputStream, JsonFormat)}; with {@code callerChecksDuplicates} the parser does
   * not reject duplicate keys itself, because the caller's reader does (the streamed path's {@link
   * CanonicalJsonWriter}, at a fraction of the cost).
   */
  static JsonRecordReader open(InputStream raw, JsonFormat format, boolean callerChecksDuplicates)
      throws IOException, ParseFailure {
    InputStream in = decompressed(raw, format);
    // Reading starts here (BOM check, Jackson's encoding detection): a corrupt gzip shows now.
    try {
      BufferedInputStream text = new BufferedInputStream(in, BUFFER);
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
      ObjectMapper mapper = format.allowDuplicate() || callerChecksDuplicates ? LENIENT : STRICT;
      return new JsonRecordReader(mapper.createParser(text), mapper, format);
    } catch (IOException e) {
      throw decompressionFailure(e, 0, 1);
    }
  }

  /** The failure of a file whose bytes stop decompressing after {@code rows} records. */
  static ParseFailure decompressionFailure(IOException e, long rows, int line) {
    return new ParseFailure(
        "Invalid data encountered during decompression for file: " + e.getMessage(),
        rows + 1,
        line,
        line,
        1);
  }

  /**
   * The staged bytes decompressed as the format says (by the magic bytes for AUTO); fails on an
   * unknown compression or a GZIP file that is not.
   */
  static InputStream decompressed(InputStream raw, JsonFormat format)
      throws IOException, ParseFailure {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    boolean gzip = magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    switch (format.compression()) {
      case NONE -> {
        return in;
      }
      case GZIP -> {
        if (!gzip) {
          throw new ParseFailure(
              "Invalid data encountered during decompression for file: not in GZIP format",
              1,
              1,
              1,
              1);
        }
        return new GZIPInputStream(in, BUFFER);
      }
      default -> {
        if (gzip) {
          return new GZIPInputStream(in, BUFFER);
        }
        if (magic.length == 4
            && (magic[0] & 0xff) == 0x28
            && (magic[1] & 0xff) == 0xb5
            && (magic[2] & 0xff) == 0x2f
            && (magic[3] & 0xff) == 0xfd) {
          throw SnowflakeError.unsupported("zstd-compressed staged files");
        }
        if (magic.length >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
          throw SnowflakeError.unsupported("bzip2-compressed staged files");
        }
        return in;
      }
    }
  }

  /** The next record as a tree, or null at the end of the file. */
  Record<JsonNode> next() throws ParseFailure {
    return next(
        p -> {
          JsonNode value = mapper.readTree(p);
          if (format.stripNullValues()) {
            stripNulls(value);
          }
          return value;
        });
  }

  /**
   * The next record as {@code reader} reads it from the parser (positioned on the record's first
   * token, which the reader must consume to the record's last), or null at the end of the file.
   */
  <T> Record<T> next(ValueReader<T> reader) throws ParseFailure {
    try {
      while (true) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return null;
        }
        if (inOuterArray && token == JsonToken.END_ARRAY) {
          inOuterArray = false;
          continue;
        }
        if (!inOuterArray && token == JsonToken.START_ARRAY && format.stripOuterArray()) {
          inOuterArray = true;
          continue;
        }
        JsonLocation start = parser.currentTokenLocation();
        lastLine = line(start);
        rows++;
        inValue = true;
        T value = reader.read(parser);
        inValue = false;
        return new Record<>(value, rows, line(start), column(start));
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int line = at == null ? lastLine : line(at);
      int character = at == null ? 1 : Math.max(column(at), 1);
      // An error between values belongs to the row that would have started there.
      long row = inValue ? rows : rows + 1;
      int rowStartLine = inValue ? lastLine : line;
      throw new ParseFailure(reason(e), row, rowStartLine, line, character);
    } catch (IOException e) {
      throw decompressionFailure(e, rows, lastLine);
    }
  }

  /** This file's records as {@code reader} reads them. */
  <T> FileRecords<T> records(ValueReader<T> reader) {
    return asRecords(() -> next(reader));
  }

  /** This file's records as trees ({@link #next()}). */
  FileRecords<JsonNode> trees() {
    return asRecords(this::next);
  }

  /** What {@link FileRecords#next} does. */
  @FunctionalInterface
  private interface Next<T> {
    Record<T> next() throws ParseFailure;
  }

  private <T> FileRecords<T> asRecords(Next<T> next) {
    return new FileRecords<>() {
      @Override
      public Record<T> next() throws ParseFailure {
        return next.next();
      }

      @Override
      public void close() throws IOException {
        JsonRecordReader.this.close();
      }
    };
  }

  /** Reads one whole top-level value from the parser. */
  @FunctionalInterface
  interface ValueReader<T> {
    T read(JsonParser parser) throws IOException;
  }

  /** Jackson's diagnosis in the words Snowflake's JSON parser uses for the common cases. */
  private static String reason(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage();
    String detail;
    if (m.startsWith("Unexpected end-of-input") && m.contains("closing quote")) {
      detail = "unterminated string";
    } else if (m.startsWith("Unexpected end-of-input") && m.contains("Array")) {
      detail = "incomplete array value";
    } else if (m.startsWith("Unexpected end-of-input")) {
      detail = "incomplete object value";
    } else if (m.startsWith("Duplicate field '")) {
      String field = m.substring("Duplicate field '".length(), m.lastIndexOf('\''));
      detail = "duplicate object attribute \"" + field + "\"";
    } else if (m.startsWith("Unrecognized token '")) {
      String word = m.substring("Unrecognized token '".length(), m.indexOf('\'', 20));
      detail = "unknown keyword \"" + word + "\"";
    } else if (m.startsWith("Unexpected close marker '")) {
      detail = "misplaced " + m.charAt("Unexpected close marker '".length());
    } else if (m.startsWith("Unexpected character ('")) {
      char c = m.charAt("Unexpected character ('".length());
      detail = c == '}' || c == ']' ? "misplaced " + c : "invalid character '" + c + "'";
    } else {
      detail = m.lines().findFirst().orElse(m);
    }
    return "Error parsing JSON: " + detail;
  }

  /** STRIP_NULL_VALUES: drops object fields and array elements holding JSON null, at any depth. */
  private static void stripNulls(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> nulls = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : o.properties()) {
        if (field.getValue().isNull()) {
          nulls.add(field.getKey());
        } else {
          stripNulls(field.getValue());
        }
      }
      o.remove(nulls);
    } else if (node instanceof ArrayNode a) {
      for (int i = a.size() - 1; i >= 0; i--) {
        if (a.get(i).isNull()) {
          a.remove(i);
        } else {
          stripNulls(a.get(i));
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
