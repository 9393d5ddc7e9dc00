package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Multi-statement transactions through the real driver, both ways it offers them: explicit BEGIN …
 * COMMIT/ROLLBACK statements, and setAutoCommit(false) with commit()/rollback(). The session that
 * writes sees its writes at once; another session sees them only after COMMIT, never after
 * ROLLBACK; a session closed with a transaction open has it rolled back.
 */
class TransactionDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private Connection writer;
  private Connection reader;

  @BeforeEach
  void tables() throws SQLException {
    SNOWFLAKE
        .get()
        .execute(
            "create database if not exists db",
            "create or replace table db.public.t (id number, name varchar)",
            "insert into db.public.t values (1, 'one')",
            "create or replace table db.public.applied (part number, upto number)",
            "insert into db.public.applied values (0, -1)");
    writer = SNOWFLAKE.get().connect();
    reader = SNOWFLAKE.get().connect();
    exec(writer, "use schema db.public");
    exec(reader, "use schema db.public");
  }

  @AfterEach
  void close() throws SQLException {
    writer.close();
    reader.close();
  }

  @Test
  void committedWritesBecomeVisibleToOtherSessionsOnlyAtCommit() throws SQLException {
    exec(writer, "begin transaction");
    exec(writer, "insert into t values (2, 'two')");
    exec(writer, "update t set name = 'uno' where id = 1");
    assertEquals(List.of("1|uno", "2|two"), rows(writer, "select id, name from t order by id"));
    assertEquals(List.of("1|one"), rows(reader, "select id, name from t order by id"));
    exec(writer, "commit");
    assertEquals(List.of("1|uno", "2|two"), rows(reader, "select id, name from t order by id"));
  }

  @Test
  void rolledBackWritesAreUndoneAndNeverSeen() throws SQLException {
    exec(writer, "start transaction");
    exec(writer, "delete from t");
    exec(writer, "insert into t values (3, 'three')");
    assertEquals(List.of("3|three"), rows(writer, "select id, name from t"));
    exec(writer, "rollback");
    assertEquals(List.of("1|one"), rows(writer, "select id, name from t"));
    assertEquals(List.of("1|one"), rows(reader, "select id, name from t"));
  }

  @Test
  void setAutoCommitFalseMakesCommitAndRollbackEndTheImplicitTransaction() throws SQLException {
    writer.setAutoCommit(false);
    exec(writer, "insert into t values (2, 'two')");
    assertFalse(writer.getAutoCommit());
    assertEquals(List.of("1|one"), rows(reader, "select id, name from t order by id"));
    writer.rollback();
    assertEquals(List.of("1|one"), rows(writer, "select id, name from t order by id"));

    exec(writer, "insert into t values (4, 'four')");
    writer.commit();
    assertEquals(List.of("1|one", "4|four"), rows(reader, "select id, name from t order by id"));

    exec(writer, "insert into t values (5, 'five')");
    writer.setAutoCommit(true); // commits, as JDBC says a change of mode does
    assertTrue(writer.getAutoCommit());
    assertEquals(
        List.of("1|one", "4|four", "5|five"), rows(reader, "select id, name from t order by id"));
  }

  @Test
  void aMergeAndItsBookkeepingUpdateCommitTogetherOrNotAtAll() throws SQLException {
    exec(writer, "create or replace table changes (id number, name varchar)");
    exec(writer, "insert into changes values (1, 'uno'), (2, 'two')");
    String merge =
        "merge into t using changes c on t.id = c.id"
            + " when matched then update set name = c.name"
            + " when not matched then insert (id, name) values (c.id, c.name)";

    writer.setAutoCommit(false);
    exec(writer, merge);
    exec(writer, "update applied set upto = 41 where part = 0");
    assertEquals(List.of("1|one"), rows(reader, "select id, name from t order by id"));
    assertEquals(List.of("0|-1"), rows(reader, "select part, upto from applied"));
    writer.rollback();
    assertEquals(List.of("1|one"), rows(writer, "select id, name from t order by id"));
    assertEquals(List.of("0|-1"), rows(writer, "select part, upto from applied"));

    exec(writer, merge);
    exec(writer, "update applied set upto = 41 where part = 0");
    writer.commit();
    assertEquals(List.of("1|uno", "2|two"), rows(reader, "select id, name from t order by id"));
    assertEquals(List.of("0|41"), rows(reader, "select part, upto from applied"));
  }

  @Test
  void aSessionClosedWithATransactionOpenHasItRolledBack() throws SQLException {
    Connection doomed = SNOWFLAKE.get().connect();
    exec(doomed, "begin");
    exec(doomed, "insert into db.public.t values (9, 'nine')");
    exec(doomed, "update db.public.applied set upto = 99");
    doomed.close();
    assertEquals(List.of("1|one"), rows(reader, "select id, name from t order by id"));
    assertEquals(List.of("0|-1"), rows(reader, "select part, upto from applied"));
    // Rolled back, not merely left open: the row it updated is free for others to update.
    exec(reader, "update applied set upto = 5");
    assertEquals(List.of("0|5"), rows(reader, "select part, upto from applied"));
  }

  @Test
  void ddlCommitsTheOpenTransactionFirst() throws SQLException {
    exec(writer, "begin");
    exec(writer, "insert into t values (2, 'two')");
    exec(writer, "create table other (a number)");
    exec(writer, "rollback"); // nothing left to roll back
    assertEquals(List.of("1|one", "2|two"), rows(reader, "select id, name from t order by id"));
  }

  @Test
  void aWriteToRowsAnOpenTransactionChangedWaitsForItsCommit() throws Exception {
    exec(writer, "begin");
    exec(writer, "update applied set upto = 1 where part = 0");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> blocked =
          other.submit(
              () -> {
                try (Statement s = reader.createStatement()) {
                  return s.executeUpdate("update applied set upto = upto + 10 where part = 0");
                }
              });
      assertTrue(SNOWFLAKE.get().awaitLockWaiters(1, Duration.ofSeconds(30)));
      assertFalse(blocked.isDone());
      exec(writer, "commit");
      assertEquals(1, blocked.get(30, TimeUnit.SECONDS));
    } finally {
      other.shutdownNow();
    }
    assertEquals(List.of("0|11"), rows(reader, "select part, upto from applied"));
  }

  @Test
  void withLockTimeoutZeroTheConflictingWriteFailsAtOnce() throws SQLException {
    exec(reader, "alter session set lock_timeout = 0");
    exec(writer, "begin");
    exec(writer, "update applied set upto = 1 where part = 0");
    SQLException e =
        assertThrows(SQLException.class, () -> exec(reader, "delete from applied where part = 0"));
    assertEquals(625, e.getErrorCode());
    exec(writer, "commit");
    assertEquals(List.of("0|1"), rows(reader, "select part, upto from applied"));
  }

  @Test
  void aDeadlockFailsTheStatementThatWouldCloseTheCycle() throws Exception {
    exec(writer, "begin");
    exec(writer, "update t set name = 'w' where id = 1");
    exec(reader, "begin");
    exec(reader, "update applied set upto = 7");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> waiting =
          other.submit(
              () -> {
                try (Statement s = writer.createStatement()) {
                  return s.executeUpdate("update applied set upto = 8");
                }
              });
      assertTrue(SNOWFLAKE.get().awaitLockWaiters(1, Duration.ofSeconds(30)));
      SQLException e =
          assertThrows(SQLException.class, () -> exec(reader, "delete from t where id = 1"));
      assertEquals(625, e.getErrorCode());
      exec(reader, "rollback");
      assertEquals(1, waiting.get(30, TimeUnit.SECONDS));
      exec(writer, "commit");
    } finally {
      other.shutdownNow();
    }
    assertEquals(List.of("1|w"), rows(reader, "select id, name from t"));
    assertEquals(List.of("0|8"), rows(reader, "select part, upto from applied"));
  }

  @Test
  void aStatementRejectedBeforeItRunsLeavesTheTransactionOpen() throws SQLException {
    exec(writer, "begin");
    exec(writer, "insert into t values (2, 'two')");
    SQLException e =
        assertThrows(SQLException.class, () -> exec(writer, "select * from no_such_table"));
    assertEquals(2003, e.getErrorCode());
    exec(writer, "commit");
    assertEquals(List.of("1|one", "2|two"), rows(reader, "select id, name from t order by id"));
  }

  @Test
  void aStatementFailingInsideTheStoreAbortsTheWholeTransactionLoudly() throws SQLException {
    exec(writer, "begin");
    exec(writer, "insert into t values (2, 'two')");
    assertThrows(SQLException.class, () -> exec(writer, "update t set id = 'abc'::number"));
    SQLException next =
        assertThrows(SQLException.class, () -> exec(writer, "insert into t values (3, 'x')"));
    assertEquals(2, next.getErrorCode());
    exec(writer, "rollback");
    exec(writer, "insert into t values (4, 'four')");
    assertEquals(List.of("1|one", "4|four"), rows(reader, "select id, name from t order by id"));
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getString(2));
      }
    }
    return out;
  }
}
