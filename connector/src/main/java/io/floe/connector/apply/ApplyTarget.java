package io.floe.connector.apply;

import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import java.util.List;

/**
 * A table that mirrors its source: the key fields (read from the record key), the value fields
 * (read from the row in the change) and how deletes land.
 */
public record ApplyTarget(
    ObjectRef table, List<Field> keys, List<Field> values, DeleteMode deleteMode) {

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
