package io.floe.connector.snowflake;

/** A schema-level object (table, stage or pipe): database, schema and name, all resolved. */
public record ObjectRef(SqlName database, SqlName schema, SqlName name) {

  public static ObjectRef of(String database, String schema, String name) {
    return new ObjectRef(SqlName.parse(database), SqlName.parse(schema), SqlName.parse(name));
  }

  /** A sibling object in the same schema. */
  public ObjectRef sibling(String resolvedName) {
    return new ObjectRef(database, schema, new SqlName(resolvedName));
  }

  /** {@code DB.SCHEMA.NAME} quoted where needed, for SQL text. */
  public String sql() {
    return database.sql() + "." + schema.sql() + "." + name.sql();
  }

  /**
   * {@code DB.SCHEMA.NAME} as Snowpipe's REST paths name pipes: Snowflake resolves each part as in
   * SQL, so it is the SQL form (quoted only where a resolved name needs it).
   */
  public String restName() {
    return sql();
  }

  @Override
  public String toString() {
    return restName();
  }
}
