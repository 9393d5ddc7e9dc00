package io.floe.localsnowflake.stage;

import java.util.List;
import java.util.Random;

/**
 * Random JSON records for differential tests of the readers: objects of Floe's shape ({@code
 * {"meta":…,"content":…}}) or anything else, with keys in any order (sometimes repeated), strings
 * with non-ASCII text and escapes of every kind, numbers in every form JSON allows, nesting and
 * whitespace; and mutations of them that are mostly malformed.
 */
final class GeneratedJson {
  private static final List<String> KEYS =
      List.of(
          "meta",
          "content",
          "a",
          "b",
          "B",
          "key",
          "offset",
          "é",
          "日本",
          "\ud83d\ude00",
          "\uffff",
          "");
  private static final List<String> STRING_PARTS =
      List.of(
          "plain",
          " ",
          "é",
          "日本語",
          "\ud83d\ude00",
          "\uffff",
          "\\n",
          "\\t",
          "\\\"",
          "\\\\",
          "\\/",
          "\\u00e9",
          "\\u0001",
          "\\u001F",
          "\\u001f",
          "\\b",
          "\\f",
          "\\r",
          "\\ud83d\\ude00",
          "\\u20AC",
          "\\u0022",
          "\\u005c",
          "\\u0041",
          "~",
          "\u007f");
  private static final List<String> NUMBERS =
      List.of(
          "0",
          "-0",
          "1",
          "-17",
          "123456789012345678901234567890",
          "1.5",
          "-0.25",
          "0.10",
          "1.50",
          "1e3",
          "1E-7",
          "-2.5e+10",
          "0.0000001",
          "0.000001",
          "0.00000",
          "-0.0",
          "1e400",
          "9.99",
          "12.000",
          "0e0",
          "1.0E-5",
          "100");
  private static final String MUTATIONS = "{}[]\",:\\0x -.e\n";

  private GeneratedJson() {}

  /**
   * One record; {@code anyShape} also gives arrays, scalars, objects without meta/content, and
   * repeated keys (otherwise keys are unique within each object).
   */
  static String record(Random r, boolean anyShape) {
    StringBuilder b = new StringBuilder();
    if (anyShape && r.nextInt(5) == 0) {
      value(r, b, 0, anyShape);
    } else {
      b.append("{\"meta\":");
      value(r, b, 1, anyShape);
      b.append(",\"content\":");
      value(r, b, 1, anyShape);
      if (anyShape && r.nextBoolean()) {
        b.append(",\"").append(key(r)).append("\":");
        value(r, b, 2, anyShape);
      }
      b.append('}');
    }
    return b.toString();
  }

  private static String key(Random r) {
    return KEYS.get(r.nextInt(KEYS.size()));
  }

  private static void value(Random r, StringBuilder b, int depth, boolean repeats) {
    int kind = depth > 4 ? 2 + r.nextInt(4) : r.nextInt(6);
    switch (kind) {
      case 0 -> {
        b.append('{');
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
          b.append(i == 0 ? "" : ",").append(space(r)).append('"').append(key(r));
          b.append(!repeats || r.nextInt(3) == 0 ? String.valueOf(i) : "")
              .append('"')
              .append(space(r));
          b.append(':').append(space(r));
          value(r, b, depth + 1, repeats);
        }
        b.append(space(r)).append('}');
      }
      case 1 -> {
        b.append('[');
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          b.append(i == 0 ? "" : ",").append(space(r));
          value(r, b, depth + 1, repeats);
          b.append(space(r));
        }
        b.append(']');
      }
      case 2 -> {
        b.append('"');
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          b.append(STRING_PARTS.get(r.nextInt(STRING_PARTS.size())));
        }
        b.append('"');
      }
      case 3 -> b.append(NUMBERS.get(r.nextInt(NUMBERS.size())));
      case 4 -> b.append(List.of("true", "false", "null").get(r.nextInt(3)));
      default -> b.append(r.nextInt(1_000_000));
    }
  }

  private static String space(Random r) {
    return r.nextInt(4) == 0 ? List.of(" ", "\n", "\t", "\r\n", "\r").get(r.nextInt(5)) : "";
  }

  /** The text with one change: cut short, a character replaced, inserted or doubled. */
  static String mutate(Random r, String text) {
    if (text.isEmpty()) {
      return "{";
    }
    int at = r.nextInt(text.length());
    char c = MUTATIONS.charAt(r.nextInt(MUTATIONS.length()));
    return switch (r.nextInt(4)) {
      case 0 -> text.substring(0, at);
      case 1 -> text.substring(0, at) + c + text.substring(at + 1);
      case 2 -> text.substring(0, at) + c + text.substring(at);
      default -> text.substring(0, at) + text.charAt(at) + text.substring(at);
    };
  }
}
