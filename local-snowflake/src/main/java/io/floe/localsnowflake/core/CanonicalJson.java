package io.floe.localsnowflake.core;

/**
 * A semi-structured value already in the form the local Snowflake stores (compact, object keys
 * sorted, numbers as written; see sql.VariantText#canonical), so {@link Catalog#insert} stores it
 * without parsing it again. COPY's streaming loader produces these.
 */
public record CanonicalJson(String text) {
  @Override
  public String toString() {
    return text;
  }
}
