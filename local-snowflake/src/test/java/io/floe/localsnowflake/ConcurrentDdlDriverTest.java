package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floe.localsnowflake.driver.StageStreams;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several connector tasks start at once and each creates the objects it needs: N JDBC sessions send
 * the same DDL at the same moment, in the shapes Floe and the incumbent connector send it.
 * Snowflake answers IF NOT EXISTS with success for every session, plain CREATE with one success and
 * "already exists" for the rest, and OR REPLACE with success for all; one object remains.
 */
class ConcurrentDdlDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final int SESSIONS = 8;
  private static final int ROUNDS = 12;
  private static final String FLOE_COMMENT =
      "Created by Floe, the Kafka Connect sink for Snowflake";

  private static final List<Connection> sessions = new ArrayList<>();
  private static ExecutorService pool;

  @BeforeAll
  static void connect() throws SQLException {
    SNOWFLAKE.get().execute("create database db");
    for (int i = 0; i < SESSIONS; i++) {
      sessions.add(SNOWFLAKE.get().connect());
    }
    pool = Executors.newFixedThreadPool(SESSIONS);
  }

  @AfterAll
  static void close() throws SQLException {
    pool.shutdownNow();
    for (Connection c : sessions) {
      c.close();
    }
  }

  /** One session's answer: the status text, or the error. */
  private record Outcome(String status, SQLException error) {}

  @FunctionalInterface
  private interface Work {
    String run(Connection c, int session) throws SQLException;
  }

  @Test
  void ifNotExistsSucceedsForEverySession() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String schema = "DB.S" + round;
      String table = schema + ".T";
      String stage = schema + ".ST";
      String pipe = schema + ".P";
      String copy =
          "copy into "
              + table
              + "(RECORD_METADATA, RECORD_CONTENT) from (select $1:meta, $1:content from @"
              + stage
              + " t) file_format = (type = 'json')";

      expectOneCreated(race(sql("create schema if not exists " + schema)), "Schema S" + round);
      expectOneCreated(
          race(
              sql(
                  "create table if not exists "
                      + table
                      + " (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT) comment = '"
                      + FLOE_COMMENT
                      + "'")),
          "Table T");
      expectOneCreated(
          race(sql("create stage if not exists " + stage + " comment = 'x'")), "Stage area ST");
      expectOneCreated(race(sql("create pipe if not exists " + pipe + " as " + copy)), "Pipe P");
      // The incumbent connector binds the names, in the case the user wrote them.
      String lower = schema.toLowerCase() + ".kafka_t";
      expectOneCreated(
          race(
              bound(
                  "create table if not exists identifier(?) (record_metadata variant,"
                      + " record_content variant)",
                  lower)),
          "Table KAFKA_T");
      expectOneCreated(
          race(bound("create stage if not exists identifier(?)", schema + ".kafka_stage")),
          "Stage area KAFKA_STAGE");
      expectOneCreated(
          race(bound("create pipe if not exists identifier(?) as " + copy, schema + ".kafka_pipe")),
          "Pipe KAFKA_PIPE");

      assertEquals(List.of("KAFKA_T", "T"), names("show tables in schema " + schema));
      assertEquals(List.of("KAFKA_STAGE", "ST"), names("show stages in schema " + schema));
      assertEquals(List.of("KAFKA_PIPE", "P"), names("show pipes in schema " + schema));
    }
    List<Outcome> databases = race(sql("create database if not exists db2"));
    expectOneCreated(databases, "Database DB2");
  }

  @Test
  void plainCreateSucceedsOnceAndTheOthersAlreadyExist() throws Exception {
    SNOWFLAKE.get().execute("create schema db.plain", "create stage db.plain.src");
    for (int round = 0; round < ROUNDS; round++) {
      String prefix = "DB.PLAIN.R" + round;
      expectOneWinner(race(sql("create table " + prefix + "_T (v variant)")));
      expectOneWinner(race(sql("create stage " + prefix + "_ST")));
      expectOneWinner(
          race(
              sql(
                  "create pipe "
                      + prefix
                      + "_P as copy into "
                      + prefix
                      + "_T from @db.plain.src file_format = (type = 'json')")));
      expectOneWinner(race(sql("create schema db.plain_r" + round)));
    }
  }

  @Test
  void orReplaceSucceedsForEverySession() throws Exception {
    SNOWFLAKE.get().execute("create schema db.replaced");
    for (int round = 0; round < ROUNDS; round++) {
      for (Outcome o : race(sql("create or replace table db.replaced.t (v variant)"))) {
        assertNull(o.error());
      }
      for (Outcome o : race(sql("create or replace stage db.replaced.st"))) {
        assertNull(o.error());
      }
      for (Outcome o :
          race(
              sql(
                  "create or replace pipe db.replaced.p as copy into db.replaced.t from"
                      + " @db.replaced.st file_format = (type = 'json')"))) {
        assertNull(o.error());
      }
    }
    assertEquals(List.of("T"), names("show tables in schema db.replaced"));
    assertEquals(List.of("ST"), names("show stages in schema db.replaced"));
    assertEquals(List.of("P"), names("show pipes in schema db.replaced"));
  }

  @Test
  void racingIfNotExistsNeverEmptiesAStage() throws Exception {
    SNOWFLAKE.get().execute("create schema db.files");
    for (int round = 0; round < ROUNDS; round++) {
      String stage = "db.files.st" + round;
      // Each session creates the stage if needed, then uploads its own file to it at once.
      race(
          (c, session) -> {
            try (Statement s = c.createStatement()) {
              s.execute("create stage if not exists " + stage);
            }
            StageStreams.of(c)
                .upload(
                    "@" + stage,
                    "p",
                    "f" + session + ".json",
                    new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
                    false);
            return "uploaded";
          });
      assertEquals(SESSIONS, names("list @" + stage).size(), "files on " + stage);
    }
  }

  private static Work sql(String statement) {
    return (c, session) -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(statement)) {
        rs.next();
        return rs.getString(1);
      }
    };
  }

  private static Work bound(String statement, String name) {
    return (c, session) -> {
      try (PreparedStatement p = c.prepareStatement(statement)) {
        p.setString(1, name);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    };
  }

  /** Runs {@code work} on every session at the same moment. */
  private static List<Outcome> race(Work work) throws Exception {
    CyclicBarrier start = new CyclicBarrier(SESSIONS);
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      Connection c = sessions.get(i);
      int session = i;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  return new Outcome(work.run(c, session), null);
                } catch (SQLException e) {
                  return new Outcome(null, e);
                }
              }));
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<Outcome> f : futures) {
      outcomes.add(f.get());
    }
    return outcomes;
  }

  /** Every session succeeded; one created the object, the others were told it exists. */
  private static void expectOneCreated(List<Outcome> outcomes, String created) {
    int creators = 0;
    String name = created.substring(created.lastIndexOf(' ') + 1);
    for (Outcome o : outcomes) {
      if (o.error() != null) {
        throw new AssertionError("a session failed: " + o.error().getMessage(), o.error());
      }
      if (o.status().equals(created + " successfully created.")) {
        creators++;
      } else {
        assertEquals(name + " already exists, statement succeeded.", o.status());
      }
    }
    assertEquals(1, creators, outcomes.toString());
  }

  /** One session created the object; every other got Snowflake's 002002 "already exists". */
  private static void expectOneWinner(List<Outcome> outcomes) {
    int winners = 0;
    for (Outcome o : outcomes) {
      if (o.error() == null) {
        assertNotNull(o.status());
        winners++;
      } else {
        assertEquals(2002, o.error().getErrorCode(), o.error().getMessage());
        assertEquals("42710", o.error().getSQLState());
      }
    }
    assertEquals(1, winners, outcomes.toString());
  }

  private static List<String> names(String show) throws SQLException {
    try (Statement s = sessions.get(0).createStatement();
        ResultSet rs = s.executeQuery(show)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(show.startsWith("list") ? 1 : 2));
      }
      return out;
    }
  }
}
