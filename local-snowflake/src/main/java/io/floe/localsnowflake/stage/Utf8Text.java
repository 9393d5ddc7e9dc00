package io.floe.localsnowflake.stage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of UTF-8 text, the form DuckDB's appender takes: the streamed writer builds
 * each value here, so that a value goes to the insert as one byte array instead of a String that is
 * encoded again on its way in. Characters are encoded exactly as {@code String.getBytes(UTF_8)}
 * encodes them, an unpaired surrogate included (as {@code '?'}), so the bytes are those the String
 * would have given.
 */
final class Utf8Text {
  private byte[] bytes = new byte[1024];
  private int length;

  int length() {
    return length;
  }

  /** Drops everything from {@code newLength} on (which must not exceed the length). */
  void setLength(int newLength) {
    length = newLength;
  }

  Utf8Text append(char c) {
    if (c < 0x80) {
      ensure(1);
      bytes[length++] = (byte) c;
      return this;
    }
    return append(new char[] {c}, 0, 1);
  }

  /** Text known to be ASCII (JSON punctuation and literals, number digits). */
  Utf8Text appendAscii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
    return this;
  }

  Utf8Text append(CharSequence s) {
    int n = s.length();
    ensure(n);
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      bytes[length++] = (byte) c;
    }
    if (i < n) {
      appendEncoded(s.subSequence(i, n).toString());
    }
    return this;
  }

  Utf8Text append(char[] c, int off, int len) {
    ensure(len);
    int end = off + len;
    int i = off;
    for (; i < end; i++) {
      char ch = c[i];
      if (ch >= 0x80) {
        break;
      }
      bytes[length++] = (byte) ch;
    }
    if (i < end) {
      appendEncoded(new String(c, i, end - i));
    }
    return this;
  }

  /** The bytes from {@code from} to {@code to} of this buffer, copied to {@code into}. */
  void copyRange(int from, int to, byte[] into) {
    System.arraycopy(bytes, from, into, 0, to - from);
  }

  Utf8Text append(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, length, len);
    length += len;
    return this;
  }

  byte[] toBytes() {
    return Arrays.copyOf(bytes, length);
  }

  /** The bytes from {@code from} to {@code to}, copied. */
  byte[] toBytes(int from, int to) {
    return Arrays.copyOfRange(bytes, from, to);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** Text past the ASCII fast path: the JDK's encoder, for its handling of surrogates. */
  private void appendEncoded(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    append(b, 0, b.length);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
    }
  }
}
