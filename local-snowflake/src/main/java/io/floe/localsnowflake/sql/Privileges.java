package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A minimal version of Snowflake's access control: a session acts with its current role plus every
 * role granted to it (transitively) and PUBLIC. ACCOUNTADMIN and SYSADMIN hold every privilege on
 * objects; other roles need grants, where OWNERSHIP and ALL imply the rest. An object the role
 * holds no privilege on at all is reported as missing ("does not exist or not authorized"), as
 * Snowflake does; a visible object lacking the privilege fails with 003001.
 */
final class Privileges {
  private static final Set<String> OBJECT_ADMINS = Set.of("ACCOUNTADMIN", "SYSADMIN");
  private static final Set<String> USER_ADMINS =
      Set.of("ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN");

  private final AccessStore access;

  Privileges(AccessStore access) {
    this.access = access;
  }

  /** The current role and all roles it inherits, including the system hierarchy and PUBLIC. */
  Set<String> effectiveRoles(SessionState session) {
    Set<String> roles = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    if (session.role() != null) {
      todo.add(session.role());
    }
    todo.add("PUBLIC");
    while (!todo.isEmpty()) {
      String r = todo.pop();
      if (!roles.add(r)) {
        continue;
      }
      switch (r) {
        case "ACCOUNTADMIN" -> {
          todo.add("SECURITYADMIN");
          todo.add("SYSADMIN");
        }
        case "SECURITYADMIN" -> todo.add("USERADMIN");
        default -> {}
      }
      todo.addAll(access.grantedRoles("ROLE", r));
    }
    return roles;
  }

  boolean isObjectAdmin(SessionState session) {
    return effectiveRoles(session).stream().anyMatch(OBJECT_ADMINS::contains);
  }

  /** Creating users and roles and granting roles: ACCOUNTADMIN, SECURITYADMIN, USERADMIN. */
  void requireUserAdmin(SessionState session, String what) {
    if (effectiveRoles(session).stream().noneMatch(USER_ADMINS::contains)) {
      throw SnowflakeError.insufficientPrivileges(what);
    }
  }

  /** Creating databases and warehouses needs an admin role or CREATE … ON ACCOUNT. */
  void requireAccount(SessionState session, String privilege) {
    if (!isObjectAdmin(session) && !holds(session, privilege, "ACCOUNT", null, null, null)) {
      throw SnowflakeError.insufficientPrivileges("account 'LOCAL'");
    }
  }

  /** Whether the role may see the object (any privilege on it). */
  boolean visible(SessionState session, String kind, String db, String schema, String name) {
    return isObjectAdmin(session)
        || !access
            .privileges(List.copyOf(effectiveRoles(session)), kind, db, schema, name)
            .isEmpty();
  }

  boolean holds(
      SessionState session, String privilege, String kind, String db, String schema, String name) {
    if (isObjectAdmin(session)) {
      return true;
    }
    List<String> held =
        access.privileges(List.copyOf(effectiveRoles(session)), kind, db, schema, name);
    String p = privilege.toUpperCase(Locale.ROOT);
    return held.contains(p) || held.contains("OWNERSHIP") || held.contains("ALL");
  }

  /** USAGE on the database and the schema, as every use of a schema object needs. */
  void requireSchemaUsage(SessionState session, String db, String schema) {
    requireDatabaseUsage(session, db);
    if (!holds(session, "USAGE", "SCHEMA", db, schema, null)) {
      throw visible(session, "SCHEMA", db, schema, null)
          ? SnowflakeError.insufficientPrivileges("schema '" + db + "." + schema + "'")
          : SnowflakeError.containerMissing("Schema", db + "." + schema);
    }
  }

  void requireDatabaseUsage(SessionState session, String db) {
    if (!holds(session, "USAGE", "DATABASE", db, null, null)) {
      throw visible(session, "DATABASE", db, null, null)
          ? SnowflakeError.insufficientPrivileges("database '" + db + "'")
          : SnowflakeError.containerMissing("Database", db);
    }
  }

  /**
   * The check behind {@code Catalog.requirePrivilege}: containers' usage first, then the privilege
   * on the object itself.
   */
  void require(SessionState session, String privilege, String kind, ObjectName on) {
    String k = kind.toUpperCase(Locale.ROOT);
    switch (k) {
      case "ACCOUNT" -> requireAccount(session, privilege);
      case "DATABASE" -> {
        String db = parts(on).get(parts(on).size() - 1);
        requireDatabaseUsage(session, db);
        if (!holds(session, privilege, k, db, null, null)) {
          throw SnowflakeError.insufficientPrivileges("database '" + db + "'");
        }
      }
      case "SCHEMA" -> {
        List<String> parts = parts(on);
        String db = parts.get(parts.size() - 2);
        String schema = parts.get(parts.size() - 1);
        requireSchemaUsage(session, db, schema);
        if (!holds(session, privilege, k, db, schema, null)) {
          throw SnowflakeError.insufficientPrivileges("schema '" + db + "." + schema + "'");
        }
      }
      default -> {
        requireSchemaUsage(session, on.database(), on.schema());
        if (!holds(session, privilege, k, on.database(), on.schema(), on.name())) {
          String label = k.toLowerCase(Locale.ROOT) + " '" + on.name() + "'";
          throw visible(session, k, on.database(), on.schema(), on.name())
              ? SnowflakeError.insufficientPrivileges(label)
              : SnowflakeError.objectMissing(
                  k.equals("TABLE") ? "Object" : capital(k), on.toString());
        }
      }
    }
  }

  /** The given parts of a name, outermost first: a schema may come as (DB, SCH, null). */
  static List<String> parts(ObjectName on) {
    List<String> parts = new java.util.ArrayList<>();
    for (String p : new String[] {on.database(), on.schema(), on.name()}) {
      if (p != null) {
        parts.add(p);
      }
    }
    return parts;
  }

  private static String capital(String kind) {
    return kind.charAt(0) + kind.substring(1).toLowerCase(Locale.ROOT);
  }
}
