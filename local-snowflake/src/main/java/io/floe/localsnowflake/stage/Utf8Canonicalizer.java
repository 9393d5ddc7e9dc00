package io.floe.localsnowflake.stage;

import static io.floe.localsnowflake.stage.Utf8Strings.NEED_MORE;
import static io.floe.localsnowflake.stage.Utf8Strings.UNUSUAL;

import java.util.Arrays;

/**
 * Writes a JSON value read from UTF-8 bytes into the stored form VARIANT columns hold, the bytes
 * {@link CanonicalJsonWriter} writes from Jackson's tokens, for the common case only: keys are
 * compared and copied as bytes, strings copied ({@link Utf8Strings}), numbers as {@link
 * Utf8Numbers} prints them. It never reports an error: on anything Jackson would reject or read in
 * a way this class does not follow (a duplicate key, an escaped key, nesting past {@link
 * #MAX_DEPTH}, a long number, malformed input) it answers {@link Utf8Strings#UNUSUAL}, and the
 * caller has Jackson read the record, so that errors and their positions are Jackson's. One
 * instance per file being read; it keeps buffers.
 */
final class Utf8Canonicalizer {
  /** Deeper values go to Jackson, which limits nesting (to 1000) and reports it. */
  static final int MAX_DEPTH = 64;

  private static final int INSERTION_SORT_LIMIT = 32;

  private final Utf8Text out;
  private byte[] b;
  private int end;
  private int line;
  private int lineStart;

  /**
   * The members of the objects being written, innermost last: where each key sits in the input and
   * where its {@code "key":value} sits in the output.
   */
  private int[] keyOff = new int[64];

  private int[] keyLen = new int[64];
  private int[] memberStart = new int[64];
  private int[] memberEnd = new int[64];
  private int top;
  private int[] order = new int[64];
  private byte[] scratch = new byte[1024];

  Utf8Canonicalizer(Utf8Text out) {
    this.out = out;
  }

  /**
   * Reads from {@code input} up to {@code end}; lines are counted on from {@code line}, which
   * started at {@code lineStart}, as Jackson counts them (LF, CR, CR LF).
   */
  void begin(byte[] input, int end, int line, int lineStart) {
    this.b = input;
    this.end = end;
    this.line = line;
    this.lineStart = lineStart;
    this.top = 0;
  }

  int line() {
    return line;
  }

  int lineStart() {
    return lineStart;
  }

  /** The first position from {@code p} that is not JSON whitespace, or NEED_MORE. */
  int whitespace(int p) {
    while (p < end) {
      byte c = b[p];
      if (c > ' ') {
        return p;
      }
      if (c == ' ' || c == '\t') {
        p++;
      } else if (c == '\n') {
        p++;
        line++;
        lineStart = p;
      } else if (c == '\r') {
        if (p + 1 >= end) {
          return NEED_MORE; // a CR LF may be split
        }
        p += b[p + 1] == '\n' ? 2 : 1;
        line++;
        lineStart = p;
      } else {
        return p; // another control character, which the caller rejects
      }
    }
    return NEED_MORE;
  }

  /** Writes the value at {@code p} (not whitespace); answers the position after it, or a code. */
  int value(int p, int depth) {
    if (p >= end) {
      return NEED_MORE;
    }
    return switch (b[p]) {
      case '{' -> object(p, depth);
      case '[' -> array(p, depth);
      case '"' -> Utf8Strings.string(b, p, end, out);
      case 't' -> literal(p, "true");
      case 'f' -> literal(p, "false");
      case 'n' -> literal(p, "null");
      case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' ->
          Utf8Numbers.number(b, p, end, out);
      default -> UNUSUAL;
    };
  }

  /**
   * Reads the key whose opening quote is at {@code p} and pushes it as a member starting at {@code
   * memberAt} in the output; answers the position after the key, or a code.
   */
  int pushKey(int p, int memberAt) {
    if (b[p] != '"') {
      return UNUSUAL;
    }
    int q = Utf8Strings.key(b, p, end);
    if (q < 0) {
      return q;
    }
    if (top == keyOff.length) {
      grow();
    }
    keyOff[top] = p + 1;
    keyLen[top] = q - p - 2;
    memberStart[top] = memberAt;
    top++;
    return q;
  }

  /** Whether the key pushed last equals {@code key} (UTF-8, as a column's name). */
  boolean lastKeyIs(byte[] key) {
    int i = top - 1;
    return Arrays.equals(b, keyOff[i], keyOff[i] + keyLen[i], key, 0, key.length);
  }

  /** How many members are pushed: the base of an object about to be read. */
  int members() {
    return top;
  }

  /** Whether two of the members pushed since {@code base} have the same key. */
  boolean duplicates(int base) {
    return !sort(base);
  }

