package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.SqlGrammar;
import io.floe.localsnowflake.core.StatementHandler;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.StatementResult.Rows;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The router's default handler: Snowflake SQL on databases, schemas, tables, users, roles and
 * grants, executed against DuckDB through {@link DuckCatalog}. It accepts every statement, so it
 * must come last. What it does not implement fails as unsupported when it is Snowflake SQL, and as
 * Snowflake's syntax error when it is not ({@link SqlGrammar}).
 */
public final class SqlHandler implements StatementHandler {
  private final DuckCatalog catalog;
  private final ContainerDdl containers;
  private final TableDdl tables;
  private final AccessDdl access;
  private final UserDdl users;
  private final GrantDdl grants;
  private final DmlExecutor dml;
  private final MergeExecutor merge;
  private final TransactionControl tcl;
  private final SessionParameters sessionParameters;

  public SqlHandler(DuckCatalog catalog) {
    this.catalog = catalog;
    this.containers = new ContainerDdl(catalog);
    this.tables = new TableDdl(catalog);
    this.access = new AccessDdl(catalog);
    this.users = new UserDdl(catalog);
    this.grants = new GrantDdl(catalog);
    this.dml = new DmlExecutor(catalog);
    this.merge = new MergeExecutor(catalog);
    this.tcl = new TransactionControl(catalog.duck().store().transactions());
    this.sessionParameters = new SessionParameters(tcl);
  }

  @Override
  public boolean accepts(TokenCursor statement) {
    return true;
  }

  @Override
  public StatementResult execute(SessionState session, TokenCursor c) {
    Token first = c.peek();
    String verb = first.keyword();
    if (first.isSymbol("(")) {
      verb = "SELECT";
    }
    switch (verb) {
      case "SELECT", "WITH" -> {
        return select(session, c);
      }
      case "INSERT" -> {
        c.next();
        return dml.insert(session, c);
      }
      case "UPDATE" -> {
        c.next();
        return dml.update(session, c);
      }
      case "DELETE" -> {
        c.next();
        return dml.delete(session, c);
      }
      case "TRUNCATE" -> {
        c.next();
        return tables.truncate(session, c);
      }
      case "CREATE" -> {
        c.next();
        return create(session, c);
      }
      case "DROP" -> {
        c.next();
        return drop(session, c);
      }
      case "ALTER" -> {
        c.next();
        return alter(session, c);
      }
      case "USE" -> {
        c.next();
        return use(session, c);
      }
      case "SHOW" -> {
        c.next();
        return show(session, c);
      }
      case "DESC", "DESCRIBE" -> {
        c.next();
        return describe(session, c);
      }
      case "GRANT" -> {
        c.next();
        return grants.execute(session, c, true);
      }
      case "REVOKE" -> {
        c.next();
        return grants.execute(session, c, false);
      }
      case "MERGE" -> {
        c.next();
        return merge.merge(session, c);
      }
      case "BEGIN" -> {
        c.next();
        return tcl.begin(session, c);
      }
      case "START" -> {
        c.next();
        return tcl.start(session, c);
      }
      case "COMMIT" -> {
        c.next();
        return tcl.commit(session, c);
      }
      case "ROLLBACK" -> {
        c.next();
        return tcl.rollback(session, c);
      }
      default -> throw SqlGrammar.notImplemented(c.sql(), first);
    }
  }

  private Rows select(SessionState s, TokenCursor c) {
    Ast.Query q = new QueryParser(c).query();
    c.expectEnd();
    QueryTranslator.Translated t = new QueryTranslator(s, catalog).translate(q);
    return catalog
        .duck()
        .read(
            conn -> {
              try (Statement st = conn.createStatement();
                  ResultSet rs = st.executeQuery(t.sql())) {
                return ResultEncoder.encode(rs, t.names(), t.types(), Rows.SELECT);
              }
            });
  }

  private StatementResult create(SessionState s, TokenCursor c) {
    boolean replace = c.accept("OR", "REPLACE");
    if (c.peek().is("TEMPORARY")
        || c.peek().is("TEMP")
        || c.peek().is("VOLATILE")
        || c.peek().is("LOCAL")
        || c.peek().is("GLOBAL")) {
      throw SnowflakeError.unsupported("temporary tables");
    }
    c.accept("TRANSIENT");
    Token kind = c.next();
    return switch (kind.keyword()) {
      case "DATABASE" -> containers.createDatabase(s, c, replace);
      case "SCHEMA" -> containers.createSchema(s, c, replace);
      case "TABLE" -> tables.create(s, c, replace);
      case "USER" -> users.createUser(s, c, replace);
      case "ROLE" -> access.createRole(s, c, replace);
      case "WAREHOUSE" -> access.createWarehouse(s, c, replace);
      default -> throw SqlGrammar.notImplemented(c.sql(), "CREATE", kind);
    };
  }

  private StatementResult drop(SessionState s, TokenCursor c) {
    Token kind = c.next();
    return switch (kind.keyword()) {
      case "DATABASE" -> containers.dropDatabase(s, c);
      case "SCHEMA" -> containers.dropSchema(s, c);
      case "TABLE" -> tables.drop(s, c);
      case "USER" -> users.dropUser(s, c);
      case "ROLE" -> access.dropRole(s, c);
      case "WAREHOUSE" -> access.dropWarehouse(s, c);
      default -> throw SqlGrammar.notImplemented(c.sql(), "DROP", kind);
    };
  }

  private StatementResult alter(SessionState s, TokenCursor c) {
    Token kind = c.next();
    return switch (kind.keyword()) {
      case "DATABASE", "SCHEMA" -> containers.alter(s, c, kind.keyword());
      case "TABLE" -> tables.alter(s, c);
      case "USER" -> users.alterUser(s, c);
      case "WAREHOUSE" -> {
        c.accept("IF", "EXISTS");
        c.objectName();
        yield Rows.status("Statement executed successfully.");
      }
      case "SESSION" -> sessionParameters.alter(s, c);
      default -> throw SqlGrammar.notImplemented(c.sql(), "ALTER", kind);
    };
  }

  private Rows use(SessionState s, TokenCursor c) {
    Rows result;
    if (c.accept("ROLE")) {
      result = access.useRole(s, c);
    } else if (c.accept("WAREHOUSE")) {
      result = access.useWarehouse(s, c);
    } else if (c.peek().is("SECONDARY")) {
      throw SnowflakeError.unsupported("USE SECONDARY ROLES");
    } else {
      result = containers.use(s, c);
    }
    return new Rows(result.columns(), result.rows(), ResultBuilder.USE);
  }

  private Rows show(SessionState s, TokenCursor c) {
    c.accept("TERSE");
    Token kind = c.next();
    return switch (kind.keyword()) {
      case "DATABASES" -> containers.showDatabases(s, c);
      case "SCHEMAS" -> containers.showSchemas(s, c);
      case "TABLES" -> tables.show(s, c);
      case "USERS" -> users.showUsers(s, c);
      case "ROLES" -> access.showRoles(s, c);
      case "GRANTS" -> access.showGrants(s, c);
      case "WAREHOUSES" -> access.showWarehouses(s, c);
      default -> throw SqlGrammar.notImplemented(c.sql(), "SHOW", kind);
    };
  }

  private Rows describe(SessionState s, TokenCursor c) {
    Token kind = c.next();
    return switch (kind.keyword()) {
      case "TABLE" -> tables.describe(s, c);
      case "USER" -> users.describeUser(s, c);
      default -> throw SqlGrammar.notImplemented(c.sql(), "DESCRIBE", kind);
    };
  }
}
