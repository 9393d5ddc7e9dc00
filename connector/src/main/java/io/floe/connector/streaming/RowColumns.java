package io.floe.connector.streaming;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a converted JSON line, {@code {"meta":{…},"content":…}} (or {@code {"content":…}} when
 * metadata is off), into the channel row of the same RECORD_METADATA and RECORD_CONTENT the file
 * mode loads. The converter writes the line, so its shape is known: only the metadata object has to
 * be scanned to find where the content starts.
 */
final class RowColumns {
  static final String METADATA = "RECORD_METADATA";
  static final String CONTENT = "RECORD_CONTENT";

  private static final byte[] META_PREFIX = bytes("{\"meta\":");
  private static final byte[] CONTENT_PREFIX = bytes("{\"content\":");
  private static final byte[] CONTENT_FIELD = bytes(",\"content\":");

  private RowColumns() {}

  static Map<String, Object> of(byte[] line) {
    Map<String, Object> row = new HashMap<>(4);
    int contentStart;
    if (startsWith(line, 0, CONTENT_PREFIX)) {
      contentStart = CONTENT_PREFIX.length;
    } else if (startsWith(line, 0, META_PREFIX)) {
      int metaEnd = endOfObject(line, META_PREFIX.length);
      if (!startsWith(line, metaEnd, CONTENT_FIELD)) {
        throw new IllegalArgumentException("not a converted line: no content after the metadata");
      }
      row.put(METADATA, text(line, META_PREFIX.length, metaEnd));
      contentStart = metaEnd + CONTENT_FIELD.length;
    } else {
      throw new IllegalArgumentException("not a converted line: " + text(line, 0, 20));
    }
    if (line.length <= contentStart || line[line.length - 1] != '}') {
      throw new IllegalArgumentException("not a converted line: unterminated");
    }
    row.put(CONTENT, text(line, contentStart, line.length - 1));
    return row;
  }

  /** The index just past the JSON object that starts at {@code start}. */
  private static int endOfObject(byte[] line, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < line.length; i++) {
      byte b = line[i];
      if (inString) {
        if (b == '\\') {
          i++; // the escaped character, whatever it is, cannot end the string
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    throw new IllegalArgumentException("not a converted line: unterminated metadata");
  }

  private static boolean startsWith(byte[] line, int at, byte[] prefix) {
    if (line.length - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] line, int from, int to) {
    return new String(line, from, Math.min(to, line.length) - from, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
