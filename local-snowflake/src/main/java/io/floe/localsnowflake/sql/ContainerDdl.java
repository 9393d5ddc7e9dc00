package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult.Rows;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CREATE, DROP, ALTER, USE and SHOW of databases and schemas. */
final class ContainerDdl {
  private static final Set<String> PROPS =
      Set.of(
          "COMMENT",
          "DATA_RETENTION_TIME_IN_DAYS",
          "MAX_DATA_EXTENSION_TIME_IN_DAYS",
          "DEFAULT_DDL_COLLATION");

  private final DuckCatalog catalog;
  private final ObjectStore objects;
  private final Privileges privileges;

  ContainerDdl(DuckCatalog catalog) {
    this.catalog = catalog;
    this.objects = catalog.objects();
    this.privileges = catalog.privileges();
  }

  /** After CREATE [OR REPLACE] [TRANSIENT]: DATABASE … */
  Rows createDatabase(SessionState s, TokenCursor c, boolean replace) {
    boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
    String name = c.objectName().name();
    Map<String, String> props = Props.parse(c, "CREATE DATABASE", PROPS);
    c.expectEnd();
    privileges.requireAccount(s, "CREATE DATABASE");
    // Check and create in one transaction: it holds the store's lock, so of sessions creating
    // the same database at once one creates it and the others find it.
    if (!catalog.duck().transaction(conn -> createDatabase(s, name, props, replace, ifNotExists))) {
      return Rows.status(name + " already exists, statement succeeded.");
    }
    // Snowflake makes a new database (and its PUBLIC schema) current.
    s.database(name);
    s.schema("PUBLIC");
    return Rows.status("Database " + name + " successfully created.");
  }

  /** False when the database exists and IF NOT EXISTS was given; the caller holds a transaction. */
  private boolean createDatabase(
      SessionState s,
      String name,
      Map<String, String> props,
      boolean replace,
      boolean ifNotExists) {
    boolean exists = objects.database(name).isPresent();
    if (exists && ifNotExists) {
      return false;
    }
    if (exists && !replace) {
      throw SnowflakeError.alreadyExists(name);
    }
    if (exists) {
      dropDatabase(s, name);
    }
    objects.createDatabase(name, s.role(), props.get("COMMENT"));
    catalog.ownerCreated(s, "DATABASE", new ObjectName(name, null, null));
    objects.createSchema(name, "PUBLIC", s.role(), null);
    catalog.ownerCreated(s, "SCHEMA", new ObjectName(name, "PUBLIC", null));
    return true;
  }

  private void dropDatabase(SessionState s, String name) {
    privileges.require(s, "OWNERSHIP", "DATABASE", new ObjectName(null, null, name));
    for (ObjectStore.Schema sc : objects.schemas(name)) {
      forgetSchema(name, sc.name());
    }
    objects.dropDatabase(name);
    catalog.objectDropped("DATABASE", new ObjectName(name, null, null));
  }

  private void forgetSchema(String db, String schema) {
    for (ObjectStore.Table t : objects.tables(db, schema, null)) {
      catalog.objectDropped("TABLE", new ObjectName(db, schema, t.name()));
    }
    catalog.objectDropped("SCHEMA", new ObjectName(db, schema, null));
  }

  Rows dropDatabase(SessionState s, TokenCursor c) {
    boolean ifExists = c.accept("IF", "EXISTS");
    String name = c.objectName().name();
    if (!c.accept("CASCADE")) {
      c.accept("RESTRICT");
    }
    c.expectEnd();
    if (objects.database(name).isEmpty()) {
      if (ifExists) {
        return Rows.status("Drop statement executed successfully (" + name + " already dropped).");
      }
      throw SnowflakeError.containerMissing("Database", name);
    }
    catalog
        .duck()
        .transaction(
            conn -> {
              dropDatabase(s, name);
              return null;
            });
    if (name.equals(s.database())) {
      s.database(null);
      s.schema(null);
    }
    return Rows.status(name + " successfully dropped.");
  }

