package io.floe.connector.table.schema;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table's columns by stored name, as one DESC TABLE saw them. */
public final class TableColumns {
  private final Map<String, TableColumn> byName = new LinkedHashMap<>();

  public TableColumns(List<TableColumn> columns) {
    for (TableColumn c : columns) {
      byName.put(c.name(), c);
    }
  }

  /** The column of exactly this name (Floe's pipes match names case-sensitively), or null. */
  public TableColumn get(ColumnName name) {
    return byName.get(name.name());
  }

  public Collection<TableColumn> all() {
    return byName.values();
  }
}
