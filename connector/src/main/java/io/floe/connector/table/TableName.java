package io.floe.connector.table;

import io.floe.connector.snowflake.ObjectRef;
import java.util.Objects;
import java.util.Optional;

/**
 * A target table as the user wrote it, or as Floe derived it from the topic: an unquoted Snowflake
 * identifier, optionally qualified with a schema or a database and a schema. Unquoted identifiers
 * are case-insensitive in Snowflake (they resolve to upper case), so {@code orders} and {@code
 * ORDERS} name the same table.
 */
public final class TableName {
  private final String database;
  private final String schema;
  private final String table;

  private TableName(String database, String schema, String table) {
    this.database = database;
    this.schema = schema;
    this.table = Objects.requireNonNull(table, "table");
  }

  static TableName unqualified(String table) {
    return new TableName(null, null, table);
  }

  /** Splits an already validated {@code [database.[schema.]]table}. */
  static TableName parse(String dotted) {
    String[] parts = dotted.split("\\.");
    return switch (parts.length) {
      case 1 -> new TableName(null, null, parts[0]);
      case 2 -> new TableName(null, parts[0], parts[1]);
      case 3 -> new TableName(parts[0], parts[1], parts[2]);
      default -> throw new IllegalArgumentException("not a table name: " + dotted);
    };
  }

  /** The database part, when the map entry named one ({@code db.schema.table}). */
  public Optional<String> database() {
    return Optional.ofNullable(database);
  }

  /** The schema part, when the map entry named one ({@code schema.table} or longer). */
  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  /** The table identifier without qualification. */
  public String table() {
    return table;
  }

  /**
   * The table as a fully qualified object: the parts the map gave, the connector's database and
   * schema for the rest.
   */
  public ObjectRef toObjectRef(String defaultDatabase, String defaultSchema) {
    return ObjectRef.of(
        database == null ? defaultDatabase : database,
        schema == null ? defaultSchema : schema,
        table);
  }

  /** The name as written: {@code table}, {@code schema.table} or {@code db.schema.table}. */
  @Override
  public String toString() {
    return (database == null ? "" : database + ".") + (schema == null ? "" : schema + ".") + table;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableName t
        && Objects.equals(database, t.database)
        && Objects.equals(schema, t.schema)
        && table.equals(t.table);
  }

  @Override
  public int hashCode() {
    return Objects.hash(database, schema, table);
  }
}
