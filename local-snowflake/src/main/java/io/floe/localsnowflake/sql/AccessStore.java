package io.floe.localsnowflake.sql;

import static io.floe.localsnowflake.sql.ObjectStore.META;

import io.floe.localsnowflake.core.ClockSteps;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Users, roles, role grants, object privileges and warehouses, as rows of the hidden schema. An
 * object is named by kind plus up to three parts; unused parts are stored as ''.
 */
final class AccessStore {
  /** Roles every account has; they cannot be dropped. */
  static final List<String> SYSTEM_ROLES =
      List.of("ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN", "SYSADMIN", "PUBLIC");

  private final Duck duck;

  AccessStore(Duck duck) {
    this.duck = duck;
  }

  record User(
      String name,
      String password,
      String rsaPublicKey,
      String rsaPublicKey2,
      String defaultRole,
      String defaultWarehouse,
      String defaultNamespace,
      boolean disabled,
      String comment,
      String owner,
      OffsetDateTime createdOn) {}

  record Role(String name, String owner, String comment, OffsetDateTime createdOn) {}

  record Grant(
      String privilege, String kind, String database, String schema, String name, String role) {}

  void init() {
    duck.execute(
        "CREATE TABLE IF NOT EXISTS "
            + META
            + ".users(name VARCHAR PRIMARY KEY,"
            + " password VARCHAR, rsa_public_key VARCHAR, rsa_public_key_2 VARCHAR,"
            + " default_role VARCHAR, default_warehouse VARCHAR, default_namespace VARCHAR,"
            + " disabled BOOLEAN, comment VARCHAR, owner VARCHAR, created_on TIMESTAMPTZ)");
    duck.execute(
        "CREATE TABLE IF NOT EXISTS "
            + META
            + ".roles(name VARCHAR PRIMARY KEY,"
            + " owner VARCHAR, comment VARCHAR, created_on TIMESTAMPTZ)");
    duck.execute(
        "CREATE TABLE IF NOT EXISTS "
            + META
            + ".role_grants(role VARCHAR,"
            + " grantee_kind VARCHAR, grantee VARCHAR, PRIMARY KEY(role, grantee_kind, grantee))");
    duck.execute(
        "CREATE TABLE IF NOT EXISTS "
            + META
            + ".privileges(privilege VARCHAR,"
            + " kind VARCHAR, database VARCHAR, schema VARCHAR, name VARCHAR, role VARCHAR,"
            + " PRIMARY KEY(privilege, kind, database, schema, name, role))");
    duck.execute(
        "CREATE TABLE IF NOT EXISTS "
            + META
            + ".warehouses(name VARCHAR PRIMARY KEY,"
            + " owner VARCHAR, comment VARCHAR, created_on TIMESTAMPTZ)");
    for (String role : SYSTEM_ROLES) {
      duck.update(
          "INSERT INTO "
              + META
              + ".roles SELECT ?, NULL, NULL, "
              + ClockSteps.SQL_NOW
              + " WHERE NOT EXISTS (SELECT 1 FROM "
              + META
              + ".roles WHERE name = ?)",
          role,
          role);
    }
  }

  // ---- users

  Optional<User> user(String name) {
    return query("WHERE name = ?", name).stream().findFirst();
  }

  /** Login names resolve case-insensitively. */
  Optional<User> userByLogin(String login) {
    return query("WHERE upper(name) = upper(?) ORDER BY name = ? DESC", login, login).stream()
        .findFirst();
  }

  List<User> users() {
    return query("ORDER BY name");
  }

  private List<User> query(String where, Object... params) {
    List<User> out = new ArrayList<>();
    for (Object[] r :
        duck.catalogQuery(
            "SELECT name, password, rsa_public_key, rsa_public_key_2,"
                + " default_role, default_warehouse, default_namespace, disabled, comment, owner,"
                + " created_on FROM "
                + META
                + ".users "
                + where,
            params)) {
      out.add(
          new User(
              (String) r[0],
              (String) r[1],
              (String) r[2],
              (String) r[3],
              (String) r[4],
              (String) r[5],
              (String) r[6],
              Boolean.TRUE.equals(r[7]),
              (String) r[8],
              (String) r[9],
              (OffsetDateTime) r[10]));
    }
    return out;
  }

  void createUser(String name, String owner) {
    duck.update(
        "INSERT INTO "
            + META
            + ".users (name, disabled, owner, created_on)"
            + " VALUES (?, false, ?, "
            + ClockSteps.SQL_NOW
            + ")",
        name,
        owner);
  }

  /** Sets one property column of a user (null unsets it). */
  void setUserProperty(String user, String column, Object value) {
    duck.update("UPDATE " + META + ".users SET " + column + " = ? WHERE name = ?", value, user);
  }

  void dropUser(String name) {
    duck.update("DELETE FROM " + META + ".users WHERE name = ?", name);
    duck.update(
        "DELETE FROM " + META + ".role_grants WHERE grantee_kind = 'USER'" + " AND grantee = ?",
        name);
  }

  // ---- roles

