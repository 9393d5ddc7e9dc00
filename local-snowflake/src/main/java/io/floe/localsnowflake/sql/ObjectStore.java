package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ClockSteps;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Databases, schemas, tables and columns as rows of the hidden DuckDB schema {@value #META}, so a
 * file-backed store keeps them. Each Snowflake schema is one DuckDB schema (named {@code
 * DB.SCHEMA}, made unique when DuckDB's case-insensitive names would clash); tables keep their
 * Snowflake name.
 */
final class ObjectStore {
  static final String META = "_local_snowflake";

  private final Duck duck;
  private final ColumnStore columns;

  ObjectStore(Duck duck) {
    this.duck = duck;
    this.columns = new ColumnStore(duck);
  }

  /** Column metadata and column DDL. */
  ColumnStore columns() {
    return columns;
  }

  record Database(String name, String owner, String comment, OffsetDateTime createdOn) {}

  record Schema(
      String database,
      String name,
      String duckSchema,
      String owner,
      String comment,
      OffsetDateTime createdOn) {}

  /**
   * {@code evolutionRecord} is the SchemaEvolutionRecord of the latest evolution of the column (a
   * JSON object as DESC TABLE shows it), null when none happened or a manual ALTER came after.
   */
  record Column(
      String name, SqlType type, boolean nullable, String comment, String evolutionRecord) {
    Column(String name, SqlType type, boolean nullable, String comment) {
      this(name, type, nullable, comment, null);
    }
  }

  record Table(
      String database,
      String schema,
      String name,
      String owner,
      String comment,
      OffsetDateTime createdOn,
      String duckSchema,
      boolean schemaEvolution,
      List<Column> columns) {

    /** The DuckDB name to use in SQL: {@code "DB.SCHEMA"."TABLE"}. */
    String duckName() {
      return Duck.id(duckSchema) + "." + Duck.id(name);
    }

    Optional<Column> column(String name) {
      return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
  }

  void init() {
    duck.execute("CREATE SCHEMA IF NOT EXISTS " + META);
    duck.execute(
        "CREATE TABLE IF NOT EXISTS "
            + META
            + ".databases(name VARCHAR PRIMARY KEY,"
            + " owner VARCHAR, comment VARCHAR, created_on TIMESTAMPTZ)");
    duck.execute(
        "CREATE TABLE IF NOT EXISTS "
            + META
            + ".schemas(database VARCHAR, name VARCHAR,"
            + " duck_schema VARCHAR UNIQUE, owner VARCHAR, comment VARCHAR,"
            + " created_on TIMESTAMPTZ, PRIMARY KEY(database, name))");
    duck.execute(
        "CREATE TABLE IF NOT EXISTS "
            + META
            + ".tables(database VARCHAR, schema VARCHAR,"
            + " name VARCHAR, owner VARCHAR, comment VARCHAR, created_on TIMESTAMPTZ,"
            + " PRIMARY KEY(database, schema, name))");
    duck.execute(
        "CREATE TABLE IF NOT EXISTS "
            + META
            + ".columns(database VARCHAR, schema VARCHAR,"
            + " table_name VARCHAR, ordinal INTEGER, name VARCHAR, type VARCHAR,"
            + " nullable BOOLEAN, comment VARCHAR)");
    // Added later: data directories written before have the tables without these columns.
    duck.execute(
        "ALTER TABLE "
            + META
            + ".tables ADD COLUMN IF NOT EXISTS enable_schema_evolution BOOLEAN DEFAULT false");
    duck.execute(
        "ALTER TABLE " + META + ".columns ADD COLUMN IF NOT EXISTS evolution_record VARCHAR");
  }

  // ---- databases

  Optional<Database> database(String name) {
    return databases().stream().filter(d -> d.name().equals(name)).findFirst();
  }

  List<Database> databases() {
    List<Database> out = new ArrayList<>();
    for (Object[] r :
        duck.catalogQuery(
            "SELECT name, owner, comment, created_on FROM " + META + ".databases ORDER BY name")) {
      out.add(new Database((String) r[0], (String) r[1], (String) r[2], (OffsetDateTime) r[3]));
    }
    return out;
  }

  void createDatabase(String name, String owner, String comment) {
    duck.update(
        "INSERT INTO " + META + ".databases VALUES (?, ?, ?, " + ClockSteps.SQL_NOW + ")",
        name,
        owner,
        comment);
  }

  void dropDatabase(String name) {
    for (Schema s : schemas(name)) {
      dropSchema(name, s.name());
    }
    duck.update("DELETE FROM " + META + ".databases WHERE name = ?", name);
  }

  // ---- schemas

  Optional<Schema> schema(String database, String name) {
    return schemas(database).stream().filter(s -> s.name().equals(name)).findFirst();
  }

  List<Schema> schemas(String database) {
    List<Schema> out = new ArrayList<>();
    for (Object[] r :
        duck.catalogQuery(
            "SELECT database, name, duck_schema, owner, comment, created_on"
                + " FROM "
                + META
                + ".schemas WHERE database = ? ORDER BY name",
            database)) {
      out.add(
          new Schema(
              (String) r[0],
              (String) r[1],
              (String) r[2],
              (String) r[3],
              (String) r[4],
              (OffsetDateTime) r[5]));
    }
    return out;
  }

  void createSchema(String database, String name, String owner, String comment) {
    String base = database + "." + name;
    String duckSchema = base;
    for (int i = 2; duckSchemaTaken(duckSchema); i++) {
      duckSchema = base + "~" + i;
    }
    duck.execute("CREATE SCHEMA " + Duck.id(duckSchema));
    duck.update(
        "INSERT INTO " + META + ".schemas VALUES (?, ?, ?, ?, ?, " + ClockSteps.SQL_NOW + ")",
        database,
        name,
        duckSchema,
        owner,
        comment);
  }

  private boolean duckSchemaTaken(String duckSchema) {
    return !duck.query(
            "SELECT 1 FROM duckdb_schemas() WHERE lower(schema_name) = ?",
            duckSchema.toLowerCase(Locale.ROOT))
        .isEmpty();
  }

  void dropSchema(String database, String name) {
    Optional<Schema> s = schema(database, name);
    if (s.isEmpty()) {
      return;
    }
    duck.execute("DROP SCHEMA " + Duck.id(s.get().duckSchema()) + " CASCADE");
    duck.update(
        "DELETE FROM " + META + ".columns WHERE database = ? AND schema = ?", database, name);
    duck.update(
        "DELETE FROM " + META + ".tables WHERE database = ? AND schema = ?", database, name);
    duck.update("DELETE FROM " + META + ".schemas WHERE database = ? AND name = ?", database, name);
  }

  // ---- tables

  Optional<Table> table(String database, String schema, String name) {
    return tables(database, schema, name).stream().findFirst();
  }

  /** Tables of a schema (name null: all), or of all schemas of a database (schema null). */
  List<Table> tables(String database, String schema, String name) {
    List<Table> out = new ArrayList<>();
    List<Object[]> rows =
        duck.catalogQuery(
            "SELECT t.database, t.schema, t.name, t.owner, t.comment, t.created_on, s.duck_schema,"
                + " t.enable_schema_evolution"
                + " FROM "
                + META
                + ".tables t JOIN "
                + META
                + ".schemas s"
                + " ON s.database = t.database AND s.name = t.schema"
                + " WHERE (? IS NULL OR t.database = ?) AND (? IS NULL OR t.schema = ?)"
                + " AND (? IS NULL OR t.name = ?) ORDER BY t.database, t.schema, t.name",
            database,
            database,
            schema,
            schema,
            name,
            name);
    for (Object[] r : rows) {
      String db = (String) r[0];
      String sc = (String) r[1];
      String tn = (String) r[2];
      out.add(
          new Table(
              db,
              sc,
              tn,
              (String) r[3],
              (String) r[4],
              (OffsetDateTime) r[5],
              (String) r[6],
              Boolean.TRUE.equals(r[7]),
              columns.list(db, sc, tn)));
    }
    return out;
  }

  /** Creates the DuckDB table and its metadata; the caller holds a transaction. */
  void createTable(
      Schema schema,
      String name,
      String owner,
      String comment,
      boolean schemaEvolution,
      List<Column> cols) {
    StringBuilder ddl =
        new StringBuilder("CREATE TABLE ")
            .append(Duck.id(schema.duckSchema()))
            .append('.')
            .append(Duck.id(name))
            .append(" (");
    for (int i = 0; i < cols.size(); i++) {
      Column c = cols.get(i);
      ddl.append(i == 0 ? "" : ", ")
          .append(Duck.id(c.name()))
          .append(' ')
          .append(c.type().duckType())
          .append(c.nullable() ? "" : " NOT NULL");
    }
    duck.execute(ddl.append(')').toString());
    duck.update(
        "INSERT INTO "
            + META
            + ".tables (database, schema, name, owner, comment, created_on,"
            + " enable_schema_evolution) VALUES (?, ?, ?, ?, ?, "
            + ClockSteps.SQL_NOW
            + ", ?)",
        schema.database(),
        schema.name(),
        name,
        owner,
        comment,
        schemaEvolution);
    for (Column c : cols) {
      columns.insertMetadata(schema.database(), schema.name(), name, c);
    }
  }

  void dropTable(Table t) {
    duck.execute("DROP TABLE " + t.duckName());
    duck.update(
        "DELETE FROM "
            + META
            + ".columns WHERE database = ? AND schema = ?"
            + " AND table_name = ?",
        t.database(),
        t.schema(),
        t.name());
    duck.update(
        "DELETE FROM " + META + ".tables WHERE database = ? AND schema = ? AND name = ?",
        t.database(),
        t.schema(),
        t.name());
  }

  void setSchemaEvolution(Table t, boolean enabled) {
    duck.update(
        "UPDATE "
            + META
            + ".tables SET enable_schema_evolution = ? WHERE database = ?"
            + " AND schema = ? AND name = ?",
        enabled,
        t.database(),
        t.schema(),
        t.name());
  }

  void setComment(String kind, String database, String schema, String name, String comment) {
    switch (kind) {
      case "DATABASE" ->
          duck.update(
              "UPDATE " + META + ".databases SET comment = ? WHERE name = ?", comment, name);
      case "SCHEMA" ->
          duck.update(
              "UPDATE " + META + ".schemas SET comment = ? WHERE database = ? AND name = ?",
              comment,
              database,
              name);
      default ->
          duck.update(
              "UPDATE "
                  + META
                  + ".tables SET comment = ? WHERE database = ?"
                  + " AND schema = ? AND name = ?",
              comment,
              database,
              schema,
              name);
    }
  }

  long rowCount(Table t) {
    return ((Number) duck.query("SELECT count(*) FROM " + t.duckName()).get(0)[0]).longValue();
  }
}
