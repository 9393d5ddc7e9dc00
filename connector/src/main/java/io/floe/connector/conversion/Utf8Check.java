package io.floe.connector.conversion;

import java.util.Locale;

/**
 * Strict UTF-8 validation (RFC 3629) of JSON text before Jackson reads it. Jackson decodes
 * leniently: an overlong {@code C0 80} becomes U+0000, CESU-8's encoded surrogates ({@code ED A0
 * 80}) become lone surrogates, and sequences beyond U+10FFFF become other characters, so the staged
 * line would silently hold different text than the record. Text in UTF-16 or UTF-32, which JSON
 * also allows and Jackson recognises by its zero bytes or byte-order mark, is left to Jackson.
 */
final class Utf8Check {
  private Utf8Check() {}

  /** Why {@code text} is not valid UTF-8, or null when it is (or is not meant as UTF-8). */
  static String problem(byte[] text) {
    if (!meantAsUtf8(text)) {
      return null;
    }
    int n = text.length;
    int i = 0;
    while (i < n) {
      int b = text[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xff;
      int length;
      String wrong = null;
      if (b < 0xc2) {
        length = 1;
        wrong = b < 0xc0 ? "a continuation byte without a lead byte" : "an overlong encoding";
      } else if (b < 0xe0) {
        length = 2;
      } else if (b < 0xf0) {
        length = 3;
      } else if (b < 0xf5) {
        length = 4;
      } else {
        length = 1;
        wrong = "a byte that never occurs in UTF-8";
      }
      if (wrong == null) {
        wrong = sequenceProblem(text, i, b, length);
      }
      if (wrong != null) {
        return "it is not valid UTF-8: byte 0x"
            + Integer.toHexString(b).toUpperCase(Locale.ROOT)
            + " at offset "
            + i
            + " starts "
            + wrong;
      }
      i += length;
    }
    return null;
  }

  private static String sequenceProblem(byte[] text, int at, int lead, int length) {
    if (at + length > text.length) {
      return "a sequence cut short by the end of the text";
    }
    for (int k = 1; k < length; k++) {
      if ((text[at + k] & 0xc0) != 0x80) {
        return "a sequence cut short by another character";
      }
    }
    int second = text[at + 1] & 0xff;
    if ((lead == 0xe0 && second < 0xa0) || (lead == 0xf0 && second < 0x90)) {
      return "an overlong encoding";
    }
    if (lead == 0xed && second >= 0xa0) {
      return "an encoded UTF-16 surrogate (CESU-8 or modified UTF-8), which UTF-8 forbids";
    }
    if (lead == 0xf4 && second >= 0x90) {
      return "a code point beyond U+10FFFF";
    }
    return null;
  }

  /** Jackson's own detection: UTF-16 and UTF-32 show a byte-order mark or a zero byte up front. */
  private static boolean meantAsUtf8(byte[] text) {
    int n = Math.min(text.length, 4);
    if (n >= 2) {
      int b0 = text[0] & 0xff;
      int b1 = text[1] & 0xff;
      if ((b0 == 0xfe && b1 == 0xff) || (b0 == 0xff && b1 == 0xfe)) {
        return false;
      }
    }
    for (int i = 0; i < n; i++) {
      if (text[i] == 0) {
        return false;
      }
    }
    return true;
  }
}
