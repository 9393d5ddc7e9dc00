package io.floe.connector.table.schema;

import java.util.Locale;

/**
 * The column a top-level field loads into, named as Snowflake's Kafka connector names it so that a
 * switching user's queries keep working: a field name already wrapped in double quotes keeps what
 * is inside, exactly (a case-sensitive column); any other name is upper-cased ({@code orderId}
 * becomes {@code ORDERID}) and otherwise kept as it is ({@code my-field} becomes {@code MY-FIELD}).
 * {@link #name()} is the column's name as Snowflake stores it (what DESC TABLE shows); {@link
 * #sql()} is the quoted identifier for DDL, always quoted, so names that are not plain identifiers
 * work too. Unlike the incumbent, a double quote inside a name is escaped instead of breaking the
 * DDL, and upper-casing does not depend on the JVM's locale.
 */
public record ColumnName(String name) {
  /** Snowflake's longest identifier, quoted or not. */
  public static final int MAX_LENGTH = 255;

  public ColumnName {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a Snowflake column name has 1 to " + MAX_LENGTH + " characters: '" + name + "'");
    }
  }

  /**
   * The column for the record field {@code field}.
   *
   * @throws IllegalArgumentException when the name would be empty or longer than 255 characters
   */
  public static ColumnName of(String field) {
    if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
      return new ColumnName(field.substring(1, field.length() - 1));
    }
    return new ColumnName(field.toUpperCase(Locale.ROOT));
  }

  /** The double-quoted identifier, inner quotes doubled: {@code "MY-FIELD"}. */
  public String sql() {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  @Override
  public String toString() {
    return name;
  }
}
