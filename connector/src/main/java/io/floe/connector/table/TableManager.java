package io.floe.connector.table;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowflakeClient.Column;
import io.floe.connector.table.schema.TableSchema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a target table and Floe's stage and pipe for it exist and fit, once per table per
 * task. Creates what is missing; accepts an existing table only if Floe can load into it; never
 * drops or replaces anything a user (or an earlier run) created.
 */
public final class TableManager {
  private static final Logger LOG = LoggerFactory.getLogger(TableManager.class);
  private static final String METADATA = "RECORD_METADATA";
  private static final String CONTENT = "RECORD_CONTENT";

  private final SnowflakeClient client;
  private final String connectorName;

  /** With snowflake.enable.schematization, else null. */
  private final SchematizedTables schematized;

  private final Map<ObjectRef, TableObjects> ready = new ConcurrentHashMap<>();
  private final Set<ObjectRef> tablesOnly = ConcurrentHashMap.newKeySet();

  public TableManager(SnowflakeClient client, String connectorName) {
    this(client, connectorName, false);
  }

  /**
   * @param schematization one column per field of the record value
   *     (snowflake.enable.schematization) instead of RECORD_CONTENT
   */
  public TableManager(SnowflakeClient client, String connectorName, boolean schematization) {
    this.client = client;
    this.connectorName = connectorName;
    this.schematized = schematization ? new SchematizedTables(client) : null;
  }

  /**
   * A schematized table's columns, for checking and evolving them before a record is staged; only
   * with schematization, for a table {@link #ensure} or {@link #ensureTableOnly} prepared.
   */
  public TableSchema schema(ObjectRef table) {
    return schematized.schema(table);
  }

  /** The table's objects, created or verified on first use. */
  public TableObjects ensure(ObjectRef table) {
    TableObjects known = ready.get(table);
    if (known != null) {
      return known;
    }
    TableObjects objects = TableObjects.of(connectorName, table);
    ensureTable(table);
    ensureOwnStage(objects);
    ensurePipe(objects);
    ready.put(table, objects);
    return objects;
  }

  /**
   * The table alone, created or verified on first use: what Snowpipe Streaming needs, which loads
   * through channels rather than a stage and pipe.
   */
  public void ensureTableOnly(ObjectRef table) {
    if (!ready.containsKey(table) && tablesOnly.add(table)) {
      try {
        ensureTable(table);
      } catch (RuntimeException e) {
        tablesOnly.remove(table);
        throw e;
      }
    }
  }

  private void ensureTable(ObjectRef table) {
    if (schematized != null) {
      schematized.ensure(table);
      return;
    }
    Optional<List<Column>> columns = client.describeTable(table);
    if (columns.isEmpty()) {
      LOG.info("Creating table {} with RECORD_METADATA and RECORD_CONTENT", table);
      client.createTable(table);
      columns = client.describeTable(table);
      if (columns.isEmpty()) {
        throw new FloeException(
            ErrorCode.FLOE_2003, "Table " + table + " was created but the role cannot see it.");
      }
    }
    check(table, columns.get());
  }

  /**
   * Creates the stage unless it exists, then checks whose it is. Connectors whose names differ only
   * in case or punctuation get the same stage name; the comment written at creation names the exact
   * connector, so the second one stops here, before it reads or writes the first one's files and
   * offsets. Create-then-check also settles two such connectors starting at once: Snowflake creates
   * the stage once, and both read the winner's comment.
   */
  private void ensureOwnStage(TableObjects objects) {
    client.createStage(objects.stage(), StageOwner.comment(connectorName, objects.table()));
    Optional<String> owner = client.stageComment(objects.stage()).flatMap(StageOwner::connectorIn);
    if (owner.isPresent() && !owner.get().equals(connectorName)) {
      throw new FloeException(
          ErrorCode.FLOE_2006,
          "Stage "
              + objects.stage()
              + " (for table "
              + objects.table()
              + ") was created by Floe connector '"
              + owner.get()
              + "', not '"
              + connectorName
              + "'.");
    }
  }

  /** RECORD_METADATA and RECORD_CONTENT must be VARIANT; every other column nullable. */
  static void check(ObjectRef table, List<Column> columns) {
    boolean metadata = false;
    boolean content = false;
    for (Column c : columns) {
      String name = c.name().toUpperCase(Locale.ROOT);
      if (name.equals(METADATA) || name.equals(CONTENT)) {
        if (!c.type().toUpperCase(Locale.ROOT).startsWith("VARIANT")) {
          throw new FloeException(
              ErrorCode.FLOE_2001,
              "Table " + table + ": column " + c.name() + " is " + c.type() + ", not VARIANT.");
        }
        metadata |= name.equals(METADATA);
        content |= name.equals(CONTENT);
      } else if (!c.nullable()) {
        throw new FloeException(
            ErrorCode.FLOE_2001,
            "Table "
                + table
                + ": column "
                + c.name()
                + " is NOT NULL, so Floe's rows (which only"
                + " fill RECORD_METADATA and RECORD_CONTENT) cannot be inserted.");
      }
    }
    if (!metadata || !content) {
      throw new FloeException(
          ErrorCode.FLOE_2001,
          "Table " + table + " has no " + (metadata ? CONTENT : METADATA) + " column.");
    }
  }

  private void ensurePipe(TableObjects objects) {
    String expected =
        schematized != null ? objects.columnsCopyStatement() : objects.copyStatement();
    Optional<String> existing = client.pipeDefinition(objects.pipe());
    if (existing.isEmpty()) {
      LOG.info("Creating pipe {}: {}", objects.pipe(), expected);
      client.createPipe(objects.pipe(), expected);
      existing = client.pipeDefinition(objects.pipe());
    }
    // A concurrent task may have created it between our look and our create; that is fine as
    // long as it loads what we expect.
    if (existing.isPresent() && !sameStatement(existing.get(), expected)) {
      throw new FloeException(
          ErrorCode.FLOE_2004,
          "Pipe "
              + objects.pipe()
              + " is defined as <"
              + existing.get()
              + ">, expected <"
              + expected
              + ">.");
    }
  }

  static boolean sameStatement(String a, String b) {
    return normalize(a).equals(normalize(b));
  }

  private static String normalize(String sql) {
    return sql.replaceAll("\\s+", " ")
        .replaceAll("\\s*([(),=])\\s*", "$1")
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