  Optional<Role> role(String name) {
    return roles().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  List<Role> roles() {
    List<Role> out = new ArrayList<>();
    for (Object[] r :
        duck.catalogQuery(
            "SELECT name, owner, comment, created_on FROM " + META + ".roles ORDER BY name")) {
      out.add(new Role((String) r[0], (String) r[1], (String) r[2], (OffsetDateTime) r[3]));
    }
    return out;
  }

  void createRole(String name, String owner, String comment) {
    duck.update(
        "INSERT INTO " + META + ".roles VALUES (?, ?, ?, " + ClockSteps.SQL_NOW + ")",
        name,
        owner,
        comment);
  }

  void dropRole(String name) {
    duck.update("DELETE FROM " + META + ".roles WHERE name = ?", name);
    duck.update(
        "DELETE FROM "
            + META
            + ".role_grants WHERE role = ?"
            + " OR (grantee_kind = 'ROLE' AND grantee = ?)",
        name,
        name);
    duck.update("DELETE FROM " + META + ".privileges WHERE role = ?", name);
  }

  /** GRANT ROLE role TO USER|ROLE grantee. */
  void grantRole(String role, String granteeKind, String grantee) {
    duck.update(
        "INSERT INTO "
            + META
            + ".role_grants SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1"
            + " FROM "
            + META
            + ".role_grants WHERE role = ? AND grantee_kind = ? AND grantee = ?)",
        role,
        granteeKind,
        grantee,
        role,
        granteeKind,
        grantee);
  }

  void revokeRole(String role, String granteeKind, String grantee) {
    duck.update(
        "DELETE FROM "
            + META
            + ".role_grants WHERE role = ? AND grantee_kind = ?"
            + " AND grantee = ?",
        role,
        granteeKind,
        grantee);
  }

  /** Roles granted directly to a user or role. */
  List<String> grantedRoles(String granteeKind, String grantee) {
    List<String> out = new ArrayList<>();
    for (Object[] r :
        duck.catalogQuery(
            "SELECT role FROM " + META + ".role_grants WHERE grantee_kind = ?" + " AND grantee = ?",
            granteeKind,
            grantee)) {
      out.add((String) r[0]);
    }
    return out;
  }

  // ---- object privileges

  void grant(Grant g) {
    duck.update(
        "INSERT INTO "
            + META
            + ".privileges SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
            + " (SELECT 1 FROM "
            + META
            + ".privileges WHERE privilege = ? AND kind = ?"
            + " AND database = ? AND schema = ? AND name = ? AND role = ?)",
        g.privilege(),
        g.kind(),
        nz(g.database()),
        nz(g.schema()),
        nz(g.name()),
        g.role(),
        g.privilege(),
        g.kind(),
        nz(g.database()),
        nz(g.schema()),
        nz(g.name()),
        g.role());
  }

  void revoke(Grant g) {
    duck.update(
        "DELETE FROM "
            + META
            + ".privileges WHERE privilege = ? AND kind = ?"
            + " AND database = ? AND schema = ? AND name = ? AND role = ?",
        g.privilege(),
        g.kind(),
        nz(g.database()),
        nz(g.schema()),
        nz(g.name()),
        g.role());
  }

  /** Privileges held on one object by any of {@code roles}. */
  List<String> privileges(
      List<String> roles, String kind, String database, String schema, String name) {
    List<String> out = new ArrayList<>();
    if (roles.isEmpty()) {
      return out;
    }
    List<Object> params = new ArrayList<>(List.of(kind, nz(database), nz(schema), nz(name)));
    params.addAll(roles);
    String marks = String.join(", ", java.util.Collections.nCopies(roles.size(), "?"));
    for (Object[] r :
        duck.catalogQuery(
            "SELECT privilege FROM "
                + META
                + ".privileges WHERE kind = ?"
                + " AND database = ? AND schema = ? AND name = ? AND role IN ("
                + marks
                + ")",
            params.toArray())) {
      out.add((String) r[0]);
    }
    return out;
  }

  /** Forgets grants on an object that was dropped, so a new one of that name starts clean. */
  void forgetObject(String kind, String database, String schema, String name) {
    duck.update(
        "DELETE FROM "
            + META
            + ".privileges WHERE kind = ? AND database = ?"
            + " AND schema = ? AND name = ?",
        kind,
        nz(database),
        nz(schema),
        nz(name));
  }

  List<Grant> grantsTo(String role) {
    List<Grant> out = new ArrayList<>();
    for (Object[] r :
        duck.catalogQuery(
            "SELECT privilege, kind, database, schema, name, role FROM "
                + META
                + ".privileges WHERE role = ? ORDER BY kind, database, schema, name",
            role)) {
      out.add(
          new Grant(
              (String) r[0],
              (String) r[1],
              (String) r[2],
              (String) r[3],
              (String) r[4],
              (String) r[5]));
    }
    return out;
  }

  // ---- warehouses

  boolean warehouseExists(String name) {
    return !duck.catalogQuery("SELECT 1 FROM " + META + ".warehouses WHERE name = ?", name)
        .isEmpty();
  }

  void createWarehouse(String name, String owner, String comment) {
    duck.update(
        "INSERT INTO " + META + ".warehouses VALUES (?, ?, ?, " + ClockSteps.SQL_NOW + ")",
        name,
        owner,
        comment);
  }

  void dropWarehouse(String name) {
    duck.update("DELETE FROM " + META + ".warehouses WHERE name = ?", name);
  }

  List<Object[]> warehouses() {
    return duck.catalogQuery(
        "SELECT name, owner, comment, created_on FROM " + META + ".warehouses ORDER BY name");
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
