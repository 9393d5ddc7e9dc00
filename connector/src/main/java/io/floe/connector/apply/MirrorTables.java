package io.floe.connector.apply;

import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.TableManager;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.table.schema.TableSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The target tables that mirror their source: schematized tables (created and evolved as
 * schematization does, so RECORD_METADATA stays as their first, always empty, column) with the row
 * guard {@code __FLOE_POSITION} and, for soft deletes, {@code __FLOE_DELETED}. Prepared once per
 * table and task; shared by the task thread (which evolves a target before buffering a change) and
 * the apply thread (which reads its columns).
 */
public final class MirrorTables {
  private final TableManager tables;
  private final boolean softDeletes;
  private final Map<ObjectRef, TableSchema> ready = new ConcurrentHashMap<>();

  /**
   * @param tables a schematized {@link TableManager}, used for targets only
   */
  public MirrorTables(TableManager tables, boolean softDeletes) {
    this.tables = tables;
    this.softDeletes = softDeletes;
  }

  /** The target's columns, the table created or checked (and given Floe's columns) on first use. */
  public TableSchema ensure(ObjectRef target) {
    TableSchema known = ready.get(target);
    if (known != null) {
      return known;
    }
    synchronized (this) {
      known = ready.get(target);
      if (known != null) {
        return known;
      }
      tables.ensureTableOnly(target);
      TableSchema schema = tables.schema(target);
      Map<ColumnName, ColumnType> add = new LinkedHashMap<>();
      if (schema.columns().get(ApplyTarget.POSITION) == null) {
        add.put(ApplyTarget.POSITION, ColumnType.number(ColumnType.MAX_PRECISION, 0));
      }
      if (softDeletes && schema.columns().get(ApplyTarget.DELETED) == null) {
        add.put(ApplyTarget.DELETED, ColumnType.BOOLEAN);
      }
      if (!add.isEmpty()) {
        schema.evolve(add, Set.of());
      }
      ready.put(target, schema);
      return schema;
    }
  }

  /** Whether a row field is Floe's or Debezium's own (they start with __) and gets no column. */
  public static boolean isOwnField(String field) {
    return field.startsWith("__");
  }
}
