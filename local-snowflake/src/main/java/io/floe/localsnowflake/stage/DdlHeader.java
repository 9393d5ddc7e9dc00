package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.TokenCursor;

/**
 * The common head of this package's DDL: {@code CREATE [OR REPLACE] <kind> [IF NOT EXISTS] name}
 * and {@code DROP <kind> [IF EXISTS] name}, with names resolved against the session, and the status
 * rows Snowflake answers.
 */
record DdlHeader(boolean orReplace, boolean ifExistsClause, ObjectName name) {

  /** The cursor is at CREATE; {@code kind} are the words after CREATE [OR REPLACE]. */
  static DdlHeader create(SessionState session, TokenCursor c, String... kind) {
    c.expect("CREATE");
    boolean orReplace = c.accept("OR", "REPLACE");
    c.expect(kind);
    boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
    if (orReplace && ifNotExists) {
      throw new SnowflakeError(
          "002011",
          "42601",
          "SQL compilation error:\noptions 'OR REPLACE' and 'IF NOT EXISTS' are incompatible.");
    }
    return new DdlHeader(orReplace, ifNotExists, c.objectName().in(session));
  }

  /** The cursor is at DROP. */
  static DdlHeader drop(SessionState session, TokenCursor c, String... kind) {
    c.expect("DROP");
    c.expect(kind);
    boolean ifExists = c.accept("IF", "EXISTS");
    ObjectName name = c.objectName().in(session);
    c.expectEnd();
    return new DdlHeader(false, ifExists, name);
  }

  /**
   * Checks that the target schema exists and that the session's role may create {@code privilege}
   * (e.g. "CREATE STAGE") in it.
   */
  void requireCreatePrivilege(Catalog catalog, SessionState session, String privilege) {
    if (!catalog.databaseExists(name.database())) {
      throw SnowflakeError.containerMissing("Database", name.database());
    }
    if (!catalog.schemaExists(name.database(), name.schema())) {
      throw SnowflakeError.containerMissing("Schema", name.database() + "." + name.schema());
    }
    catalog.requirePrivilege(
        session, privilege, "SCHEMA", new ObjectName(null, name.database(), name.schema()));
  }

  /**
   * Tells the catalog who owns the new object, so grants on it (GRANT READ ON STAGE …) work there;
   * a replaced object's grants go with it, as in Snowflake.
   */
  void recordCreated(Catalog catalog, SessionState session, String objectType, boolean replaced) {
    if (replaced) {
      catalog.objectDropped(objectType, name);
    }
    catalog.ownerCreated(session, objectType, name);
  }

  void recordDropped(Catalog catalog, String objectType) {
    catalog.objectDropped(objectType, name);
  }

  StatementResult.Rows alreadyExists() {
    return StatementResult.Rows.status(name.name() + " already exists, statement succeeded.");
  }

  StatementResult.Rows dropped() {
    return StatementResult.Rows.status(name.name() + " successfully dropped.");
  }

  StatementResult.Rows alreadyDropped() {
    return StatementResult.Rows.status(
        "Drop statement executed successfully (" + name.name() + " already dropped).");
  }
}
