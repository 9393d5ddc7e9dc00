package io.floe.connector.table;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowflakeClient.Column;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.table.schema.TableColumn;
import io.floe.connector.table.schema.TableColumns;
import io.floe.connector.table.schema.TableSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schematized table's columns, cached from DESC TABLE and described again after each change Floe
 * makes, so that the converter checks records against what the table has without a statement per
 * record. Changes are idempotent ({@code ADD COLUMN IF NOT EXISTS}, {@code DROP NOT NULL}), so
 * tasks racing to add the same column all succeed; the one that loses reads the winner's type from
 * the DESC TABLE that follows, and the converter checks its records against that. Whether the table
 * may be changed ({@code ENABLE_SCHEMA_EVOLUTION}) is read with the columns.
 */
final class EvolvingTable implements TableSchema {
  private static final Logger LOG = LoggerFactory.getLogger(EvolvingTable.class);

  /** How long a table that refused a record is trusted before it is read again. */
  static final Duration REREAD_INTERVAL = Duration.ofSeconds(10);

  private final SnowflakeClient client;
  private final ObjectRef table;
  private final Clock clock;
  private volatile TableColumns columns;
  private volatile boolean evolves;
  private Instant read;

  EvolvingTable(
      SnowflakeClient client,
      ObjectRef table,
      List<Column> described,
      boolean evolves,
      Clock clock) {
    this.client = client;
    this.table = table;
    this.clock = clock;
    this.columns = of(described);
    this.evolves = evolves;
    this.read = clock.instant();
  }

  @Override
  public String name() {
    return table.toString();
  }

  @Override
  public TableColumns columns() {
    return columns;
  }

  @Override
  public boolean evolves() {
    return evolves;
  }

  @Override
  public synchronized TableColumns reread() {
    Instant now = clock.instant();
    if (now.isBefore(read.plus(REREAD_INTERVAL))) {
      return columns;
    }
    read = now;
    columns = of(describe());
    evolves = client.schemaEvolution(table);
    return columns;
  }

  @Override
  public synchronized TableColumns evolve(
      Map<ColumnName, ColumnType> add, Set<ColumnName> dropNotNull) {
    RuntimeException failed = null;
    if (!add.isEmpty()) {
      List<String> defs = new ArrayList<>(add.size());
      add.forEach((name, type) -> defs.add(name.sql() + " " + type.sql()));
      LOG.info("Table {}: adding columns {}", table, defs);
      try {
        client.addColumns(table, defs);
      } catch (FloeException e) {
        // Another task may have added one of them under another spelling, or dropped and re-added
        // it: what counts is what the table has now.
        failed = e;
      }
    }
    if (!dropNotNull.isEmpty()) {
      LOG.info(
          "Table {}: columns {} get no value from a record; dropping NOT NULL", table, dropNotNull);
      client.dropNotNull(table, dropNotNull.stream().map(ColumnName::sql).toList());
    }
    TableColumns now = of(describe());
    columns = now;
    for (ColumnName name : add.keySet()) {
      if (now.get(name) == null) {
        throw new FloeException(
            ErrorCode.FLOE_2011,
            "Table " + table + ": column " + name.sql() + " could not be added.",
            failed);
      }
    }
    return now;
  }

  private List<Column> describe() {
    return client
        .describeTable(table)
        .orElseThrow(
            () ->
                new FloeException(
                    ErrorCode.FLOE_2011,
                    "Table " + table + " disappeared while Floe was changing or reading it."));
  }

  private static TableColumns of(List<Column> described) {
    return new TableColumns(
        described.stream().map(c -> new TableColumn(c.name(), c.type(), c.nullable())).toList());
  }
}
