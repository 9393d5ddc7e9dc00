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
 * the DESC TABLE that follows, and the converter checks its records against that.
 */
final class EvolvingTable implements TableSchema {
  private static final Logger LOG = LoggerFactory.getLogger(EvolvingTable.class);

  private final SnowflakeClient client;
  private final ObjectRef table;
  private volatile TableColumns columns;

  EvolvingTable(SnowflakeClient client, ObjectRef table, List<Column> described) {
    this.client = client;
    this.table = table;
    this.columns = of(described);
  }

  @Override
  public TableColumns columns() {
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
    TableColumns now =
        of(
            client
                .describeTable(table)
                .orElseThrow(
                    () ->
                        new FloeException(
                            ErrorCode.FLOE_2011,
                            "Table " + table + " disappeared while Floe was adding columns.")));
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

  private static TableColumns of(List<Column> described) {
    return new TableColumns(
        described.stream().map(c -> new TableColumn(c.name(), c.type(), c.nullable())).toList());
  }
}
