package io.floe.connector.table;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowflakeClient.Column;
import io.floe.connector.table.schema.TableColumn;
import io.floe.connector.table.schema.TableSchema;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tables with one column per field (snowflake.enable.schematization): creates them with
 * RECORD_METADATA and schema evolution on, accepts an existing one only if Floe can fill it, and
 * keeps each table's {@link EvolvingTable} for the converter. Like Snowflake's connector, Floe
 * changes only tables with ENABLE_SCHEMA_EVOLUTION on; into the others it loads the records that
 * fit their columns as they are.
 */
public final class SchematizedTables {
  private static final Logger LOG = LoggerFactory.getLogger(SchematizedTables.class);
  static final String METADATA = "RECORD_METADATA";

  private final SnowflakeClient client;
  private final Clock clock;
  private final Map<ObjectRef, EvolvingTable> tables = new ConcurrentHashMap<>();

  SchematizedTables(SnowflakeClient client) {
    this(client, Clock.systemUTC());
  }

  /** With the clock that times re-reading a table that refused a record. */
  SchematizedTables(SnowflakeClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Creates the table unless it exists, then checks it. */
  void ensure(ObjectRef table) {
    Optional<List<Column>> columns = client.describeTable(table);
    if (columns.isEmpty()) {
      LOG.info("Creating table {} with RECORD_METADATA and schema evolution", table);
      client.createSchematizedTable(table);
      columns = client.describeTable(table);
      if (columns.isEmpty()) {
        throw new FloeException(
            ErrorCode.FLOE_2003, "Table " + table + " was created but the role cannot see it.");
      }
    }
    check(table, columns.get());
    boolean evolves = client.schemaEvolution(table);
    if (!evolves) {
      LOG.info(
          "Table {} has ENABLE_SCHEMA_EVOLUTION off: Floe adds no columns to it and drops no NOT"
              + " NULL; records that would need it are broken records (FLOE-4023)",
          table);
    }
    tables.putIfAbsent(table, new EvolvingTable(client, table, columns.get(), evolves, clock));
  }

  /** The table's columns; only for a table {@link #ensure} accepted. */
  TableSchema schema(ObjectRef table) {
    EvolvingTable t = tables.get(table);
    if (t == null) {
      throw new IllegalStateException("table not ensured: " + table);
    }
    return t;
  }

  /**
   * RECORD_METADATA must be VARIANT; a NOT NULL column must be of a type Floe writes (Floe fills it
   * from the field of that name, and drops NOT NULL when a record lacks the field), since no record
   * could ever fill a NOT NULL column of another type. Also what {@code validate()} checks of an
   * existing table.
   *
   * @throws FloeException FLOE-2010 naming the table and the column
   */
  public static void check(ObjectRef table, List<Column> columns) {
    boolean metadata = false;
    for (Column c : columns) {
      if (c.name().equals(METADATA)) {
        if (!c.type().toUpperCase(Locale.ROOT).startsWith("VARIANT")) {
          throw new FloeException(
              ErrorCode.FLOE_2010,
              "Table " + table + ": column " + c.name() + " is " + c.type() + ", not VARIANT.");
        }
        metadata = true;
      } else if (!c.nullable() && new TableColumn(c.name(), c.type(), false).type().isEmpty()) {
        throw new FloeException(
            ErrorCode.FLOE_2010,
            "Table "
                + table
                + ": column "
                + c.name()
                + " is "
                + c.type()
                + " NOT NULL, a type Floe never writes, so no row could be inserted.");
      }
    }
    if (!metadata) {
      throw new FloeException(
          ErrorCode.FLOE_2010, "Table " + table + " has no " + METADATA + " column.");
    }
  }
}
