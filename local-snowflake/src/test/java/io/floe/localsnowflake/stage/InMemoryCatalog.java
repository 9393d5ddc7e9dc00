package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.CanonicalJson;
import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small Catalog for this package's unit tests: tables keep inserted rows in memory, privileges
 * are explicit grants (admin roles hold everything, owners hold everything on their tables).
 */
final class InMemoryCatalog implements Catalog {
  private final Map<String, UserAccount> users = new HashMap<>();
  private final Set<String> schemas = new HashSet<>();
  private final Map<ObjectName, TableInfo> tables = new LinkedHashMap<>();
  private final Map<ObjectName, String> owners = new HashMap<>();
  private final Map<ObjectName, List<Map<String, Object>>> rows = new HashMap<>();
  private final Set<String> grants = new HashSet<>();
  private RuntimeException nextInsertFailure;

  InMemoryCatalog addUser(String name, String defaultRole) {
    return addUser(name, defaultRole, "pw", List.of());
  }

  /** {@code publicKeys}: base64 DER public keys, for key-pair login and Snowpipe's JWTs. */
  InMemoryCatalog addUser(
      String name, String defaultRole, String password, List<String> publicKeys) {
    users.put(
        name.toUpperCase(Locale.ROOT),
        new UserAccount(
            name.toUpperCase(Locale.ROOT), password, publicKeys, defaultRole, null, null, false));
    return this;
  }

  InMemoryCatalog addSchema(String database, String schema) {
    schemas.add(database + "." + schema);
    return this;
  }

  /** Adds a table owned by {@code owner}; columns are {@code "NAME TYPE"} pairs. */
  InMemoryCatalog addTable(ObjectName name, String owner, String... columns) {
    List<ColumnInfo> cols = new ArrayList<>();
    for (String c : columns) {
      String[] parts = c.split(" ", 2);
      boolean notNull = parts[1].endsWith(" NOT NULL");
      cols.add(new ColumnInfo(parts[0], parts[1].replace(" NOT NULL", ""), !notNull));
    }
    tables.put(name, new TableInfo(name, List.copyOf(cols)));
    owners.put(name, owner);
    rows.put(name, new ArrayList<>());
    return this;
  }

  void grant(String role, String privilege, String objectType, ObjectName on) {
    grants.add(key(role, privilege, objectType, on));
  }

  void failNextInsert(RuntimeException failure) {
    this.nextInsertFailure = failure;
  }

  synchronized List<Map<String, Object>> rows(ObjectName table) {
    return List.copyOf(rows.get(table));
  }

  @Override
  public Optional<UserAccount> user(String loginName) {
    return Optional.ofNullable(users.get(loginName.toUpperCase(Locale.ROOT)));
  }

  @Override
  public boolean roleGrantedTo(String user, String role) {
    return true;
  }

  @Override
  public boolean databaseExists(String database) {
    return schemas.stream().anyMatch(s -> s.startsWith(database + "."));
  }

  @Override
  public boolean schemaExists(String database, String schema) {
    return schemas.contains(database + "." + schema);
  }

  @Override
  public TableInfo table(SessionState session, ObjectName name, String privilege) {
    ObjectName full = name.in(session);
    TableInfo table = tables.get(full);
    if (table == null) {
      throw SnowflakeError.objectMissing("Table", full.toString());
    }
    if (!Ownership.isAdmin(session.role())
        && !session.role().equals(owners.get(full))
        && !grants.contains(key(session.role(), privilege, "TABLE", full))) {
      throw SnowflakeError.insufficientPrivileges("table '" + full + "'");
    }
    return table;
  }

  @Override
  public synchronized long insert(
      SessionState session, TableInfo table, List<String> columns, List<List<Object>> newRows) {
    if (nextInsertFailure != null) {
      RuntimeException failure = nextInsertFailure;
      nextInsertFailure = null;
      throw failure;
    }
    for (List<Object> row : newRows) {
      Map<String, Object> r = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        // Streamed loads hand over stored-form JSON: kept as its text, as DuckDB keeps it.
        Object v = row.get(i);
        r.put(columns.get(i), v instanceof CanonicalJson json ? json.text() : v);
      }
      rows.get(table.name()).add(r);
    }
    return newRows.size();
  }

  @Override
  public void requirePrivilege(
      SessionState session, String privilege, String objectType, ObjectName on) {
    if (!Ownership.isAdmin(session.role())
        && !grants.contains(key(session.role(), privilege, objectType, on))) {
      throw SnowflakeError.insufficientPrivileges(
          objectType.toLowerCase(Locale.ROOT) + " '" + on + "'");
    }
  }

  private static String key(String role, String privilege, String objectType, ObjectName on) {
    return role + "|" + privilege + "|" + objectType + "|" + on;
  }
}