  /** After CREATE [OR REPLACE] [TRANSIENT]: SCHEMA … */
  Rows createSchema(SessionState s, TokenCursor c, boolean replace) {
    boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
    ObjectName n = c.objectName();
    c.accept("WITH", "MANAGED", "ACCESS");
    Map<String, String> props = Props.parse(c, "CREATE SCHEMA", PROPS);
    c.expectEnd();
    String db = n.schema() != null ? n.schema() : requireDatabase(s);
    String name = n.name();
    // Check and create in one transaction, as for databases.
    if (!catalog
        .duck()
        .transaction(conn -> createSchema(s, db, name, props, replace, ifNotExists))) {
      return Rows.status(name + " already exists, statement succeeded.");
    }
    s.database(db);
    s.schema(name);
    return Rows.status("Schema " + name + " successfully created.");
  }

  /** False when the schema exists and IF NOT EXISTS was given; the caller holds a transaction. */
  private boolean createSchema(
      SessionState s,
      String db,
      String name,
      Map<String, String> props,
      boolean replace,
      boolean ifNotExists) {
    catalog.requireContainers(db, null);
    privileges.require(s, "CREATE SCHEMA", "DATABASE", new ObjectName(null, null, db));
    boolean exists = objects.schema(db, name).isPresent();
    if (exists && ifNotExists) {
      return false;
    }
    if (exists && !replace) {
      throw SnowflakeError.alreadyExists(name);
    }
    if (exists) {
      privileges.require(s, "OWNERSHIP", "SCHEMA", new ObjectName(null, db, name));
      forgetSchema(db, name);
      objects.dropSchema(db, name);
    }
    objects.createSchema(db, name, s.role(), props.get("COMMENT"));
    catalog.ownerCreated(s, "SCHEMA", new ObjectName(db, name, null));
    return true;
  }

  Rows dropSchema(SessionState s, TokenCursor c) {
    boolean ifExists = c.accept("IF", "EXISTS");
    ObjectName n = c.objectName();
    if (!c.accept("CASCADE")) {
      c.accept("RESTRICT");
    }
    c.expectEnd();
    String db = n.schema() != null ? n.schema() : requireDatabase(s);
    if (objects.database(db).isEmpty() || objects.schema(db, n.name()).isEmpty()) {
      if (ifExists) {
        return Rows.status(
            "Drop statement executed successfully (" + n.name() + " already dropped).");
      }
      throw SnowflakeError.containerMissing("Schema", db + "." + n.name());
    }
    privileges.require(s, "OWNERSHIP", "SCHEMA", new ObjectName(null, db, n.name()));
    catalog
        .duck()
        .transaction(
            conn -> {
              forgetSchema(db, n.name());
              objects.dropSchema(db, n.name());
              return null;
            });
    if (db.equals(s.database()) && n.name().equals(s.schema())) {
      s.schema(null);
    }
    return Rows.status(n.name() + " successfully dropped.");
  }

  /** ALTER DATABASE|SCHEMA name SET COMMENT = '…' (other changes are unsupported). */
  Rows alter(SessionState s, TokenCursor c, String kind) {
    c.accept("IF", "EXISTS");
    ObjectName n = c.objectName();
    if (!c.accept("SET")) {
      throw SnowflakeError.unsupported("ALTER " + kind + " other than SET COMMENT");
    }
    Map<String, String> props = Props.parse(c, "ALTER " + kind, PROPS);
    c.expectEnd();
    String db =
        kind.equals("DATABASE") ? n.name() : n.schema() != null ? n.schema() : requireDatabase(s);
    String schema = kind.equals("DATABASE") ? null : n.name();
    catalog.requireContainers(db, schema);
    privileges.require(
        s,
        "OWNERSHIP",
        kind,
        kind.equals("DATABASE")
            ? new ObjectName(null, null, db)
            : new ObjectName(null, db, schema));
    if (props.containsKey("COMMENT")) {
      objects.setComment(kind, db, schema, schema == null ? db : schema, props.get("COMMENT"));
    }
    return Rows.status("Statement executed successfully.");
  }

