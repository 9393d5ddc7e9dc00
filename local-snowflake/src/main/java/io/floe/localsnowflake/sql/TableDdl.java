package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult.Rows;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** CREATE, DROP, ALTER, DESC, SHOW and TRUNCATE of tables. */
final class TableDdl {
  static final Set<String> PROPS =
      Set.of(
          "COMMENT",
          "DATA_RETENTION_TIME_IN_DAYS",
          "MAX_DATA_EXTENSION_TIME_IN_DAYS",
          "CHANGE_TRACKING",
          "ENABLE_SCHEMA_EVOLUTION",
          "DEFAULT_DDL_COLLATION");

  private final DuckCatalog catalog;
  private final ObjectStore objects;
  private final Privileges privileges;
  private final TableAlter alter;

  TableDdl(DuckCatalog catalog) {
    this.catalog = catalog;
    this.objects = catalog.objects();
    this.privileges = catalog.privileges();
    this.alter = new TableAlter(catalog);
  }

  /** After CREATE [OR REPLACE] [TRANSIENT]: TABLE … */
  Rows create(SessionState s, TokenCursor c, boolean replace) {
    boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
    ObjectName full = c.objectName().in(s);
    if (c.accept("AS") || c.peek().is("LIKE") || c.peek().is("CLONE") || c.peek().is("USING")) {
      throw SnowflakeError.unsupported("CREATE TABLE … AS/LIKE/CLONE");
    }
    List<ObjectStore.Column> cols = columns(c);
    if (c.peek().is("CLUSTER")) {
      throw SnowflakeError.unsupported("CLUSTER BY");
    }
    Map<String, String> props = Props.parse(c, "CREATE TABLE", PROPS);
    c.expectEnd();
    // Check and create in one transaction, which holds the store's lock: a session creating the
    // same table at the same moment finds this one's table, as in Snowflake.
    return catalog.duck().transaction(conn -> create(s, full, cols, props, replace, ifNotExists));
  }

  private Rows create(
      SessionState s,
      ObjectName full,
      List<ObjectStore.Column> cols,
      Map<String, String> props,
      boolean replace,
      boolean ifNotExists) {
    catalog.requireContainers(full.database(), full.schema());
    privileges.require(
        s, "CREATE TABLE", "SCHEMA", new ObjectName(full.database(), full.schema(), null));
    Optional<ObjectStore.Table> existing =
        objects.table(full.database(), full.schema(), full.name());
    if (existing.isPresent() && ifNotExists) {
      return Rows.status(full.name() + " already exists, statement succeeded.");
    }
    if (existing.isPresent() && !replace) {
      throw SnowflakeError.alreadyExists(full.name());
    }
    if (existing.isPresent()) {
      privileges.require(s, "OWNERSHIP", "TABLE", full);
      objects.dropTable(existing.get());
      catalog.objectDropped("TABLE", full);
    } else {
      requireNoCaseClash(full);
    }
    ObjectStore.Schema schema = objects.schema(full.database(), full.schema()).orElseThrow();
    objects.createTable(
        schema,
        full.name(),
        s.role(),
        props.get("COMMENT"),
        Props.truthy(props.get("ENABLE_SCHEMA_EVOLUTION")),
        cols);
    catalog.ownerCreated(s, "TABLE", full);
    return Rows.status("Table " + full.name() + " successfully created.");
  }

  /** DuckDB names are case-insensitive: "t" and T cannot both exist in one schema. */
  private void requireNoCaseClash(ObjectName full) {
    for (ObjectStore.Table t : objects.tables(full.database(), full.schema(), null)) {
      if (t.name().equalsIgnoreCase(full.name())) {
        throw SnowflakeError.unsupported(
            "tables whose names differ only in case ('"
                + t.name()
                + "' and '"
                + full.name()
                + "')");
      }
    }
  }

