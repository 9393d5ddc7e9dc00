package io.floe.localsnowflake.stage;

import java.nio.charset.StandardCharsets;

/**
 * JSON strings and object keys read straight from UTF-8 bytes for {@link Utf8Canonicalizer}: a
 * string is copied as bytes into the stored form when what Jackson would read and {@link
 * CanonicalJsonWriter} would write again are those same bytes, and escapes are rewritten the way
 * Jackson escapes (quote, backslash and control characters only, backslash-u escapes in upper-case
 * hex). Anything Jackson would reject, or that could read differently (invalid or surrogate UTF-8,
 * an unpaired surrogate escape, raw control characters), answers {@link #UNUSUAL} so that Jackson
 * reads the record and reports its error.
 */
final class Utf8Strings {
  /** The value continues past the bytes read so far. */
  static final int NEED_MORE = -1;

  /** Leave this record to Jackson. */
  static final int UNUSUAL = -2;

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /**
   * Bytes a plain run of a string may hold as they are: printable ASCII but quote and backslash.
   */
  private static final boolean[] PLAIN = new boolean[256];

  static {
    for (int c = 0x20; c < 0x80; c++) {
      PLAIN[c] = c != '"' && c != '\\';
    }
  }

  private Utf8Strings() {}

  /**
   * Copies the string whose opening quote is at {@code p} into {@code out} in stored form, quotes
   * included; answers the position after its closing quote, or a code.
   */
  static int string(byte[] b, int p, int end, Utf8Text out) {
    int run = p;
    int i = p + 1;
    while (true) {
      while (i < end && PLAIN[b[i] & 0xff]) {
        i++;
      }
      if (i >= end) {
        return NEED_MORE;
      }
      int c = b[i] & 0xff;
      if (c == '"') {
        out.append(b, run, i + 1 - run);
        return i + 1;
      }
      if (c == '\\') {
        out.append(b, run, i - run);
        i = escape(b, i, end, out);
        if (i < 0) {
          return i;
        }
        run = i;
      } else if (c >= 0x80) {
        int n = sequence(b, i, end);
        if (n < 0) {
          return n;
        }
        i += n;
      } else {
        return UNUSUAL; // a raw control character: Jackson's error
      }
    }
  }

  /**
   * Reads past the object key whose opening quote is at {@code p}; answers the position after its
   * closing quote, or a code. Keys with escapes go to Jackson: they would have to be decoded to be
   * compared and sorted.
   */
  static int key(byte[] b, int p, int end) {
    int i = p + 1;
    while (true) {
      while (i < end && PLAIN[b[i] & 0xff]) {
        i++;
      }
      if (i >= end) {
        return NEED_MORE;
      }
      int c = b[i] & 0xff;
      if (c == '"') {
        return i + 1;
      }
      if (c < 0x80) {
        return UNUSUAL; // an escape or a control character
      }
      int n = sequence(b, i, end);
      if (n < 0) {
        return n;
      }
      i += n;
    }
  }

  /**
   * Orders two keys (valid UTF-8 without escapes) as {@code String.compareTo} orders them, by
   * UTF-16 code units: byte order agrees except that a supplementary character (surrogates,
   * U+D800…) sorts before U+E000–U+FFFF (lead bytes EE, EF), which its lead byte F0–F4 would put
   * after.
   */
  static int compare(byte[] b, int aOff, int aLen, int bOff, int bLen) {
    int n = Math.min(aLen, bLen);
    for (int i = 0; i < n; i++) {
      int x = b[aOff + i] & 0xff;
      int y = b[bOff + i] & 0xff;
      if (x != y) {
        if (x >= 0xf0 && y >= 0xee && y <= 0xef) {
          return -1;
        }
        if (y >= 0xf0 && x >= 0xee && x <= 0xef) {
          return 1;
        }
        return x - y;
      }
    }
    return aLen - bLen;
  }

