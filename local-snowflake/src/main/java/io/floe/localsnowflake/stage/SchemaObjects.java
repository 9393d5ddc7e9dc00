package io.floe.localsnowflake.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.ObjectName;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Definitions of the schema-level objects this package owns (stages, file formats, pipes), kept in
 * the hidden metadata schema. Each definition gets a fresh id, so a replaced object is a new
 * object: a recreated pipe does not inherit the old one's load history.
 */
final class SchemaObjects {
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Kind {
    STAGE,
    FILE_FORMAT,
    PIPE
  }

  /** One definition; {@code body} holds kind-specific properties (options text, COPY text, …). */
  record Entry(
      long id,
      Kind kind,
      ObjectName name,
      String owner,
      String comment,
      Map<String, String> body,
      Instant createdOn) {}

  private final DuckStore store;
  private final MetadataTables tables;

  SchemaObjects(DuckStore store, MetadataTables tables) {
    this.store = store;
    this.tables = tables;
  }

  /**
   * Runs a check-and-change (find, then put or remove, and the stage files that go with it) as one
   * step: it holds the store's lock, which every reader and writer of definitions takes, so a
   * session creating the same object at the same moment sees this one's.
   */
  <T> T atomically(Supplier<T> work) {
    return store.withConnection(c -> work.get());
  }

  Optional<Entry> find(Kind kind, ObjectName name) {
    List<Entry> found =
        query(
            "kind = ? AND database_name = ? AND schema_name = ? AND name = ?",
            kind.name(),
            name.database(),
            name.schema(),
            name.name());
    return found.stream().findFirst();
  }

  Optional<Entry> findById(long id) {
    return query("id = ?", id).stream().findFirst();
  }

  /** Objects of a kind, optionally restricted to a database and schema (null = any). */
  List<Entry> list(Kind kind, String database, String schema) {
    StringBuilder where = new StringBuilder("kind = ?");
    List<Object> args = new ArrayList<>(List.of(kind.name()));
    if (database != null) {
      where.append(" AND database_name = ?");
      args.add(database);
    }
    if (schema != null) {
      where.append(" AND schema_name = ?");
      args.add(schema);
    }
    return query(where.toString(), args.toArray());
  }

  /** Stores a new definition, replacing any of the same kind and name. */
  Entry put(
      Kind kind,
      ObjectName name,
      String owner,
      String comment,
      Map<String, String> body,
      Instant now) {
    Instant created = now.truncatedTo(ChronoUnit.MICROS);
    return store.withConnection(
        c -> {
          delete(c, kind, name);
          long id =
              DuckStore.queryLong(c, "SELECT coalesce(max(id), 0) + 1 FROM " + tables.objects());
          DuckStore.update(
              c,
              "INSERT INTO " + tables.objects() + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
              id,
              kind.name(),
              name.database(),
              name.schema(),
              name.name(),
              owner,
              comment,
              toJson(body),
              ChronoUnit.MICROS.between(Instant.EPOCH, created));
          return new Entry(id, kind, name, owner, comment, Map.copyOf(body), created);
        });
  }

  /** Removes the definition; returns whether there was one. */
  boolean remove(Kind kind, ObjectName name) {
    return store.withConnection(c -> delete(c, kind, name));
  }

  private boolean delete(java.sql.Connection c, Kind kind, ObjectName name) throws SQLException {
    return DuckStore.update(
            c,
            "DELETE FROM "
                + tables.objects()
                + " WHERE kind = ? AND database_name = ? AND schema_name = ? AND name = ?",
            kind.name(),
            name.database(),
            name.schema(),
            name.name())
        > 0;
  }

  private List<Entry> query(String where, Object... args) {
    return store.withConnection(
        c ->
            DuckStore.query(
                c,
                "SELECT id, kind, database_name, schema_name, name, owner, comment, body,"
                    + " created_on FROM "
                    + tables.objects()
                    + " WHERE "
                    + where
                    + " ORDER BY database_name, schema_name, name",
                rs ->
                    new Entry(
                        rs.getLong(1),
                        Kind.valueOf(rs.getString(2)),
                        new ObjectName(rs.getString(3), rs.getString(4), rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        fromJson(rs.getString(8)),
                        Instant.EPOCH.plus(rs.getLong(9), ChronoUnit.MICROS)),
                args));
  }

  private static String toJson(Map<String, String> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> fromJson(String text) {
    if (text == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt object definition: " + text, e);
    }
  }
}
