package io.floe.localsnowflake.stage;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes the JSON value under a parser's current token straight into the form VARIANT columns store
 * (compact, object keys sorted), without building a tree: the text is exactly what the tree path
 * stores, {@code VariantText.canonical(node.toString())} of the node Jackson reads with exact
 * decimals. That fixes how numbers print: integers as their digits ({@code -0} is {@code 0}),
 * decimals as {@code BigDecimal.toString()} ({@code 1.50} stays, {@code 1e400} is {@code 1E+400},
 * {@code 0.0000001} is {@code 1E-7}). Strings are escaped as Jackson escapes them. Duplicate keys
 * are rejected here, with the error Jackson's strict parser raises ({@link #duplicate}), so the
 * parser need not check them too.
 */
final class CanonicalJsonWriter {
  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

  private final Utf8Text out = new Utf8Text();
  private final StringBuilder escaped = new StringBuilder();
  private Members[] levels = new Members[8];

  /** The canonical text of the value starting at the parser's current token, which it consumes. */
  String write(JsonParser p) throws IOException {
    render(p);
    return out.toString();
  }

  /** As {@link #write}, in UTF-8: what the appender stores, without a String on the way. */
  byte[] writeUtf8(JsonParser p) throws IOException {
    render(p);
    return out.toBytes();
  }

  private void render(JsonParser p) throws IOException {
    out.setLength(0);
    try {
      value(p, p.currentToken(), 0);
    } catch (IOException | RuntimeException e) {
      reset();
      throw e;
    }
  }

  /** After a failure part way through a value: the objects it was in are abandoned. */
  private void reset() {
    for (Members m : levels) {
      if (m != null) {
        m.clear();
      }
    }
  }

  private void value(JsonParser p, JsonToken t, int depth) throws IOException {
    switch (t) {
      case START_OBJECT -> object(p, depth);
      case START_ARRAY -> array(p, depth);
      case VALUE_STRING -> string(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      case VALUE_NUMBER_INT -> integer(p);
      case VALUE_NUMBER_FLOAT -> decimal(p);
      case VALUE_TRUE -> out.appendAscii("true");
      case VALUE_FALSE -> out.appendAscii("false");
      case VALUE_NULL -> out.appendAscii("null");
      default -> throw new IllegalStateException("unexpected JSON token " + t);
    }
  }

  private void object(JsonParser p, int depth) throws IOException {
    out.append('{');
    int start = out.length();
    Members members = members(depth);
    for (String key; (key = p.nextFieldName()) != null; ) {
      if (!members.keys.add(key)) {
        throw duplicate(p, key);
      }
      if (members.keys.size() > 1) {
        out.append(',');
      }
      int from = out.length();
      string(key);
      out.append(':');
      value(p, p.nextToken(), depth + 1);
      members.span(from, out.length());
    }
    if (!members.keys.ascending()) {
      members.reorder(out, start);
    }
    members.clear();
    out.append('}');
  }

  /**
   * The error Jackson's STRICT_DUPLICATE_DETECTION raises, which the parser of the streamed path
   * leaves to this writer: same message, and the same place, just after the repeated name's closing
   * quote (columns count bytes, as Jackson's do for UTF-8 input; a name written with escapes is
   * measured as Jackson would escape it, which may differ from how it was written).
   */
  static JsonParseException duplicate(JsonParser p, String key) {
    JsonLocation at = p.currentTokenLocation();
    int length = ENCODER.quoteAsUTF8(key).length + 2;
    JsonLocation after =
        new JsonLocation(
            at.contentReference(),
            at.getByteOffset() < 0 ? -1 : at.getByteOffset() + length,
            -1,
            at.getLineNr(),
            at.getColumnNr() + length);
    return new JsonParseException(p, "Duplicate field '" + key + "'", after);
  }

  /**
   * Reads past the value at the parser's current token, checking it for duplicate keys as the
   * strict parser would have, without keeping its text.
   */
  void skip(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      int length = out.length();
      try {
        value(p, t, 0);
      } catch (IOException | RuntimeException e) {
        reset();
        throw e;
      } finally {
        out.setLength(length);
      }
    }
  }