  /** USE [DATABASE] db | USE SCHEMA [db.]schema | USE db.schema. */
  Rows use(SessionState s, TokenCursor c) {
    boolean schemaKeyword = c.accept("SCHEMA");
    boolean databaseKeyword = !schemaKeyword && c.accept("DATABASE");
    ObjectName n = c.objectName();
    c.expectEnd();
    if (databaseKeyword || (!schemaKeyword && n.schema() == null)) {
      if (n.schema() != null) {
        throw c.unexpected();
      }
      String db = n.name();
      catalog.requireContainers(db, null);
      privileges.requireDatabaseUsage(s, db);
      s.database(db);
      s.schema(objects.schema(db, "PUBLIC").isPresent() ? "PUBLIC" : null);
      return Rows.status("Statement executed successfully.");
    }
    String db = n.schema() != null ? n.schema() : requireDatabase(s);
    if (n.database() != null) {
      throw SnowflakeError.invalidIdentifier(n.toString());
    }
    catalog.requireContainers(db, n.name());
    privileges.requireSchemaUsage(s, db, n.name());
    s.database(db);
    s.schema(n.name());
    return Rows.status("Statement executed successfully.");
  }

  Rows showDatabases(SessionState s, TokenCursor c) {
    ShowFilter f = ShowFilter.parse(c);
    ResultBuilder b =
        new ResultBuilder()
            .timestamp("created_on")
            .text(
                "name",
                "is_default",
                "is_current",
                "origin",
                "owner",
                "comment",
                "options",
                "retention_time",
                "kind",
                "owner_role_type");
    List<ObjectStore.Database> dbs = new ArrayList<>();
    for (ObjectStore.Database d : objects.databases()) {
      if (f.matches(d.name()) && privileges.visible(s, "DATABASE", d.name(), null, null)) {
        dbs.add(d);
      }
    }
    for (ObjectStore.Database d : f.limit(dbs)) {
      b.row(
          d.createdOn(),
          d.name(),
          "N",
          d.name().equals(s.database()) ? "Y" : "N",
          "",
          d.owner(),
          d.comment() == null ? "" : d.comment(),
          "",
          "1",
          "STANDARD",
          d.owner() == null ? "" : "ROLE");
    }
    return b.build(ResultBuilder.SHOW);
  }

  Rows showSchemas(SessionState s, TokenCursor c) {
    ShowFilter f = ShowFilter.parse(c);
    List<String> dbs = new ArrayList<>();
    if ("ACCOUNT".equals(f.scopeKind())) {
      objects.databases().forEach(d -> dbs.add(d.name()));
    } else {
      String db =
          f.database() != null
              ? f.database()
              : f.schema() != null ? f.schema() : requireDatabase(s);
      catalog.requireContainers(db, null);
      dbs.add(db);
    }
    ResultBuilder b =
        new ResultBuilder()
            .timestamp("created_on")
            .text(
                "name",
                "is_default",
                "is_current",
                "database_name",
                "owner",
                "comment",
                "options",
                "retention_time",
                "owner_role_type");
    List<ObjectStore.Schema> found = new ArrayList<>();
    for (String db : dbs) {
      for (ObjectStore.Schema sc : objects.schemas(db)) {
        if (f.matches(sc.name()) && privileges.visible(s, "SCHEMA", db, sc.name(), null)) {
          found.add(sc);
        }
      }
    }
    for (ObjectStore.Schema sc : f.limit(found)) {
      boolean current = sc.database().equals(s.database()) && sc.name().equals(s.schema());
      b.row(
          sc.createdOn(),
          sc.name(),
          "N",
          current ? "Y" : "N",
          sc.database(),
          sc.owner(),
          sc.comment() == null ? "" : sc.comment(),
          "",
          "1",
          sc.owner() == null ? "" : "ROLE");
    }
    return b.build(ResultBuilder.SHOW);
  }

  static String requireDatabase(SessionState s) {
    if (s.database() == null) {
      throw new SnowflakeError(
          "090105",
          "22000",
          "Cannot perform operation. This session does"
              + " not have a current database. Call 'USE DATABASE', or use a qualified name.");
    }
    return s.database();
  }
}
