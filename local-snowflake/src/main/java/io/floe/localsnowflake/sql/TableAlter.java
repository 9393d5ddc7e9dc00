package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.SqlGrammar;
import io.floe.localsnowflake.core.SqlLexer;
import io.floe.localsnowflake.core.StatementResult.Rows;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ALTER TABLE: columns added, dropped and relaxed, properties set. The whole statement runs in one
 * transaction that holds the store's lock and reads the table inside it, so sessions evolving the
 * same table at once (several connector tasks adding the same column with IF NOT EXISTS) each see
 * the others' columns, as in Snowflake. A manual change of a column clears its
 * SchemaEvolutionRecord.
 */
final class TableAlter {
  private final DuckCatalog catalog;
  private final ObjectStore objects;

  TableAlter(DuckCatalog catalog) {
    this.catalog = catalog;
    this.objects = catalog.objects();
  }

  Rows alter(SessionState s, TokenCursor c) {
    boolean ifExists = c.accept("IF", "EXISTS");
    ObjectName written = c.objectName();
    ObjectName full = written.in(s);
    if (ifExists
        && (!catalog.databaseExists(full.database())
            || !catalog.schemaExists(full.database(), full.schema())
            || objects.table(full.database(), full.schema(), full.name()).isEmpty())) {
      return Rows.status("Statement executed successfully.");
    }
    TableDdl.visibleTable(catalog, s, written);
    catalog.privileges().require(s, "OWNERSHIP", "TABLE", full);
    catalog
        .duck()
        .transaction(
            conn -> {
              ObjectStore.Table current =
                  objects
                      .table(full.database(), full.schema(), full.name())
                      .orElseThrow(() -> SnowflakeError.objectMissing("Table", written.toString()));
              action(c, current);
              return null;
            });
    return Rows.status("Statement executed successfully.");
  }

  private void action(TokenCursor c, ObjectStore.Table t) {
    if (c.accept("ADD")) {
      addColumns(c, t);
    } else if (c.accept("ALTER") || c.accept("MODIFY")) {
      alterColumns(c, t);
    } else if (c.accept("DROP")) {
      c.accept("COLUMN");
      boolean ifExists = c.accept("IF", "EXISTS");
      do {
        String col = columnName(c);
        if (current(t).column(col).isEmpty()) {
          if (ifExists) {
            continue;
          }
          throw SnowflakeError.invalidIdentifier(col);
        }
        objects.columns().drop(t, col);
      } while (c.acceptSymbol(","));
      c.expectEnd();
    } else if (c.accept("SET")) {
      Map<String, String> props = Props.parse(c, "ALTER TABLE", TableDdl.PROPS);
      c.expectEnd();
      if (props.containsKey("COMMENT")) {
        objects.setComment("TABLE", t.database(), t.schema(), t.name(), props.get("COMMENT"));
      }
      if (props.containsKey("ENABLE_SCHEMA_EVOLUTION")) {
        objects.setSchemaEvolution(t, Props.truthy(props.get("ENABLE_SCHEMA_EVOLUTION")));
      }
    } else if (c.accept("UNSET")) {
      do {
        Token p = c.next();
        switch (p.text().toUpperCase(Locale.ROOT)) {
          case "COMMENT" -> objects.setComment("TABLE", t.database(), t.schema(), t.name(), null);
          case "ENABLE_SCHEMA_EVOLUTION" -> objects.setSchemaEvolution(t, false);
          default -> throw SnowflakeError.unsupported("UNSET " + p.text() + " of ALTER TABLE");
        }
      } while (c.acceptSymbol(","));
      c.expectEnd();
    } else {
      throw SqlGrammar.notImplemented(c.sql(), "ALTER TABLE", c.peek());
    }
  }

  /**
   * {@code ADD [COLUMN] [IF NOT EXISTS] c type …, [IF NOT EXISTS] c2 type …}: the incumbent
   * connector repeats IF NOT EXISTS per column.
   */
  private void addColumns(TokenCursor c, ObjectStore.Table t) {
    c.accept("COLUMN");
    boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
    do {
      boolean thisIfNotExists = c.accept("IF", "NOT", "EXISTS") || ifNotExists;
      ObjectStore.Column col = TableDdl.column(c);
      ObjectStore.Table current = current(t);
      if (current.column(col.name()).isPresent()) {
        if (thisIfNotExists) {
          continue;
        }
        throw new SnowflakeError(
            "002025",
            "42S21",
            "SQL compilation error:\ncolumn '" + col.name() + "' already exists");
      }
      Optional<ObjectStore.Column> sameButCase =
          current.columns().stream().filter(x -> x.name().equalsIgnoreCase(col.name())).findFirst();
      if (sameButCase.isPresent()) {
        throw SnowflakeError.unsupported(
            "columns whose names differ only in case ('"
                + sameButCase.get().name()
                + "' and '"
                + col.name()
                + "')");
      }
      objects.columns().add(current, col);
    } while (c.acceptSymbol(","));
    c.expectEnd();
  }

  /**
   * {@code ALTER|MODIFY [(] [COLUMN] c DROP NOT NULL | SET NOT NULL | COMMENT '…' | UNSET COMMENT,
   * … [)]}.
   */
  private void alterColumns(TokenCursor c, ObjectStore.Table t) {
    boolean parens = c.acceptSymbol("(");
    do {
      c.accept("COLUMN");
      String col = columnName(c);
      if (current(t).column(col).isEmpty()) {
        throw SnowflakeError.invalidIdentifier(col);
      }
      if (c.accept("DROP", "NOT", "NULL")) {
        objects.columns().dropNotNull(t, col, null);
      } else if (c.accept("SET", "NOT", "NULL")) {
        objects.columns().setNotNull(t, col);
      } else if (c.accept("COMMENT")) {
        Token text = c.next();
        if (text.kind() != Token.Kind.STRING) {
          throw SqlLexer.syntaxErrorAt(c.sql(), text.start(), "unexpected '" + text.text() + "'");
        }
        objects.columns().setComment(t, col, text.text());
      } else if (c.accept("UNSET", "COMMENT")) {
        objects.columns().setComment(t, col, null);
      } else {
        throw SnowflakeError.unsupported(
            "ALTER COLUMN other than DROP/SET NOT NULL and COMMENT (data type changes)");
      }
    } while (c.acceptSymbol(","));
    if (parens) {
      c.expectSymbol(")");
    }
    c.expectEnd();
  }

  private static String columnName(TokenCursor c) {
    Token t = c.peek();
    if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED) {
      throw c.unexpected();
    }
    c.next();
    return t.identifier();
  }

  /** The table as it is now, inside the statement's transaction (earlier clauses included). */
  private ObjectStore.Table current(ObjectStore.Table t) {
    return objects.table(t.database(), t.schema(), t.name()).orElseThrow();
  }
}