  private void array(JsonParser p, int depth) throws IOException {
    out.append('[');
    boolean first = true;
    for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
      if (!first) {
        out.append(',');
      }
      first = false;
      value(p, t, depth + 1);
    }
    out.append(']');
  }

  /** IntNode, LongNode and BigIntegerNode print the value's digits: only {@code -0} differs. */
  private void integer(JsonParser p) throws IOException {
    char[] c = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    if (len == 2 && c[off] == '-' && c[off + 1] == '0') {
      out.append('0');
    } else {
      out.append(c, off, len);
    }
  }

  /**
   * DecimalNode prints {@code BigDecimal.toString()}, which is the text as written unless it has an
   * exponent, a negative zero or at least six zeros after "0." (then it goes scientific); those
   * rare cases take the exact conversion.
   */
  private void decimal(JsonParser p) throws IOException {
    char[] c = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    if (writtenFormIsCanonical(c, off, len)) {
      out.append(c, off, len);
    } else {
      out.append(p.getDecimalValue().toString());
    }
  }

  private static boolean writtenFormIsCanonical(char[] c, int off, int len) {
    if (c[off] == '-' && len > 1 && c[off + 1] == '0') {
      return false;
    }
    if (len >= 7 && c[off] == '0' && c[off + 1] == '.') {
      boolean zeros = true;
      for (int i = 2; i < 7 && zeros; i++) {
        zeros = c[off + i] == '0';
      }
      if (zeros) {
        return false;
      }
    }
    for (int i = off; i < off + len; i++) {
      if (c[i] == 'e' || c[i] == 'E') {
        return false;
      }
    }
    return true;
  }

  private void string(String s) {
    out.append('"');
    if (needsEscaping(s)) {
      escaped.setLength(0);
      ENCODER.quoteAsString(s, escaped);
      out.append(escaped);
    } else {
      out.append(s);
    }
    out.append('"');
  }

  private void string(char[] c, int off, int len) {
    out.append('"');
    if (needsEscaping(c, off, len)) {
      escaped.setLength(0);
      ENCODER.quoteAsString(new String(c, off, len), escaped);
      out.append(escaped);
    } else {
      out.append(c, off, len);
    }
    out.append('"');
  }

  /** Jackson escapes control characters, the quote and the backslash, and nothing else. */
  private static boolean needsEscaping(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch == '"' || ch == '\\') {
        return true;
      }
    }
    return false;
  }

  private static boolean needsEscaping(char[] c, int off, int len) {
    for (int i = off; i < off + len; i++) {
      char ch = c[i];
      if (ch < 0x20 || ch == '"' || ch == '\\') {
        return true;
      }
    }
    return false;
  }

  private Members members(int depth) {
    if (depth >= levels.length) {
      levels = Arrays.copyOf(levels, depth * 2);
    }
    if (levels[depth] == null) {
      levels[depth] = new Members();
    }
    return levels[depth];
  }

  /** The members of one object being written: keys and where each "key":value sits in the text. */
  private static final class Members {
    private static final int INSERTION_SORT_LIMIT = 32;

    private final ObjectKeys keys = new ObjectKeys();
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int[] order = new int[16];
    private byte[] scratch = new byte[1024];

    /** Where the member of the key added last sits in the text. */
    void span(int start, int end) {
      int i = keys.size() - 1;
      if (i == starts.length) {
        starts = Arrays.copyOf(starts, i * 2);
        ends = Arrays.copyOf(ends, i * 2);
      }
      starts[i] = start;
      ends[i] = end;
    }

    void clear() {
      keys.clear();
    }

    /**
     * Rewrites the members (from {@code start} to the end of {@code out}) in key order, through a
     * scratch copy kept for the next object: no text or index objects allocated per object.
     */
    void reorder(Utf8Text out, int start) {
      int size = keys.size();
      int length = out.length() - start;
      if (scratch.length < length) {
        scratch = new byte[Math.max(length, scratch.length * 2)];
      }
      out.copyRange(start, out.length(), scratch);
      if (order.length < size) {
        order = new int[Math.max(size, order.length * 2)];
      }
      sortByKey(size);
      out.setLength(start);
      for (int i = 0; i < size; i++) {
        int m = order[i];
        if (i > 0) {
          out.append(',');
        }
        out.append(scratch, starts[m] - start, ends[m] - starts[m]);
      }
    }

    /**
     * Member indexes in key order, by String.compareTo: the order of the TreeMap
     * VariantText.canonical sorts with. Keys are unique, so stability does not matter. Insertion
     * sort for the usual few keys, a merge sort of boxed indexes for large objects.
     */
    private void sortByKey(int size) {
      if (size > INSERTION_SORT_LIMIT) {
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
          boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> keys.get(a).compareTo(keys.get(b)));
        for (int i = 0; i < size; i++) {
          order[i] = boxed[i];
        }
        return;
      }
      for (int i = 0; i < size; i++) {
        String key = keys.get(i);
        int j = i;
        while (j > 0 && keys.get(order[j - 1]).compareTo(key) > 0) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = i;
      }
    }
  }
}
