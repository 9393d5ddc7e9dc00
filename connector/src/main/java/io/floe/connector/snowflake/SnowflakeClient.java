package io.floe.connector.snowflake;

import static java.util.stream.Collectors.joining;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.snowflake.client.jdbc.SnowflakeConnection;

/**
 * Every SQL statement Floe sends to Snowflake, in one place. Each call is retried on transient
 * failures by the {@link Retrier}; permanent failures become numbered {@link FloeException}s that
 * name the object involved.
 */
public final class SnowflakeClient {
  private final Connections connections;
  private final Retrier retrier;

  public SnowflakeClient(Connections connections, Retrier retrier) {
    this.connections = connections;
    this.retrier = retrier;
  }

  /** A column as DESC TABLE shows it. */
  public record Column(String name, String type, boolean nullable) {}

  /** A file on a stage: its path below the stage (no stage-name prefix) and size. */
  public record StagedObject(String path, long size) {}

  /** The table's columns, or empty when it does not exist (or is not visible to the role). */
  public Optional<List<Column>> describeTable(ObjectRef table) {
    return retrier.call(
        "describe table " + table,
        onSession(
            c -> {
              try (Statement s = c.createStatement()) {
                return describeTable(s, table);
              }
            }),
        this::classify);
  }

  /**
   * The same on a statement of the caller's session, without retries: for {@code validate()}, which
   * checks on the one session it logged in with.
   */
  public static Optional<List<Column>> describeTable(Statement s, ObjectRef table)
      throws SQLException {
    try (ResultSet rs = s.executeQuery("desc table " + table.sql())) {
      List<Column> columns = new ArrayList<>();
      while (rs.next()) {
        // DESC TABLE's columns are positional: name, type, kind, null?, …
        columns.add(new Column(rs.getString(1), rs.getString(2), "Y".equals(rs.getString(4))));
      }
      return Optional.of(columns);
    } catch (SQLException e) {
      if (Failures.isMissingObject(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public void createTable(ObjectRef table) {
    execute(
        "create table " + table,
        "create table if not exists "
            + table.sql()
            + " (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT)"
            + " comment = 'Created by Floe, the Kafka Connect sink for Snowflake'");
  }

  /**
   * A table for schematized rows: RECORD_METADATA only, with schema evolution on; the columns for
   * the fields are added as records bring them.
   */
  public void createSchematizedTable(ObjectRef table) {
    execute(
        "create table " + table,
        "create table if not exists "
            + table.sql()
            + " (RECORD_METADATA VARIANT) enable_schema_evolution = true"
            + " comment = 'Created by Floe, the Kafka Connect sink for Snowflake'");
  }

  /**
   * Adds nullable columns unless they exist (several tasks may add the same ones at once).
   *
   * @param columns each a quoted name and a type, e.g. {@code "ORDERID" NUMBER(38,0)}
   */
  public void addColumns(ObjectRef table, List<String> columns) {
    execute(
        "add columns to " + table,
        "alter table "
            + table.sql()
            + " add column "
            + columns.stream().map(c -> "if not exists " + c).collect(joining(", ")));
  }

  /** Lets the columns (quoted names) take NULL. */
  public void dropNotNull(ObjectRef table, List<String> columns) {
    execute(
        "drop not null in " + table,
        "alter table "
            + table.sql()
            + " alter "
            + columns.stream().map(c -> "column " + c + " drop not null").collect(joining(", ")));
  }

  public void createStage(ObjectRef stage, String comment) {
    execute(
        "create stage " + stage,
        "create stage if not exists " + stage.sql() + " comment = '" + quote(comment) + "'");
  }

  /** The stage's comment, or empty when no stage of that name is visible. */
  public Optional<String> stageComment(ObjectRef stage) {
    return showColumn("stages", stage, "comment");
  }

  /** The pipe's COPY definition, or empty when no pipe of that name exists. */
  public Optional<String> pipeDefinition(ObjectRef pipe) {
    return showColumn("pipes", pipe, "definition");
  }

  /**
   * Whether the table has {@code ENABLE_SCHEMA_EVOLUTION = TRUE} (SHOW TABLES shows {@code
   * enable_schema_evolution = Y}); false when the role cannot see the table in SHOW TABLES.
   */
  public boolean schemaEvolution(ObjectRef table) {
    return showColumn("tables", table, "enable_schema_evolution").filter("Y"::equals).isPresent();
  }

  /** One column of the SHOW row of the object, or empty when there is no such object. */
  private Optional<String> showColumn(String kind, ObjectRef object, String column) {
    return retrier.call(
        "look up " + object,
        onSession(
            c -> {
              String sql =
                  "show "
                      + kind
                      + " like '"
                      + quote(likeEscaped(object.name().resolved()))
                      + "' in schema "
                      + object.database().sql()
                      + "."
                      + object.schema().sql();
              try (Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                  if (object.name().resolved().equals(rs.getString("name"))) {
                    return Optional.ofNullable(rs.getString(column));
                  }
                }
                return Optional.<String>empty();
              }
            }),
        this::classify);
  }

  /** Creates the pipe unless it exists; never replaces one (that would drop its load history). */
  public void createPipe(ObjectRef pipe, String copyStatement) {
    execute(
        "create pipe " + pipe, "create pipe if not exists " + pipe.sql() + " as " + copyStatement);
  }

  /** Files under {@code prefix} on the stage, paths relative to the stage. */
  public List<StagedObject> list(Stage stage, String prefix) {
    return retrier.call(
        CallStats.Kind.LIST,
        "list " + stage + "/" + prefix,
        onSession(
            c -> {
              List<StagedObject> out = new ArrayList<>();
              try (Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery("list " + stage + "/" + prefix)) {
                while (rs.next()) {
                  out.add(new StagedObject(stage.pathOf(rs.getString(1)), rs.getLong(2)));
                }
              }
              return out;
            }),
        this::classify);
  }

  /**
   * Uploads already-gzipped bytes as {@code prefix/fileName} through the driver's stream upload: no
   * temporary file, and the same name always overwrites, so a retried upload is harmless.
   */
  public void upload(Stage stage, String prefix, String fileName, byte[] gzipped) {
    retrier.call(
        CallStats.Kind.UPLOAD,
        "upload " + prefix + "/" + fileName + " to " + stage,
        () -> {
          try {
            connections
                .get()
                .unwrap(SnowflakeConnection.class)
                .uploadStream(
                    stage.toString(), prefix, new ByteArrayInputStream(gzipped), fileName, false);
            return null;
          } catch (SQLException e) {
            connections.discard();
            throw e;
          }
        },
        (what, e) -> new FloeException(ErrorCode.FLOE_3001, what + ": " + e.getMessage(), e));
  }

  /** The file's bytes as stored (still gzipped). */
  public byte[] download(Stage stage, String path) {
    return retrier.call(
        CallStats.Kind.DOWNLOAD,
        "download " + path + " from " + stage,
        onSession(
            c -> {
              try (InputStream in =
                  c.unwrap(SnowflakeConnection.class)
                      .downloadStream(stage.toString(), path, false)) {
                return in.readAllBytes();
              }
            }),
        this::classify);
  }

  public void remove(Stage stage, String path) {
    execute("remove " + path + " from " + stage, "remove " + stage + "/" + path);
  }

  /** Runs a statement whose result does not matter (DDL, USE, REMOVE). */
  public void execute(String what, String sql) {
    retrier.call(
        what,
        onSession(
            c -> {
              try (Statement s = c.createStatement()) {
                s.execute(sql);
                return null;
              }
            }),
        this::classify);
  }

  /** Runs a query and returns its rows, each column as text (null for NULL). */
  public List<List<String>> query(String what, String sql) {
    return retrier.call(
        what,
        onSession(
            c -> {
              try (Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                  List<String> row = new ArrayList<>(n);
                  for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                  }
                  rows.add(row);
                }
                return rows;
              }
            }),
        this::classify);
  }

  /** Work on this thread's session. */
  @FunctionalInterface
  private interface SessionWork<T> {
    T run(Connection session) throws Exception;
  }

  /**
   * Runs {@code work} on this thread's session and drops the session when the failure lost it
   * ({@link Failures#isSessionLost}): a task runs for weeks, and a session Snowflake forgot (timed
   * out over an idle weekend, killed, or lost in Snowflake's restart) answers every later statement
   * the same way, so the Retrier's next attempt must log in afresh rather than fail six times on
   * it.
   */
  private <T> Retrier.Call<T> onSession(SessionWork<T> work) {
    return () -> {
      Connection session = connections.get();
      try {
        return work.run(session);
      } catch (SQLException e) {
        if (Failures.isSessionLost(e)) {
          connections.discard();
        }
        throw e;
      }
    };
  }

  private FloeException classify(String what, Exception e) {
    if (e instanceof SQLException sql) {
      if (Failures.isInsufficientPrivileges(sql)) {
        return new FloeException(ErrorCode.FLOE_2003, what + ": " + sql.getMessage(), e);
      }
      if (Failures.isLoginRefused(sql)) {
        return new FloeException(ErrorCode.FLOE_1002, sql.getMessage(), e);
      }
      if (Failures.isRoleRefused(sql)) {
        return new FloeException(ErrorCode.FLOE_1003, sql.getMessage(), e);
      }
      if (Failures.isMissingObject(sql)) {
        return new FloeException(ErrorCode.FLOE_2002, what + ": " + sql.getMessage(), e);
      }
    }
    return new FloeException(ErrorCode.FLOE_2005, what + ": " + e.getMessage(), e);
  }

  private static String quote(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }

  private static String likeEscaped(String name) {
    return name.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
  }
}
