package io.floe.localsnowflake.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import io.floe.localsnowflake.core.Catalog.EvolutionTrigger;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import java.util.List;
import java.util.Optional;

/**
 * A load's schema evolution (Snowflake's "table schema evolution" for COPY and Snowpipe with
 * MATCH_BY_COLUMN_NAME): new nullable columns and dropped NOT NULL constraints, each with its
 * SchemaEvolutionRecord. Runs inside the caller's transaction and reads the table there, so loads
 * and sessions evolving the same table at once never add a column twice.
 */
final class LoadEvolution {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectStore objects;
  private final Privileges privileges;

  LoadEvolution(ObjectStore objects, Privileges privileges) {
    this.objects = objects;
    this.privileges = privileges;
  }

  /** Whether the table changed. */
  boolean apply(
      SessionState session,
      ObjectName name,
      List<ColumnInfo> add,
      List<String> relax,
      EvolutionTrigger trigger) {
    Optional<ObjectStore.Table> found = objects.table(name.database(), name.schema(), name.name());
    if (found.isEmpty()
        || !found.get().schemaEvolution()
        || !privileges.holds(
            session, "EVOLVE SCHEMA", "TABLE", name.database(), name.schema(), name.name())) {
      return false;
    }
    ObjectStore.Table t = found.get();
    boolean changed = false;
    for (ColumnInfo c : add) {
      ObjectStore.Table current = objects.table(t.database(), t.schema(), t.name()).orElseThrow();
      // DuckDB names are case-insensitive: a column differing only in case cannot be added.
      if (current.columns().stream().anyMatch(x -> x.name().equalsIgnoreCase(c.name()))) {
        continue;
      }
      objects
          .columns()
          .add(
              current,
              new ObjectStore.Column(
                  c.name(), SqlType.parse(c.type()), true, null, record("ADD_COLUMN", c, trigger)));
      changed = true;
    }
    for (String column : relax) {
      Optional<ObjectStore.Column> c = t.column(column);
      if (c.isPresent() && !c.get().nullable()) {
        objects
            .columns()
            .dropNotNull(
                t,
                column,
                record(
                    "DROP_NOT_NULL",
                    new ColumnInfo(column, c.get().type().describe(), true),
                    trigger));
        changed = true;
      }
    }
    return changed;
  }

  /** {@code {"evolutionType":…,"evolutionMode":…,"fileName":…,"triggeringTime":…,"queryId":…}}. */
  private static String record(String type, ColumnInfo column, EvolutionTrigger trigger) {
    ObjectNode r = JSON.createObjectNode();
    r.put("evolutionType", type);
    r.put("evolutionMode", trigger.mode());
    r.put("fileName", trigger.fileOf().get(column.name()));
    r.put("triggeringTime", trigger.at().toString());
    r.put(trigger.idField(), trigger.id());
    return r.toString();
  }
}
