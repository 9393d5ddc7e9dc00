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

  /** A resolved table: fully qualified name and its columns in order. */
  record TableInfo(ObjectName name, List<ColumnInfo> columns) {}

  /** {@code type} as DESC TABLE prints it: VARIANT, NUMBER(38,0), VARCHAR(16777216), … */
  record ColumnInfo(String name, String type, boolean nullable) {}
}