  private int object(int p, int depth) {
    if (depth >= MAX_DEPTH) {
      return UNUSUAL;
    }
    out.append('{');
    int start = out.length();
    int base = top;
    p = whitespace(p + 1);
    if (p < 0) {
      return p;
    }
    boolean ascending = true;
    if (b[p] != '}') {
      while (true) {
        if (top > base) {
          out.append(',');
        }
        p = pushKey(p, out.length());
        if (p < 0) {
          return p;
        }
        int m = top - 1;
        if (m > base && ascending) {
          int c = Utf8Strings.compare(b, keyOff[m - 1], keyLen[m - 1], keyOff[m], keyLen[m]);
          if (c == 0) {
            return UNUSUAL; // a duplicate: Jackson's error
          }
          ascending = c < 0;
        }
        out.append(b, keyOff[m] - 1, keyLen[m] + 2).append(':');
        p = member(p, depth);
        if (p < 0) {
          return p;
        }
        memberEnd[m] = out.length();
        if (b[p] == ',') {
          p = whitespace(p + 1);
          if (p < 0) {
            return p;
          }
        } else if (b[p] == '}') {
          break;
        } else {
          return UNUSUAL;
        }
      }
    }
    if (!ascending) {
      if (!sort(base)) {
        return UNUSUAL;
      }
      reorder(base, start);
    }
    top = base;
    out.append('}');
    return p + 1;
  }

  /**
   * After a key: the colon and the value, written; answers the position of what follows the value
   * (whitespace skipped), or a code.
   */
  int member(int p, int depth) {
    p = whitespace(p);
    if (p < 0) {
      return p;
    }
    if (b[p] != ':') {
      return UNUSUAL;
    }
    p = whitespace(p + 1);
    if (p < 0) {
      return p;
    }
    p = value(p, depth + 1);
    return p < 0 ? p : whitespace(p);
  }

  private int array(int p, int depth) {
    if (depth >= MAX_DEPTH) {
      return UNUSUAL;
    }
    out.append('[');
    p = whitespace(p + 1);
    if (p < 0) {
      return p;
    }
    if (b[p] != ']') {
      while (true) {
        p = value(p, depth + 1);
        if (p < 0) {
          return p;
        }
        p = whitespace(p);
        if (p < 0) {
          return p;
        }
        if (b[p] == ',') {
          out.append(',');
          p = whitespace(p + 1);
          if (p < 0) {
            return p;
          }
        } else if (b[p] == ']') {
          break;
        } else {
          return UNUSUAL;
        }
      }
    }
    out.append(']');
    return p + 1;
  }

  /** The literal must be followed by a delimiter, which the enclosing value checks. */
  private int literal(int p, String word) {
    int n = word.length();
    if (p + n > end) {
      return NEED_MORE;
    }
    for (int i = 0; i < n; i++) {
      if (b[p + i] != word.charAt(i)) {
        return UNUSUAL;
      }
    }
    out.appendAscii(word);
    return p + n;
  }

  /**
   * Member indexes from {@code base} on into {@code order}, by key as String.compareTo orders keys
   * (the order of the TreeMap VariantText.canonical sorts with); false on a duplicate key.
   */
  private boolean sort(int base) {
    int size = top - base;
    if (order.length < size) {
      order = new int[Math.max(size, order.length * 2)];
    }
    if (size > INSERTION_SORT_LIMIT) {
      Integer[] boxed = new Integer[size];
      for (int i = 0; i < size; i++) {
        boxed[i] = base + i;
      }
      Arrays.sort(boxed, (x, y) -> compareKeys(x, y));
      for (int i = 0; i < size; i++) {
        order[i] = boxed[i];
        if (i > 0 && compareKeys(order[i - 1], order[i]) == 0) {
          return false;
        }
      }
      return true;
    }
    for (int i = 0; i < size; i++) {
      int m = base + i;
      int j = i;
      int c = 1;
      while (j > 0 && (c = compareKeys(order[j - 1], m)) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      if (j > 0 && c == 0) {
        return false;
      }
      order[j] = m;
    }
    return true;
  }

  private int compareKeys(int x, int y) {
    return Utf8Strings.compare(b, keyOff[x], keyLen[x], keyOff[y], keyLen[y]);
  }

  /** Rewrites the members (output from {@code start} on) in {@link #sort}'s order. */
  private void reorder(int base, int start) {
    int size = top - base;
    int length = out.length() - start;
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    out.copyRange(start, out.length(), scratch);
    out.setLength(start);
    for (int i = 0; i < size; i++) {
      int m = order[i];
      if (i > 0) {
        out.append(',');
      }
      out.append(scratch, memberStart[m] - start, memberEnd[m] - memberStart[m]);
    }
  }

  private void grow() {
    int n = keyOff.length * 2;
    keyOff = Arrays.copyOf(keyOff, n);
    keyLen = Arrays.copyOf(keyLen, n);
    memberStart = Arrays.copyOf(memberStart, n);
    memberEnd = Arrays.copyOf(memberEnd, n);
  }
}
