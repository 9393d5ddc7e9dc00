package io.floe.localsnowflake.stage;

import static io.floe.localsnowflake.stage.Utf8Strings.NEED_MORE;
import static io.floe.localsnowflake.stage.Utf8Strings.UNUSUAL;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** JSON numbers read from UTF-8 bytes for {@link Utf8Canonicalizer}, written in stored form. */
final class Utf8Numbers {
  /** Longer numbers go to Jackson, which limits their length (to 1000). */
  private static final int MAX_NUMBER = 200;

  private Utf8Numbers() {}

  /**
   * JSON's number grammar as Jackson reads it (no leading zeros, digits after the point and in the
   * exponent); the printing rules are {@link CanonicalJsonWriter}'s: integers as written but {@code
   * -0}, decimals as written unless {@code BigDecimal.toString()} differs, which the few that may
   * differ are then printed with.
   */
  static int number(byte[] b, int p, int end, Utf8Text out) {
    int start = p;
    if (b[p] == '-') {
      p++;
    }
    if (p >= end) {
      return NEED_MORE;
    }
    if (b[p] == '0') {
      p++;
    } else if (isDigit(b[p])) {
      p = digits(b, p, end);
    } else {
      return UNUSUAL;
    }
    boolean decimal = false;
    boolean exponent = false;
    if (p < end && b[p] == '.') {
      int d = digits(b, p + 1, end);
      if (d == p + 1) {
        return d >= end ? NEED_MORE : UNUSUAL;
      }
      decimal = true;
      p = d;
    }
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < end && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      int d = digits(b, p, end);
      if (d == p || d - p > 4) {
        return d >= end ? NEED_MORE : UNUSUAL;
      }
      exponent = true;
      p = d;
    }
    if (p >= end) {
      return NEED_MORE;
    }
    int len = p - start;
    if (len > MAX_NUMBER) {
      return UNUSUAL;
    }
    if (!decimal && !exponent) {
      if (len == 2 && b[start] == '-' && b[start + 1] == '0') {
        out.append('0');
      } else {
        out.append(b, start, len);
      }
    } else if (!exponent && writtenFormIsCanonical(b, start, len)) {
      out.append(b, start, len);
    } else {
      String text = new String(b, start, len, StandardCharsets.US_ASCII);
      out.appendAscii(new BigDecimal(text).toString());
    }
    return p;
  }

  /** As CanonicalJsonWriter's check, for a decimal without exponent. */
  private static boolean writtenFormIsCanonical(byte[] b, int off, int len) {
    if (b[off] == '-' && b[off + 1] == '0') {
      return false;
    }
    if (len >= 7 && b[off] == '0' && b[off + 1] == '.') {
      for (int i = 2; i < 7; i++) {
        if (b[off + i] != '0') {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  private static int digits(byte[] b, int p, int end) {
    while (p < end && isDigit(b[p])) {
      p++;
    }
    return p;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }
}
