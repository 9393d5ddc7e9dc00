package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The local Snowflake's catalog, kept in DuckDB next to the data (see {@link ObjectStore}): users,
 * roles and grants, databases, schemas and tables. Opening it on a file-backed {@link DuckStore}
 * finds everything created before.
 */
public final class DuckCatalog implements Catalog {
  private final Duck duck;
  private final ObjectStore objects;
  private final AccessStore access;
  private final Privileges privileges;

  public DuckCatalog(DuckStore store) {
    this.duck = new Duck(store);
    this.objects = new ObjectStore(duck);
    this.access = new AccessStore(duck);
    this.privileges = new Privileges(access);
    duck.transaction(
        c -> {
          objects.init();
          access.init();
          return null;
        });
    // Timestamps with time zone are rendered from UTC instants.
    duck.execute("SET TimeZone = 'UTC'");
    VariantMacros.install(duck);
  }

  /**
   * Creates the initial administrator (role ACCOUNTADMIN, also its default role) unless a user of
   * that name exists; an existing one gets {@code password} again. Safe to call on every start.
   */
  public void bootstrap(String user, String password) {
    duck.transaction(
        c -> {
          if (access.user(user).isEmpty()) {
            access.createUser(user, "ACCOUNTADMIN");
            access.setUserProperty(user, "default_role", "ACCOUNTADMIN");
          }
          access.setUserProperty(user, "password", password);
          access.grantRole("ACCOUNTADMIN", "USER", user);
          return null;
        });
  }

  Duck duck() {
    return duck;
  }

  ObjectStore objects() {
    return objects;
  }

  AccessStore access() {
    return access;
  }

  Privileges privileges() {
    return privileges;
  }

  @Override
  public Optional<UserAccount> user(String loginName) {
    return access.userByLogin(loginName).map(DuckCatalog::account);
  }

  private static UserAccount account(AccessStore.User u) {
    List<String> keys = new ArrayList<>();
    if (u.rsaPublicKey() != null) {
      keys.add(u.rsaPublicKey());
    }
    if (u.rsaPublicKey2() != null) {
      keys.add(u.rsaPublicKey2());
    }
    String db = null;
    String schema = null;
    if (u.defaultNamespace() != null) {
      ObjectName ns = ObjectName.parse(u.defaultNamespace());
      db = ns.schema() != null ? ns.schema() : ns.name();
      schema = ns.schema() != null ? ns.name() : null;
    }
    return new UserAccount(
        u.name(), u.password(), List.copyOf(keys), u.defaultRole(), db, schema, u.disabled());
  }

  @Override
  public boolean roleGrantedTo(String user, String role) {
    if (access.role(role).isEmpty()) {
      return false;
    }
    if (role.equals("PUBLIC")) {
      return true;
    }
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(access.grantedRoles("USER", user));
    while (!todo.isEmpty()) {
      String r = todo.pop();
      if (r.equals(role)) {
        return true;
      }
      if (seen.add(r)) {
        todo.addAll(access.grantedRoles("ROLE", r));
        if (r.equals("ACCOUNTADMIN")) {
          todo.addAll(List.of("SECURITYADMIN", "SYSADMIN"));
        } else if (r.equals("SECURITYADMIN")) {
          todo.add("USERADMIN");
        }
      }
    }
    return false;
  }

  @Override
  public boolean databaseExists(String database) {
    return objects.database(database).isPresent();
  }

  @Override
  public boolean schemaExists(String database, String schema) {
    return objects.schema(database, schema).isPresent();
  }

  @Override
  public TableInfo table(SessionState session, ObjectName name, String privilege) {
    ObjectStore.Table t = resolveTable(session, name, privilege);
    List<ColumnInfo> cols =
        t.columns().stream()
            .map(c -> new ColumnInfo(c.name(), c.type().describe(), c.nullable()))
            .collect(Collectors.toList());
    return new TableInfo(
        new ObjectName(t.database(), t.schema(), t.name()), cols, t.schemaEvolution());
  }

  @Override
  public TableInfo evolve(
      SessionState session,
      TableInfo table,
      List<ColumnInfo> add,
      List<String> relax,
      EvolutionTrigger trigger) {
    ObjectName n = table.name();
    boolean changed =
        duck.transaction(
            c -> new LoadEvolution(objects, privileges).apply(session, n, add, relax, trigger));
    return changed ? table(session, n, "INSERT") : table;
  }

  /** Finds a table and checks the session's privilege on it (and USAGE on its containers). */
  ObjectStore.Table resolveTable(SessionState session, ObjectName name, String privilege) {
    ObjectName full = name.in(session);
    requireContainers(full.database(), full.schema());
    ObjectStore.Table t =
        objects
            .table(full.database(), full.schema(), full.name())
            .orElseThrow(() -> SnowflakeError.objectMissing("Object", name.toString()));
    privileges.require(session, privilege, "TABLE", full);
    return t;
  }

  /** Snowflake's lock on a table that UPDATE, DELETE, MERGE or TRUNCATE changes. */
  void lockForWrite(SessionState session, ObjectStore.Table table) {
    duck.store().transactions().lockTable(session, table.duckName());
  }

  /** 002003/02000 for a database or schema that does not exist. */
  void requireContainers(String database, String schema) {
    if (!databaseExists(database)) {
      throw SnowflakeError.containerMissing("Database", database);
    }
    if (schema != null && !schemaExists(database, schema)) {
      throw SnowflakeError.containerMissing("Schema", database + "." + schema);
    }
  }

  @Override
  public long insert(
      SessionState session, TableInfo table, List<String> columns, List<List<Object>> rows) {
    ObjectName n = table.name();
    ObjectStore.Table t =
        objects
            .table(n.database(), n.schema(), n.name())
            .orElseThrow(() -> SnowflakeError.objectMissing("Object", n.toString()));
    List<ObjectStore.Column> targets = new ArrayList<>();
    for (String c : columns) {
      targets.add(t.column(c).orElseThrow(() -> SnowflakeError.invalidIdentifier(c)));
    }
    return duck.transaction(c -> RowInserter.insert(c, t, targets, rows));
  }

  @Override
  public void requirePrivilege(
      SessionState session, String privilege, String objectType, ObjectName on) {
    List<String> parts = Privileges.parts(on);
    switch (objectType.toUpperCase()) {
      case "ACCOUNT" -> {}
      case "DATABASE" -> requireContainers(parts.get(parts.size() - 1), null);
      case "SCHEMA" -> requireContainers(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
      default -> requireContainers(on.database(), on.schema());
    }
    privileges.require(session, privilege, objectType, on);
  }

  @Override
  public void ownerCreated(SessionState session, String objectType, ObjectName name) {
    if (session.role() != null) {
      access.grant(
          new AccessStore.Grant(
              "OWNERSHIP",
              objectType.toUpperCase(),
              name.database(),
              name.schema(),
              name.name(),
              session.role()));
    }
  }

  @Override
  public void objectDropped(String objectType, ObjectName name) {
    access.forgetObject(objectType.toUpperCase(), name.database(), name.schema(), name.name());
  }

  @Override
  public Optional<java.time.Instant> tableCreatedOn(ObjectName table) {
    return objects
        .table(table.database(), table.schema(), table.name())
        .map(t -> t.createdOn() == null ? null : t.createdOn().toInstant());
  }
}
