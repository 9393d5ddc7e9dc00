package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult.Rows;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roles, warehouses and USE ROLE / USE WAREHOUSE. Users are in {@link UserDdl}; grants in {@link
 * GrantDdl}.
 */
final class AccessDdl {
  private final DuckCatalog catalog;
  private final AccessStore access;
  private final Privileges privileges;

  AccessDdl(DuckCatalog catalog) {
    this.catalog = catalog;
    this.access = catalog.access();
    this.privileges = catalog.privileges();
  }

  Rows createRole(SessionState s, TokenCursor c, boolean replace) {
    boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
    String name = c.objectName().name();
    Map<String, String> props = Props.parse(c, "CREATE ROLE", Set.of("COMMENT"));
    c.expectEnd();
    privileges.requireUserAdmin(s, "account 'LOCAL'");
    // Check and create in one transaction (it holds the store's lock): concurrent creators of
    // one role see each other's.
    boolean created =
        catalog
            .duck()
            .transaction(
                conn -> {
                  boolean exists = access.role(name).isPresent();
                  if (exists && ifNotExists) {
                    return false;
                  }
                  if (exists && (!replace || AccessStore.SYSTEM_ROLES.contains(name))) {
                    throw SnowflakeError.alreadyExists(name);
                  }
                  if (exists) {
                    access.dropRole(name);
                  }
                  access.createRole(name, s.role(), props.get("COMMENT"));
                  return true;
                });
    if (!created) {
      return Rows.status(name + " already exists, statement succeeded.");
    }
    return Rows.status("Role " + name + " successfully created.");
  }

  Rows dropRole(SessionState s, TokenCursor c) {
    boolean ifExists = c.accept("IF", "EXISTS");
    String name = c.objectName().name();
    c.expectEnd();
    privileges.requireUserAdmin(s, "account 'LOCAL'");
    if (access.role(name).isEmpty()) {
      if (ifExists) {
        return Rows.status("Drop statement executed successfully (" + name + " already dropped).");
      }
      throw SnowflakeError.containerMissing("Role", name);
    }
    if (AccessStore.SYSTEM_ROLES.contains(name)) {
      throw SnowflakeError.insufficientPrivileges("role '" + name + "'");
    }
    access.dropRole(name);
    return Rows.status(name + " successfully dropped.");
  }

  Rows showRoles(SessionState s, TokenCursor c) {
    ShowFilter f = ShowFilter.parse(c);
    ResultBuilder b =
        new ResultBuilder()
            .timestamp("created_on")
            .text("name", "is_default", "is_current", "is_inherited")
            .number("assigned_to_users")
            .number("granted_to_roles")
            .number("granted_roles")
            .text("owner", "comment");
    List<AccessStore.Role> roles = new ArrayList<>();
    for (AccessStore.Role r : access.roles()) {
      if (f.matches(r.name())) {
        roles.add(r);
      }
    }
    for (AccessStore.Role r : f.limit(roles)) {
      b.row(
          r.createdOn(),
          r.name(),
          "N",
          r.name().equals(s.role()) ? "Y" : "N",
          "N",
          0,
          0,
          access.grantedRoles("ROLE", r.name()).size(),
          r.owner() == null ? "" : r.owner(),
          r.comment() == null ? "" : r.comment());
    }
    return b.build(ResultBuilder.SHOW);
  }

