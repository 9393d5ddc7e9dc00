package io.floe.connector.table.schema;

import java.util.Map;
import java.util.Set;

/**
 * One schematized table's columns, as the converter sees them: what the table has now and how to
 * make room for a record's fields before the record is staged, so that a staged file always fits
 * its table.
 */
public interface TableSchema {

  /** The table's name, for messages. */
  String name();

  /** The columns as last described (cached: a DESC TABLE per change, not per record). */
  TableColumns columns();

  /**
   * Whether Floe may change the table: it has {@code ENABLE_SCHEMA_EVOLUTION = TRUE}, as last read
   * (as Snowflake's connector, Floe evolves only such tables; those it creates have it).
   */
  boolean evolves();

  /**
   * Describes the table and reads its schema evolution switch again, so that a user's fix (a column
   * added, NOT NULL dropped, schema evolution turned on) is seen while the connector runs; at most
   * once per interval, so a stream of records the table refuses costs no statement per record.
   * Returns the columns as now known.
   */
  TableColumns reread();

  /**
   * Adds the missing columns (nullable, {@code IF NOT EXISTS}: another task may add the same ones
   * at once) and drops NOT NULL from the given columns, then describes the table again and returns
   * what it has, which may differ from what was asked for when another task won a race. Only for a
   * table that {@link #evolves}.
   */
  TableColumns evolve(Map<ColumnName, ColumnType> add, Set<ColumnName> dropNotNull);
}
