package io.floe.connector;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the session's role (with the roles it inherits) may create Floe's objects in the target
 * schema. Reads SHOW GRANTS only; when grants cannot be read, it does not guess and reports
 * nothing. Deliberately lenient: any one of the privileges Floe uses is taken as a sign the role
 * was set up for it, so a working setup is never refused.
 */
final class SchemaPrivilegeCheck {
  private static final Set<String> ADMIN_ROLES = Set.of("ACCOUNTADMIN", "SYSADMIN");
  private static final Set<String> SUFFICIENT =
      Set.of("OWNERSHIP", "ALL", "CREATE TABLE", "CREATE STAGE", "CREATE PIPE");

  private SchemaPrivilegeCheck() {}

  /** A description of what is missing, or empty when the role looks fit (or cannot be read). */
  static Optional<String> missing(Statement s, String database, String schema) {
    try {
      String role = currentRole(s);
      if (role == null) {
        return Optional.empty();
      }
      Set<String> roles = effectiveRoles(s, role);
      if (roles.stream().anyMatch(ADMIN_ROLES::contains)) {
        return Optional.empty();
      }
      String schemaName = (database + "." + schema).toUpperCase(Locale.ROOT);
      // Names arrive resolved; SHOW GRANTS prints them unquoted, compared case-insensitively.
      for (String r : roles) {
        try (ResultSet rs = s.executeQuery("show grants to role " + quoted(r))) {
          while (rs.next()) {
            String privilege = rs.getString("privilege").toUpperCase(Locale.ROOT);
            String on = rs.getString("granted_on").toUpperCase(Locale.ROOT);
            String name = rs.getString("name").replace("\"", "").toUpperCase(Locale.ROOT);
            boolean onSchema = on.equals("SCHEMA") && name.equals(schemaName);
            boolean ownsDatabase =
                on.equals("DATABASE")
                    && privilege.equals("OWNERSHIP")
                    && name.equals(database.toUpperCase(Locale.ROOT));
            if ((onSchema && SUFFICIENT.contains(privilege)) || ownsDatabase) {
              return Optional.empty();
            }
          }
        }
      }
      return Optional.of(
          "Role '"
              + role
              + "' (with the roles it inherits) holds no privilege on schema "
              + schemaName
              + " that lets Floe create its table, stage and pipe. Run: GRANT"
              + " CREATE TABLE, CREATE STAGE, CREATE PIPE ON SCHEMA "
              + schemaName
              + " TO ROLE "
              + role
              + ";");
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private static String currentRole(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("select current_role()")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static Set<String> effectiveRoles(Statement s, String role) throws SQLException {
    Set<String> roles = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(role);
    while (!todo.isEmpty()) {
      String r = todo.pop();
      if (!roles.add(r)) {
        continue;
      }
      try (ResultSet rs = s.executeQuery("show grants to role " + quoted(r))) {
        while (rs.next()) {
          if ("ROLE".equalsIgnoreCase(rs.getString("granted_on"))
              && "USAGE".equalsIgnoreCase(rs.getString("privilege"))) {
            todo.add(rs.getString("name"));
          }
        }
      }
    }
    return roles;
  }

  private static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
