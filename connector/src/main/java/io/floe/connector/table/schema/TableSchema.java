package io.floe.connector.table.schema;

import java.util.Map;
import java.util.Set;

/**
 * One schematized table's columns, as the converter sees them: what the table has now and how to
 * make room for a record's fields before the record is staged, so that a staged file always fits
 * its table.
 */
public interface TableSchema {

  /** The columns as last described (cached: a DESC TABLE per change, not per record). */
  TableColumns columns();

  /**
   * Adds the missing columns (nullable, {@code IF NOT EXISTS}: another task may add the same ones
   * at once) and drops NOT NULL from the given columns, then describes the table again and returns
   * what it has, which may differ from what was asked for when another task won a race.
   */
  TableColumns evolve(Map<ColumnName, ColumnType> add, Set<ColumnName> dropNotNull);
}