  /**
   * SHOW GRANTS TO ROLE r (its object privileges and the roles granted to it) and SHOW GRANTS TO
   * USER u (the roles granted to the user), with Snowflake's columns.
   */
  Rows showGrants(SessionState s, TokenCursor c) {
    c.expect("TO");
    boolean toUser = c.accept("USER");
    if (!toUser) {
      c.expect("ROLE");
    }
    String grantee = c.objectName().name();
    c.expectEnd();
    ResultBuilder b =
        new ResultBuilder()
            .timestamp("created_on")
            .text(
                "privilege",
                "granted_on",
                "name",
                "granted_to",
                "grantee_name",
                "grant_option",
                "granted_by");
    java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
    if (toUser) {
      for (String role : access.grantedRoles("USER", grantee)) {
        b.row(now, "USAGE", "ROLE", role, "USER", grantee, "false", "");
      }
      return b.build(ResultBuilder.SHOW);
    }
    if (access.role(grantee).isEmpty()) {
      throw SnowflakeError.containerMissing("Role", grantee);
    }
    for (String role : access.grantedRoles("ROLE", grantee)) {
      b.row(now, "USAGE", "ROLE", role, "ROLE", grantee, "false", "");
    }
    for (AccessStore.Grant g : access.grantsTo(grantee)) {
      StringBuilder name = new StringBuilder();
      for (String part : new String[] {g.database(), g.schema(), g.name()}) {
        if (part != null && !part.isEmpty()) {
          name.append(name.length() == 0 ? "" : ".").append(part);
        }
      }
      b.row(now, g.privilege(), g.kind(), name.toString(), "ROLE", grantee, "false", "");
    }
    return b.build(ResultBuilder.SHOW);
  }

  Rows useRole(SessionState s, TokenCursor c) {
    String name = c.objectName().name();
    c.expectEnd();
    if (access.role(name).isEmpty()) {
      throw SnowflakeError.containerMissing("Role", name);
    }
    if (!catalog.roleGrantedTo(s.user(), name)) {
      throw new SnowflakeError(
          "003013",
          "42501",
          "SQL access control error:\nRequested role '"
              + name
              + "' is not assigned to the executing user. Specify another role to activate.");
    }
    s.role(name);
    return Rows.status("Statement executed successfully.");
  }

  // ---- warehouses: names only; queries run on DuckDB whatever the warehouse.

  Rows createWarehouse(SessionState s, TokenCursor c, boolean replace) {
    boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
    String name = c.objectName().name();
    c.accept("WITH");
    Map<String, String> props = Props.parse(c, "CREATE WAREHOUSE", null);
    c.expectEnd();
    privileges.requireAccount(s, "CREATE WAREHOUSE");
    boolean created =
        catalog
            .duck()
            .transaction(
                conn -> {
                  boolean exists = access.warehouseExists(name);
                  if (exists && ifNotExists) {
                    return false;
                  }
                  if (exists && !replace) {
                    throw SnowflakeError.alreadyExists(name);
                  }
                  if (exists) {
                    access.dropWarehouse(name);
                  }
                  access.createWarehouse(name, s.role(), props.get("COMMENT"));
                  return true;
                });
    if (!created) {
      return Rows.status(name + " already exists, statement succeeded.");
    }
    s.warehouse(name);
    return Rows.status("Warehouse " + name + " successfully created.");
  }

  Rows dropWarehouse(SessionState s, TokenCursor c) {
    boolean ifExists = c.accept("IF", "EXISTS");
    String name = c.objectName().name();
    c.expectEnd();
    privileges.requireAccount(s, "CREATE WAREHOUSE");
    if (!access.warehouseExists(name)) {
      if (ifExists) {
        return Rows.status("Drop statement executed successfully (" + name + " already dropped).");
      }
      throw SnowflakeError.objectMissing("Warehouse", name);
    }
    access.dropWarehouse(name);
    return Rows.status(name + " successfully dropped.");
  }

  Rows useWarehouse(SessionState s, TokenCursor c) {
    String name = c.objectName().name();
    c.expectEnd();
    s.warehouse(name);
    return Rows.status("Statement executed successfully.");
  }

  Rows showWarehouses(SessionState s, TokenCursor c) {
    ShowFilter f = ShowFilter.parse(c);
    ResultBuilder b =
        new ResultBuilder()
            .text("name", "state", "type", "size", "is_default", "is_current", "owner", "comment")
            .timestamp("created_on");
    for (Object[] w : access.warehouses()) {
      String name = (String) w[0];
      if (f.matches(name)) {
        b.row(
            name,
            "STARTED",
            "STANDARD",
            "X-Small",
            "N",
            name.equals(s.warehouse()) ? "Y" : "N",
            w[1],
            w[2] == null ? "" : w[2],
            w[3]);
      }
    }
    return b.build(ResultBuilder.SHOW);
  }
}