  private List<ObjectStore.Column> columns(TokenCursor c) {
    c.expectSymbol("(");
    List<ObjectStore.Column> cols = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    do {
      if (c.peek().is("CONSTRAINT")
          || c.peek().is("PRIMARY")
          || c.peek().is("UNIQUE")
          || c.peek().is("FOREIGN")) {
        throw SnowflakeError.unsupported("table constraints");
      }
      ObjectStore.Column col = column(c);
      if (!seen.add(col.name().toLowerCase(Locale.ROOT))) {
        throw new SnowflakeError(
            "002025",
            "42S21",
            "SQL compilation error:\nduplicate column name '" + col.name() + "'");
      }
      cols.add(col);
    } while (c.acceptSymbol(","));
    c.expectSymbol(")");
    return cols;
  }

  /** {@code name type [NOT NULL | NULL] [COMMENT '…'] [PRIMARY KEY | UNIQUE]}. */
  static ObjectStore.Column column(TokenCursor c) {
    Token nameToken = c.peek();
    if (nameToken.kind() != Token.Kind.WORD && nameToken.kind() != Token.Kind.QUOTED) {
      throw c.unexpected();
    }
    c.next();
    SqlType type = SqlType.parse(c);
    boolean nullable = true;
    String comment = null;
    while (true) {
      if (c.accept("NOT", "NULL")) {
        nullable = false;
      } else if (c.accept("NULL")) {
        nullable = true;
      } else if (c.accept("COMMENT")) {
        c.acceptSymbol("=");
        Token t = c.next();
        if (t.kind() != Token.Kind.STRING) {
          throw io.floe.localsnowflake.core.SqlLexer.syntaxErrorAt(
              c.sql(), t.start(), "unexpected '" + t.text() + "'");
        }
        comment = t.text();
      } else if (c.accept("PRIMARY", "KEY") || c.accept("UNIQUE")) {
        // Snowflake does not enforce these either.
      } else {
        Token t = c.peek();
        if (t.is("DEFAULT")
            || t.is("AUTOINCREMENT")
            || t.is("IDENTITY")
            || t.is("COLLATE")
            || t.is("WITH")
            || t.is("MASKING")
            || t.is("AS")
            || t.is("REFERENCES")) {
          throw SnowflakeError.unsupported("column option " + t.text().toUpperCase(Locale.ROOT));
        }
        break;
      }
    }
    return new ObjectStore.Column(nameToken.identifier(), type, nullable, comment);
  }

  Rows drop(SessionState s, TokenCursor c) {
    boolean ifExists = c.accept("IF", "EXISTS");
    ObjectName written = c.objectName();
    if (!c.accept("CASCADE")) {
      c.accept("RESTRICT");
    }
    c.expectEnd();
    ObjectName full = written.in(s);
    Optional<ObjectStore.Table> t =
        catalog.databaseExists(full.database())
                && catalog.schemaExists(full.database(), full.schema())
            ? objects.table(full.database(), full.schema(), full.name())
            : Optional.empty();
    if (t.isEmpty()
        || !privileges.visible(s, "TABLE", full.database(), full.schema(), full.name())) {
      if (ifExists) {
        return Rows.status(
            "Drop statement executed successfully (" + full.name() + " already dropped).");
      }
      throw SnowflakeError.objectMissing("Table", written.toString());
    }
    privileges.require(s, "OWNERSHIP", "TABLE", full);
    catalog
        .duck()
        .transaction(
            conn -> {
              objects.dropTable(t.get());
              catalog.objectDropped("TABLE", full);
              return null;
            });
    return Rows.status(full.name() + " successfully dropped.");
  }

  /** DESC[RIBE] TABLE name: Snowflake's 12 columns, one row per column. */
  Rows describe(SessionState s, TokenCursor c) {
    ObjectName written = c.objectName();
    if (c.accept("TYPE")) {
      c.expectSymbol("=");
      c.next();
    }
    c.expectEnd();
    ObjectStore.Table t = visibleTable(catalog, s, written);
    ResultBuilder b =
        new ResultBuilder()
            .text(
                "name",
                "type",
                "kind",
                "null?",
                "default",
                "primary key",
                "unique key",
                "check",
                "expression",
                "comment",
                "policy name",
                "privacy domain");
    // As in Snowflake, only tables with schema evolution show the column (bcr-1377).
    if (t.schemaEvolution()) {
      b.text("schema evolution record");
    }
    for (ObjectStore.Column col : t.columns()) {
      List<Object> row =
          new ArrayList<>(
              Arrays.asList(
                  col.name(),
                  col.type().describe(),
                  "COLUMN",
                  col.nullable() ? "Y" : "N",
                  null,
                  "N",
                  "N",
                  null,
                  null,
                  col.comment(),
                  null,
                  null));
      if (t.schemaEvolution()) {
        row.add(col.evolutionRecord());
      }
      b.row(row.toArray());
    }
    return b.build(ResultBuilder.DESCRIBE);
  }

