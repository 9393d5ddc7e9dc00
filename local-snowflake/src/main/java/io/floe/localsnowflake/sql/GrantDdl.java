package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult.Rows;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * GRANT and REVOKE: roles to users and roles, and privileges on the account, databases, schemas,
 * tables (also ALL TABLES IN SCHEMA), stages, pipes and warehouses to roles.
 */
final class GrantDdl {
  private final DuckCatalog catalog;
  private final AccessStore access;
  private final Privileges privileges;

  GrantDdl(DuckCatalog catalog) {
    this.catalog = catalog;
    this.access = catalog.access();
    this.privileges = catalog.privileges();
  }

  Rows execute(SessionState s, TokenCursor c, boolean grant) {
    if (c.accept("ROLE")) {
      return role(s, c, grant);
    }
    List<String> privs = new ArrayList<>();
    do {
      StringBuilder p = new StringBuilder();
      while (c.peek().kind() == Token.Kind.WORD && !c.peek().is("ON")) {
        p.append(p.length() == 0 ? "" : " ").append(c.next().text().toUpperCase(Locale.ROOT));
      }
      if (p.length() == 0) {
        throw c.unexpected();
      }
      String priv = p.toString().equals("ALL PRIVILEGES") ? "ALL" : p.toString();
      privs.add(priv);
    } while (c.acceptSymbol(","));
    c.expect("ON");
    List<AccessStore.Grant> targets = new ArrayList<>();
    String role;
    if (c.accept("ALL", "TABLES", "IN", "SCHEMA")) {
      ObjectName sc = schemaName(s, c.objectName());
      catalog.requireContainers(sc.database(), sc.schema());
      for (ObjectStore.Table t : catalog.objects().tables(sc.database(), sc.schema(), null)) {
        targets.add(new AccessStore.Grant(null, "TABLE", t.database(), t.schema(), t.name(), null));
      }
    } else if (c.peek().is("FUTURE")) {
      throw SnowflakeError.unsupported("future grants");
    } else if (c.accept("ACCOUNT")) {
      targets.add(new AccessStore.Grant(null, "ACCOUNT", null, null, null, null));
    } else {
      String kind = c.next().text().toUpperCase(Locale.ROOT);
      ObjectName n = c.objectName();
      targets.add(target(s, kind, n));
    }
    c.expect(grant ? "TO" : "FROM");
    c.expect("ROLE");
    role = c.objectName().name();
    if (grant) {
      c.accept("WITH", "GRANT", "OPTION");
      if (!c.accept("COPY", "CURRENT", "GRANTS")) {
        c.accept("REVOKE", "CURRENT", "GRANTS");
      }
    } else if (!c.accept("CASCADE")) {
      c.accept("RESTRICT");
    }
    c.expectEnd();
    if (access.role(role).isEmpty()) {
      throw SnowflakeError.containerMissing("Role", role);
    }
    String grantee = role;
    catalog
        .duck()
        .transaction(
            conn -> {
              for (AccessStore.Grant t : targets) {
                requireGrantor(s, t);
                for (String p : privs) {
                  AccessStore.Grant g =
                      new AccessStore.Grant(
                          p, t.kind(), t.database(), t.schema(), t.name(), grantee);
                  if (grant && p.equals("OWNERSHIP")) {
                    access.forgetObject(t.kind(), t.database(), t.schema(), t.name());
                  }
                  if (grant) {
                    access.grant(g);
                  } else {
                    access.revoke(g);
                  }
                }
              }
              return null;
            });
    return Rows.status("Statement executed successfully.");
  }

  private AccessStore.Grant target(SessionState s, String kind, ObjectName n) {
    switch (kind) {
      case "DATABASE" -> {
        catalog.requireContainers(n.name(), null);
        return new AccessStore.Grant(null, kind, n.name(), null, null, null);
      }
      case "SCHEMA" -> {
        ObjectName sc = schemaName(s, n);
        catalog.requireContainers(sc.database(), sc.schema());
        return new AccessStore.Grant(null, kind, sc.database(), sc.schema(), null, null);
      }
      case "TABLE" -> {
        ObjectName full = n.in(s);
        catalog.requireContainers(full.database(), full.schema());
        if (catalog.objects().table(full.database(), full.schema(), full.name()).isEmpty()) {
          throw SnowflakeError.objectMissing("Table", n.toString());
        }
        return new AccessStore.Grant(null, kind, full.database(), full.schema(), full.name(), null);
      }
      case "STAGE", "PIPE", "VIEW", "FILE" -> {
        ObjectName full = n.in(s);
        return new AccessStore.Grant(null, kind, full.database(), full.schema(), full.name(), null);
      }
      case "WAREHOUSE" -> {
        return new AccessStore.Grant(null, kind, null, null, n.name(), null);
      }
      default -> throw SnowflakeError.unsupported("grants on " + kind);
    }
  }

  private static ObjectName schemaName(SessionState s, ObjectName n) {
    String db = n.schema() != null ? n.schema() : ContainerDdl.requireDatabase(s);
    return new ObjectName(db, n.name(), null);
  }

  /** Admins may grant anything; other roles what they own. */
  private void requireGrantor(SessionState s, AccessStore.Grant t) {
    if (privileges.isObjectAdmin(s)) {
      return;
    }
    if (!privileges.holds(s, "OWNERSHIP", t.kind(), t.database(), t.schema(), t.name())) {
      String what =
          t.kind().toLowerCase(Locale.ROOT)
              + " '"
              + (t.name() != null ? t.name() : t.schema() != null ? t.schema() : t.database())
              + "'";
      throw SnowflakeError.insufficientPrivileges(what);
    }
  }

  private Rows role(SessionState s, TokenCursor c, boolean grant) {
    String role = c.objectName().name();
    c.expect(grant ? "TO" : "FROM");
    String kind;
    if (c.accept("USER")) {
      kind = "USER";
    } else {
      c.expect("ROLE");
      kind = "ROLE";
    }
    String grantee = c.objectName().name();
    c.expectEnd();
    privileges.requireUserAdmin(s, "role '" + role + "'");
    if (access.role(role).isEmpty()) {
      throw SnowflakeError.containerMissing("Role", role);
    }
    if (kind.equals("USER") ? access.user(grantee).isEmpty() : access.role(grantee).isEmpty()) {
      throw SnowflakeError.objectMissing(kind.equals("USER") ? "User" : "Role", grantee);
    }
    if (grant) {
      access.grantRole(role, kind, grantee);
    } else {
      access.revokeRole(role, kind, grantee);
    }
    return Rows.status("Statement executed successfully.");
  }
}
