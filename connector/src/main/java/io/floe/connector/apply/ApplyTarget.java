package io.floe.connector.apply;

import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import java.util.List;

/**
 * A table that mirrors its source: the key fields (read from the record key, or with {@code
 * keysFromRow} from the row: {@code floe.cdc.key.fields}), the value fields (read from the row in
 * the change), how deletes land, and whether applied changes stay in the change table.
 */
public record ApplyTarget(
    ObjectRef table,
    List<Field> keys,
    List<Field> values,
    DeleteMode deleteMode,
    boolean keysFromRow,
    boolean retainChanges) {

  /** The row guard: the source position (or Kafka offset) of the change that wrote the row. */
  public static final ColumnName POSITION = new ColumnName("__FLOE_POSITION");

  /** Soft deletes set it to TRUE; upserts to FALSE. */
  public static final ColumnName DELETED = new ColumnName("__FLOE_DELETED");

  public ApplyTarget {
    keys = List.copyOf(keys);
    values = List.copyOf(values);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(table + ": a mirrored table needs at least one key field");
    }
  }

  /** Keys from the record key; applied changes deleted from the change table. */
  public ApplyTarget(ObjectRef table, List<Field> keys, List<Field> values, DeleteMode deleteMode) {
    this(table, keys, values, deleteMode, false, false);
  }

  /** A record field and the column type it loads as; the column is named as schematization does. */
  public record Field(String field, ColumnType type) {
    public ColumnName column() {
      return ColumnName.of(field);
    }
  }

  /** {@code HARD} removes the row; {@code SOFT} keeps it with {@code __FLOE_DELETED = TRUE}. */
  public enum DeleteMode {
    HARD,
    SOFT
  }
}
