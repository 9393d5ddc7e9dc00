package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import java.util.Locale;
import java.util.Set;

/**
 * Who may use a stage or pipe: its owner role, the admin roles, or a role the catalog says was
 * granted the privilege. Stages and pipes are not the catalog's objects, so ownership is checked
 * here and only grants are asked of the catalog.
 */
final class Ownership {
  private static final Set<String> ADMIN_ROLES = Set.of("ACCOUNTADMIN", "SYSADMIN");

  private Ownership() {}

  static boolean isAdmin(String role) {
    return role != null && ADMIN_ROLES.contains(role.toUpperCase(Locale.ROOT));
  }

  static boolean allowed(
      Catalog catalog,
      SessionState session,
      String owner,
      String privilege,
      String objectType,
      ObjectName name) {
    String role = session.role();
    if (isAdmin(role) || (role != null && role.equals(owner))) {
      return true;
    }
    try {
      catalog.requirePrivilege(session, privilege, objectType, name);
      return true;
    } catch (SnowflakeError e) {
      return false;
    }
  }
}
