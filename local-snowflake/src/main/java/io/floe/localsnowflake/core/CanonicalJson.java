package io.floe.localsnowflake.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A semi-structured value already in the form the local Snowflake stores (compact, object keys
 * sorted, numbers as written; see sql.VariantText#canonical), so {@link Catalog#insert} stores it
 * without parsing it again. COPY's streaming loader produces these, as UTF-8 (what DuckDB's
 * appender takes: a loaded value is never a String on its way in); the text is decoded on demand.
 */
public final class CanonicalJson {
  private final byte[] utf8;

  public CanonicalJson(String text) {
    this(text.getBytes(StandardCharsets.UTF_8));
  }

  private CanonicalJson(byte[] utf8) {
    this.utf8 = utf8;
  }

  /** A value whose stored form is these UTF-8 bytes, which the caller hands over. */
  public static CanonicalJson ofUtf8(byte[] utf8) {
    return new CanonicalJson(utf8);
  }

  public String text() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** The stored form in UTF-8; not to be modified. */
  public byte[] utf8() {
    return utf8;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CanonicalJson other && Arrays.equals(utf8, other.utf8);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(utf8);
  }

  @Override
  public String toString() {
    return text();
  }
}
