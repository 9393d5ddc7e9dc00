package io.floe.localsnowflake.core;

import java.util.List;
import java.util.Optional;

/**
 * What the rest of the local Snowflake needs from the catalog (implemented by the sql package):
 * users for login, containers and tables for stages, COPY and pipes, and privilege checks.
 */
public interface Catalog {

  /** A user by login name (case-insensitive, as Snowflake resolves login names). */
  Optional<UserAccount> user(String loginName);

  /** Whether {@code role} exists and is granted to {@code user} (or is PUBLIC). */
  boolean roleGrantedTo(String user, String role);

  boolean databaseExists(String database);

  boolean schemaExists(String database, String schema);

  /**
   * Resolves a table for reading or loading: fills missing name parts from the session, fails with
   * 002003 when it does not exist and 003001 when the session's role may not {@code privilege} it
   * (e.g. "INSERT", "SELECT", "OWNERSHIP").
   */
  TableInfo table(SessionState session, ObjectName name, String privilege);

  /**
   * Inserts rows atomically (all or none). Values: {@code String} for text and for semi-structured
   * columns (VARIANT/OBJECT/ARRAY get valid JSON text, or a {@link CanonicalJson} stored as it is),
   * {@code java.math.BigDecimal} / {@code Long} / {@code Double} for numbers, {@code Boolean},
   * {@code java.time} values for dates and timestamps, or null. Returns the number of rows
   * inserted.
   */
  long insert(SessionState session, TableInfo table, List<String> columns, List<List<Object>> rows);

  /**
   * Fails with 003001 unless the session's role holds {@code privilege} on the object, e.g.
   * ("CREATE STAGE", "SCHEMA", DB.SCH), ("USAGE", "DATABASE", DB). The admin roles (ACCOUNTADMIN,
   * SYSADMIN) hold everything.
   */
  void requirePrivilege(SessionState session, String privilege, String objectType, ObjectName on);

  /**
   * Records that the session's current role owns an object it just created (e.g. a stage or pipe),
   * so that role keeps every privilege on it. Implementations without ownership ignore it.
   */
  default void ownerCreated(SessionState session, String objectType, ObjectName name) {}

  /** Forgets grants on a dropped object, so a new object of that name starts without them. */
  default void objectDropped(String objectType, ObjectName name) {}

  /**
   * When a table (fully qualified) was created: a re-created table is another table, which Snowpipe
   * Streaming's channels must tell apart. Empty when unknown or missing.
   */
  default Optional<java.time.Instant> tableCreatedOn(ObjectName table) {
    return Optional.empty();
  }

  record UserAccount(
      String name,
      String password,
      List<String> rsaPublicKeys,
      String defaultRole,
      String defaultDatabase,
      String defaultSchema,
      boolean disabled) {}

  /**
   * Evolves a table for a load with MATCH_BY_COLUMN_NAME, as Snowflake does when the table has
   * ENABLE_SCHEMA_EVOLUTION = TRUE and the loading role holds EVOLVE SCHEMA or OWNERSHIP on it: in
   * one transaction, adds the columns of {@code add} that do not exist yet (always nullable) and
   * drops NOT NULL from the columns named in {@code relax}, recording for each its
   * SchemaEvolutionRecord. Returns the table as it is afterwards; unchanged when schema evolution
   * is off (now) or the role may not evolve it.
   */
  default TableInfo evolve(
      SessionState session,
      TableInfo table,
      List<ColumnInfo> add,
      List<String> relax,
      EvolutionTrigger trigger) {
    return table;
  }

  /**
   * What made a load evolve a table, for the SchemaEvolutionRecord: {@code mode} COPY or SNOWPIPE,
   * {@code idField} queryId or pipeId and its value, when, and per column name the file that
   * brought the change.
   */
  record EvolutionTrigger(
      String mode,
      String idField,
      String id,
      java.time.Instant at,
      java.util.Map<String, String> fileOf) {}

  /**
   * A resolved table: fully qualified name, its columns in order, and whether it has
   * ENABLE_SCHEMA_EVOLUTION = TRUE.
   */
  record TableInfo(ObjectName name, List<ColumnInfo> columns, boolean schemaEvolution) {
    public TableInfo(ObjectName name, List<ColumnInfo> columns) {
      this(name, columns, false);
    }
  }

  /** {@code type} as DESC TABLE prints it: VARIANT, NUMBER(38,0), VARCHAR(16777216), … */
  record ColumnInfo(String name, String type, boolean nullable) {}
}