  /**
   * The length of the well-formed UTF-8 sequence of a non-ASCII character at {@code p} (2 to 4), or
   * a code: overlong forms, surrogates and bytes past U+10FFFF are left to Jackson.
   */
  private static int sequence(byte[] b, int p, int end) {
    int lead = b[p] & 0xff;
    int n;
    int min = 0x80;
    int max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      n = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      n = 3;
      if (lead == 0xe0) {
        min = 0xa0;
      } else if (lead == 0xed) {
        max = 0x9f;
      }
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      n = 4;
      if (lead == 0xf0) {
        min = 0x90;
      } else if (lead == 0xf4) {
        max = 0x8f;
      }
    } else {
      return UNUSUAL;
    }
    if (p + n > end) {
      return NEED_MORE;
    }
    int second = b[p + 1] & 0xff;
    if (second < min || second > max) {
      return UNUSUAL;
    }
    for (int i = 2; i < n; i++) {
      int c = b[p + i] & 0xff;
      if (c < 0x80 || c > 0xbf) {
        return UNUSUAL;
      }
    }
    return n;
  }

  /**
   * Writes the escape at {@code p} (its backslash) in Jackson's form; answers the next position.
   */
  private static int escape(byte[] b, int p, int end, Utf8Text out) {
    if (p + 1 >= end) {
      return NEED_MORE;
    }
    switch (b[p + 1]) {
      case '"', '\\', 'b', 'f', 'n', 'r', 't' -> {
        out.append(b, p, 2);
        return p + 2;
      }
      case '/' -> {
        out.append('/');
        return p + 2;
      }
      case 'u' -> {
        return unicodeEscape(b, p, end, out);
      }
      default -> {
        return UNUSUAL;
      }
    }
  }

  private static int unicodeEscape(byte[] b, int p, int end, Utf8Text out) {
    int c = hex4(b, p + 2, end);
    if (c < 0) {
      return c;
    }
    int next = p + 6;
    if (c >= 0xd800 && c <= 0xdbff) {
      // Only a pair is a character; an unpaired surrogate stays a char in Jackson's String.
      if (next + 1 >= end) {
        return NEED_MORE;
      }
      if (b[next] != '\\' || b[next + 1] != 'u') {
        return UNUSUAL;
      }
      int low = hex4(b, next + 2, end);
      if (low < 0) {
        return low;
      }
      if (low < 0xdc00 || low > 0xdfff) {
        return UNUSUAL;
      }
      codePoint(Character.toCodePoint((char) c, (char) low), out);
      return next + 6;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      return UNUSUAL;
    }
    if (c < 0x20) {
      control(c, out);
    } else if (c == '"' || c == '\\') {
      out.append('\\').append((char) c);
    } else {
      codePoint(c, out);
    }
    return next;
  }

  /** Jackson's escape of a control character: the short forms it has, else upper-case hex. */
  private static void control(int c, Utf8Text out) {
    char s =
        switch (c) {
          case '\b' -> 'b';
          case '\f' -> 'f';
          case '\n' -> 'n';
          case '\r' -> 'r';
          case '\t' -> 't';
          default -> 0;
        };
    out.append('\\');
    if (s != 0) {
      out.append(s);
    } else {
      out.append('u').append('0').append('0');
      out.append((char) HEX[c >> 4]).append((char) HEX[c & 0xf]);
    }
  }

  private static void codePoint(int c, Utf8Text out) {
    if (c < 0x80) {
      out.append((char) c);
      return;
    }
    byte[] e = new byte[4];
    int n;
    if (c < 0x800) {
      e[0] = (byte) (0xc0 | c >> 6);
      e[1] = (byte) (0x80 | c & 0x3f);
      n = 2;
    } else if (c < 0x10000) {
      e[0] = (byte) (0xe0 | c >> 12);
      e[1] = (byte) (0x80 | c >> 6 & 0x3f);
      e[2] = (byte) (0x80 | c & 0x3f);
      n = 3;
    } else {
      e[0] = (byte) (0xf0 | c >> 18);
      e[1] = (byte) (0x80 | c >> 12 & 0x3f);
      e[2] = (byte) (0x80 | c >> 6 & 0x3f);
      e[3] = (byte) (0x80 | c & 0x3f);
      n = 4;
    }
    out.append(e, 0, n);
  }

  /** Four hex digits (either case, as Jackson reads them) at {@code p}, or a code. */
  private static int hex4(byte[] b, int p, int end) {
    if (p + 4 > end) {
      return NEED_MORE;
    }
    int v = 0;
    for (int i = p; i < p + 4; i++) {
      int d = Character.digit(b[i], 16);
      if (d < 0) {
        return UNUSUAL;
      }
      v = v << 4 | d;
    }
    return v;
  }
}
