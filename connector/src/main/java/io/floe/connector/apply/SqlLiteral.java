package io.floe.connector.apply;

/**
 * Snowflake string literals for the values the apply statements embed (topic, connector and table
 * names). They are built into the text rather than bound because one MERGE carries a range per
 * partition, and the generated text is what the error messages and logs show.
 */
final class SqlLiteral {
  private SqlLiteral() {}

  /** {@code 'text'} with backslashes and quotes escaped as Snowflake reads string literals. */
  static String of(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