  /** A table the role may see (any privilege): else it "does not exist or not authorized". */
  static ObjectStore.Table visibleTable(DuckCatalog catalog, SessionState s, ObjectName written) {
    ObjectName full = written.in(s);
    catalog.requireContainers(full.database(), full.schema());
    Optional<ObjectStore.Table> t =
        catalog.objects().table(full.database(), full.schema(), full.name());
    if (t.isEmpty()
        || !catalog.privileges().visible(s, "TABLE", full.database(), full.schema(), full.name())) {
      throw SnowflakeError.objectMissing("Table", written.toString());
    }
    catalog.privileges().requireSchemaUsage(s, full.database(), full.schema());
    return t.get();
  }

  Rows show(SessionState s, TokenCursor c) {
    ShowFilter f = ShowFilter.parse(c);
    String db = null;
    String schema = null;
    if (!"ACCOUNT".equals(f.scopeKind())) {
      db = f.database() != null ? f.database() : ContainerDdl.requireDatabase(s);
      if (!"DATABASE".equals(f.scopeKind())) {
        schema = f.schema() != null ? f.schema() : s.schema();
        if (schema == null) {
          throw new SnowflakeError(
              "090106",
              "22000",
              "Cannot perform operation. This session"
                  + " does not have a current schema. Call 'USE SCHEMA', or use a qualified name.");
        }
      }
      catalog.requireContainers(db, schema);
    }
    ResultBuilder b =
        new ResultBuilder()
            .timestamp("created_on")
            .text("name", "database_name", "schema_name", "kind", "comment", "cluster_by")
            .number("rows")
            .number("bytes")
            .text(
                "owner",
                "retention_time",
                "automatic_clustering",
                "change_tracking",
                "is_external",
                "enable_schema_evolution",
                "owner_role_type",
                "is_event",
                "budget",
                "is_hybrid",
                "is_iceberg",
                "is_dynamic",
                "is_immutable");
    List<ObjectStore.Table> found = new ArrayList<>();
    for (ObjectStore.Table t : objects.tables(db, schema, null)) {
      if (f.matches(t.name())
          && privileges.visible(s, "TABLE", t.database(), t.schema(), t.name())) {
        found.add(t);
      }
    }
    for (ObjectStore.Table t : f.limit(found)) {
      long rows = objects.rowCount(t);
      b.row(
          t.createdOn(),
          t.name(),
          t.database(),
          t.schema(),
          "TABLE",
          t.comment() == null ? "" : t.comment(),
          "",
          rows,
          rows * 64,
          t.owner(),
          "1",
          "OFF",
          "OFF",
          "N",
          t.schemaEvolution() ? "Y" : "N",
          t.owner() == null ? "" : "ROLE",
          "N",
          null,
          "N",
          "N",
          "N",
          "N");
    }
    return b.build(ResultBuilder.SHOW);
  }

  Rows alter(SessionState s, TokenCursor c) {
    return alter.alter(s, c);
  }

  Rows truncate(SessionState s, TokenCursor c) {
    c.accept("TABLE");
    boolean ifExists = c.accept("IF", "EXISTS");
    ObjectName written = c.objectName();
    c.expectEnd();
    ObjectName full = written.in(s);
    if (ifExists && objects.table(full.database(), full.schema(), full.name()).isEmpty()) {
      return Rows.status("Statement executed successfully.");
    }
    ObjectStore.Table t = catalog.resolveTable(s, written, "TRUNCATE");
    catalog.lockForWrite(s, t);
    catalog.duck().execute("DELETE FROM " + t.duckName());
    return Rows.status("Statement executed successfully.");
  }
}
