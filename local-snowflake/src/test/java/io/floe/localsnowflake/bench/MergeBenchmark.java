package io.floe.localsnowflake.bench;

import io.floe.localsnowflake.LocalSnowflake;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How fast the local Snowflake applies change batches the way a change-data-capture apply step
 * would, through the real driver: per round, one transaction that MERGEs a VARIANT change table
 * (deduped per key with QUALIFY ROW_NUMBER(), deletes, updates and inserts) into a typed target and
 * updates a bookkeeping row, then COMMIT. Prints changes/s and per-round latency (P50/max). Not a
 * test: {@code bin/bench-local-snowflake --merge} (see docs/local-snowflake.md, "Speed").
 *
 * <p>Options: {@code --keys N} (target rows, default 100000), {@code --changes N} (per round,
 * default 10000), {@code --rounds N} (default 10).
 */
public final class MergeBenchmark {
  public static void main(String[] args) throws Exception {
    int keys = 100_000;
    int changes = 10_000;
    int rounds = 10;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--keys" -> keys = Integer.parseInt(args[i + 1]);
        case "--changes" -> changes = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.println(Machine.describe());
    Random random = new Random(42);
    try (LocalSnowflake sf = LocalSnowflake.builder().start();
        Connection c = sf.connect();
        Statement s = c.createStatement()) {
      s.execute("create database bench");
      s.execute("use schema bench.public");
      s.execute("create table target (id number, name varchar, version number)");
      s.execute("create table applied (part number, upto number)");
      s.execute("insert into applied values (0, -1)");
      s.execute("create table seed (id number, name varchar, op varchar, off number)");
      s.execute("create table changes (record_metadata variant, record_content variant)");
      List<String> initial = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        initial.add("(" + k + ", 'n" + k + "', NULL, NULL)");
      }
      insertSeed(s, initial);
      s.execute("insert into target select id, name, 0 from seed");
      long offset = 0;
      long[] millis = new long[rounds];
      long totalChanges = 0;
      c.setAutoCommit(false);
      for (int r = 0; r < rounds; r++) {
        s.execute("truncate table seed");
        s.execute("truncate table changes");
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
          // Updates of existing keys, new keys, deletes, and repeated keys (deduped by QUALIFY).
          int dice = random.nextInt(10);
          long id =
              dice < 6 ? random.nextInt(keys) : dice < 9 ? keys + offset : random.nextInt(keys);
          String op = dice < 6 ? "u" : dice < 9 ? "c" : "d";
          batch.add("(" + id + ", 'v" + offset + "', '" + op + "', " + offset++ + ")");
        }
        insertSeed(s, batch);
        s.execute(
            "insert into changes select object_construct('partition', 0, 'offset', off),"
                + " object_construct('id', id, 'name', name, 'op', op) from seed");
        c.commit();
        long start = System.nanoTime();
        s.execute(
            "merge into target t using (select record_content:id::number as id,"
                + " record_content:name::varchar as name, record_content:op::varchar as op,"
                + " record_metadata:offset::number as off from changes"
                + " qualify row_number() over (partition by record_content:id"
                + " order by record_metadata:offset desc) = 1) s on t.id = s.id"
                + " when matched and s.op = 'd' then delete"
                + " when matched then update set name = s.name, version = t.version + 1"
                + " when not matched and s.op <> 'd' then insert (id, name, version)"
                + " values (s.id, s.name, 0)");
        s.execute("update applied set upto = " + (offset - 1) + " where part = 0");
        c.commit();
        millis[r] = (System.nanoTime() - start) / 1_000_000;
        totalChanges += changes;
      }
      c.setAutoCommit(true);
      long rows = count(s, "select count(*) from target");
      long sum = Arrays.stream(millis).sum();
      long[] sorted = millis.clone();
      Arrays.sort(sorted);
      System.out.printf(
          Locale.ROOT,
          "merge: %d rounds of %d changes into %d keys (%d rows after): %.0f changes/s applied;"
              + " per round (MERGE + bookkeeping UPDATE + COMMIT) P50 %d ms, max %d ms%n",
          rounds,
          changes,
          keys,
          rows,
          totalChanges * 1000.0 / Math.max(1, sum),
          sorted[sorted.length / 2],
          sorted[sorted.length - 1]);
    }
  }

  private static void insertSeed(Statement s, List<String> rows) throws SQLException {
    for (int i = 0; i < rows.size(); i += 1000) {
      s.execute(
          "insert into seed values "
              + String.join(", ", rows.subList(i, Math.min(rows.size(), i + 1000))));
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
