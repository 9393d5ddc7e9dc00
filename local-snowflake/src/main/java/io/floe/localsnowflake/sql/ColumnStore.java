package io.floe.localsnowflake.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Tables' columns: their metadata rows in the hidden schema ({@code columns}, in order, with each
 * column's Snowflake type and SchemaEvolutionRecord) and the DuckDB DDL that changes them. The
 * caller holds the transaction.
 */
final class ColumnStore {
  private final Duck duck;

  ColumnStore(Duck duck) {
    this.duck = duck;
  }

  List<ObjectStore.Column> list(String database, String schema, String table) {
    List<ObjectStore.Column> out = new ArrayList<>();
    for (Object[] r :
        duck.catalogQuery(
            "SELECT name, type, nullable, comment, evolution_record FROM "
                + ObjectStore.META
                + ".columns WHERE database = ? AND schema = ? AND table_name = ? ORDER BY ordinal",
            database,
            schema,
            table)) {
      out.add(
          new ObjectStore.Column(
              (String) r[0],
              SqlType.parse((String) r[1]),
              (Boolean) r[2],
              (String) r[3],
              (String) r[4]));
    }
    return out;
  }

  void add(ObjectStore.Table t, ObjectStore.Column c) {
    // DuckDB cannot add a NOT NULL column; a new column is empty, so the constraint only matters
    // for later rows, and SET NOT NULL adds it.
    duck.execute(
        "ALTER TABLE "
            + t.duckName()
            + " ADD COLUMN "
            + Duck.id(c.name())
            + " "
            + c.type().duckType());
    if (!c.nullable()) {
      duck.execute(
          "ALTER TABLE " + t.duckName() + " ALTER COLUMN " + Duck.id(c.name()) + " SET NOT NULL");
    }
    insertMetadata(t.database(), t.schema(), t.name(), c);
  }

  /** {@code evolutionRecord}: the column's new SchemaEvolutionRecord (null for a manual ALTER). */
  void dropNotNull(ObjectStore.Table t, String column, String evolutionRecord) {
    duck.execute(
        "ALTER TABLE " + t.duckName() + " ALTER COLUMN " + Duck.id(column) + " DROP NOT NULL");
    duck.update(
        "UPDATE "
            + ObjectStore.META
            + ".columns SET nullable = true, evolution_record = ? WHERE database = ?"
            + " AND schema = ? AND table_name = ? AND name = ?",
        evolutionRecord,
        t.database(),
        t.schema(),
        t.name(),
        column);
  }

  void setNotNull(ObjectStore.Table t, String column) {
    duck.execute(
        "ALTER TABLE " + t.duckName() + " ALTER COLUMN " + Duck.id(column) + " SET NOT NULL");
    duck.update(
        "UPDATE "
            + ObjectStore.META
            + ".columns SET nullable = false, evolution_record = NULL WHERE database = ?"
            + " AND schema = ? AND table_name = ? AND name = ?",
        t.database(),
        t.schema(),
        t.name(),
        column);
  }

  void drop(ObjectStore.Table t, String column) {
    duck.execute("ALTER TABLE " + t.duckName() + " DROP COLUMN " + Duck.id(column));
    duck.update(
        "DELETE FROM "
            + ObjectStore.META
            + ".columns WHERE database = ? AND schema = ?"
            + " AND table_name = ? AND name = ?",
        t.database(),
        t.schema(),
        t.name(),
        column);
  }

  /** A manual change of a column, which clears its SchemaEvolutionRecord as in Snowflake. */
  void setComment(ObjectStore.Table t, String column, String comment) {
    duck.update(
        "UPDATE "
            + ObjectStore.META
            + ".columns SET comment = ?, evolution_record = NULL WHERE database = ?"
            + " AND schema = ? AND table_name = ? AND name = ?",
        comment,
        t.database(),
        t.schema(),
        t.name(),
        column);
  }

  void insertMetadata(String database, String schema, String table, ObjectStore.Column c) {
    duck.update(
        "INSERT INTO "
            + ObjectStore.META
            + ".columns (database, schema, table_name, ordinal, name, type, nullable, comment,"
            + " evolution_record) SELECT ?, ?, ?, coalesce(max(ordinal), 0) + 1,"
            + " ?, ?, ?, ?, ? FROM "
            + ObjectStore.META
            + ".columns WHERE database = ? AND schema = ?"
            + " AND table_name = ?",
        database,
        schema,
        table,
        c.name(),
        c.type().describe(),
        c.nullable(),
        c.comment(),
        c.evolutionRecord(),
        database,
        schema,
        table);
  }
}
