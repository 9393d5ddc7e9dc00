package io.floe.connector.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.apply.ApplyTarget.DeleteMode;
import io.floe.connector.apply.ApplyTarget.Field;
import io.floe.connector.apply.ChangeGenerator.Change;
import io.floe.connector.apply.ChangeGenerator.Form;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.schema.ColumnType;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The apply step through the real driver against the local Snowflake: generated Debezium changes
 * over three partitions, loaded into the change table as the file loader would, applied in rounds;
 * the target must equal the generator's source table row for row.
 */
class ApplierTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final String TOPIC = "pg.public.items";
  private static final int PARTITIONS = 3;

  @Test
  void envelopeChangesConvergeOnTheSourceTableRoundByRoundIncludingPartialRounds() {
    try (ApplyFixture f = new ApplyFixture(SNOWFLAKE.get(), "cdc_envelope", DeleteMode.HARD);
        Applier applier = f.applier()) {
      f.ensureProgress(TOPIC, PARTITIONS);
      ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 14);
      long[] done = {-1, -1, -1};
      for (int round = 0; round < 3; round++) {
        f.load(gen.generate(120, 25));
        long[] all = gen.lastOffsets();
        // A round whose loaded offsets cover only part of what is in the change table (the rest
        // is still "in flight"): the target holds exactly the changes up to them.
        long[] part = {(done[0] + all[0]) / 2, all[1], Math.max(done[2], all[2] - 3)};
        ApplyResult r = applier.apply(f.target, f.ranges(TOPIC, part));
        assertTrue(r.lost().isEmpty(), r.toString());
        assertEquals(gen.stateAt(part), f.rows(), "after partial round " + round);
        applier.apply(f.target, f.ranges(TOPIC, all));
        assertEquals(gen.stateAt(all), f.rows(), "after round " + round);
        done = all;
      }
      assertEquals(gen.finalState(), f.rows());
      assertTrue(gen.finalState().size() > 5, "the generator leaves rows: " + gen.finalState());
      assertEquals(0, f.changeRows(), "applied changes are removed from the change table");
      Map<TopicPartition, Long> progress = applier.appliedOffsets(f.table);
      long[] last = gen.lastOffsets();
      for (int p = 0; p < PARTITIONS; p++) {
        assertEquals(last[p], progress.get(new TopicPartition(TOPIC, p)));
      }
    }
  }

  @Test
  void flattenedChangesWithDeletedMarkersAndTombstonesConverge() {
    try (ApplyFixture f = new ApplyFixture(SNOWFLAKE.get(), "cdc_flattened", DeleteMode.HARD);
        Applier applier = f.applier()) {
      f.ensureProgress(TOPIC, PARTITIONS);
      ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.FLATTENED, 7);
      f.load(gen.generate(150, 20));
      long[] all = gen.lastOffsets();
      long[] part = {all[0] - 5, all[1] / 3, all[2] / 2};
      applier.apply(f.target, f.ranges(TOPIC, part));
      assertEquals(gen.stateAt(part), f.rows());
      applier.apply(f.target, f.ranges(TOPIC, all));
      assertEquals(gen.finalState(), f.rows());
    }
  }

  @Test
  void aSessionLostBeforeCommitAppliesNothingAndTheNextApplyConverges() {
    try (ApplyFixture f = new ApplyFixture(SNOWFLAKE.get(), "cdc_crash", DeleteMode.HARD)) {
      f.ensureProgress(TOPIC, PARTITIONS);
      ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 3);
      List<Change> batch = gen.generate(100, 15);
      f.load(batch);
      List<PartitionRange> ranges = f.ranges(TOPIC, gen.lastOffsets());
      try (Applier dying = f.applier(c -> c.close())) { // the worker dies before COMMIT
        assertThrows(FloeException.class, () -> dying.apply(f.target, ranges));
      }
      assertEquals(List.of(), f.rows(), "the MERGE was rolled back with the session");
      assertEquals(batch.size(), f.changeRows(), "so was the DELETE of the changes");
      assertEquals(ranges, f.ranges(TOPIC, gen.lastOffsets()), "and the progress");
      try (Applier next = f.applier()) {
        ApplyResult r = next.apply(f.target, f.ranges(TOPIC, gen.lastOffsets()));
        assertEquals(PARTITIONS, r.applied().size(), r.toString());
      }
      assertEquals(gen.finalState(), f.rows());
      assertEquals(0, f.changeRows());
    }
  }

  @Test
  void aTransientFailureBeforeCommitIsRetriedOnAFreshSessionAndConverges() {
    try (ApplyFixture f = new ApplyFixture(SNOWFLAKE.get(), "cdc_retry", DeleteMode.HARD)) {
      f.ensureProgress(TOPIC, PARTITIONS);
      ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 4);
      f.load(gen.generate(100, 15));
      AtomicInteger commits = new AtomicInteger();
      try (Applier applier =
          f.applier(
              c -> {
                if (commits.getAndIncrement() == 0) {
                  throw new SQLException("connection reset", "08006"); // the network broke
                }
              })) {
        ApplyResult r = applier.apply(f.target, f.ranges(TOPIC, gen.lastOffsets()));
        assertEquals(PARTITIONS, r.applied().size(), r.toString());
        assertTrue(r.rowsChanged() > 0, "the retry ran the MERGE again: " + r);
      }
      assertEquals(2, commits.get(), "the first attempt failed, the second committed");
      assertEquals(gen.finalState(), f.rows());
      assertEquals(0, f.changeRows());
    }
  }

  @Test
  void aZombieWithAStaleExpectedOffsetRollsBackAndChangesNothing() {
    try (ApplyFixture f = new ApplyFixture(SNOWFLAKE.get(), "cdc_zombie", DeleteMode.HARD);
        Applier winner = f.applier();
        Applier zombie = f.applier()) {
      f.ensureProgress(TOPIC, PARTITIONS);
      ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 5);
      f.load(gen.generate(60, 10));
      List<PartitionRange> first = f.ranges(TOPIC, gen.lastOffsets());
      winner.apply(f.target, first);
      List<String> before = f.rows();
      List<Change> second = gen.generate(60, 10);
      f.load(second);
      // The zombie still believes in the old progress of partition 1 and the new one of others.
      List<PartitionRange> fresh = f.ranges(TOPIC, gen.lastOffsets());
      PartitionRange stale =
          new PartitionRange(TOPIC, 1, first.get(1).applied(), gen.lastOffsets()[1]);
      List<PartitionRange> zombieRanges = List.of(fresh.get(0), stale, fresh.get(2));
      ApplyResult r = zombie.apply(f.target, zombieRanges);
      assertEquals(List.of(stale), r.lost());
      assertTrue(r.applied().isEmpty());
      assertEquals(before, f.rows(), "the zombie changed nothing");
      assertEquals(fresh, f.ranges(TOPIC, gen.lastOffsets()), "nor the progress");
      assertEquals(second.size(), f.changeRows(), "nor the change table");
      winner.apply(f.target, fresh);
      assertEquals(gen.finalState(), f.rows());
    }
  }

  @Test
  void applyingTheSameRangeTwiceChangesNothing() {
    try (ApplyFixture f = new ApplyFixture(SNOWFLAKE.get(), "cdc_twice", DeleteMode.HARD);
        Applier applier = f.applier()) {
      f.ensureProgress(TOPIC, PARTITIONS);
      ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 9);
      List<Change> batch = gen.generate(90, 12);
      f.load(batch);
      List<PartitionRange> ranges = f.ranges(TOPIC, gen.lastOffsets());
      applier.apply(f.target, ranges);
      List<String> once = f.rows();
      assertEquals(gen.finalState(), once);

      // The same range again: its progress moved, so the compare-and-set refuses it.
      ApplyResult again = applier.apply(f.target, ranges);
      assertEquals(ranges, again.lost());
      assertEquals(once, f.rows());

      // Even if the changes were loaded and applied again (progress reset by hand), the row guard
      // keeps every row as it is: no change is newer than the one that wrote the row.
      f.load(batch);
      f.floe.query("update " + ProgressTable.of(f.table).sql() + " set APPLIED_OFFSET = -1");
      ApplyResult replay = applier.apply(f.target, f.ranges(TOPIC, gen.lastOffsets()));
      assertEquals(PARTITIONS, replay.applied().size());
      assertEquals(once, f.rows());
      assertEquals(0, replay.rowsChanged(), "no row was updated, inserted or deleted");
    }
  }

  @Test
  void softDeletesMarkRowsAndTheLiveRowsEqualTheSource() {
    try (ApplyFixture f = new ApplyFixture(SNOWFLAKE.get(), "cdc_soft", DeleteMode.SOFT);
        Applier applier = f.applier()) {
      f.ensureProgress(TOPIC, PARTITIONS);
      ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 21);
      for (int round = 0; round < 4; round++) {
        f.load(gen.generate(40, 15));
        applier.apply(f.target, f.ranges(TOPIC, gen.lastOffsets()));
        assertEquals(gen.finalState(), f.rows(" where not __FLOE_DELETED"));
      }
      List<String> deleted = f.rows(" where __FLOE_DELETED");
      assertTrue(!deleted.isEmpty(), "some keys end deleted");
      for (String row : deleted) {
        String id = row.substring(0, row.indexOf('|'));
        assertTrue(
            gen.finalState().stream().noneMatch(r -> r.startsWith(id + "|")),
            row + " is deleted in the source");
      }
    }
  }

  @Test
  void aCommitWhoseAnswerWasLostIsNotAppliedAgain() {
    try (ApplyFixture f = new ApplyFixture(SNOWFLAKE.get(), "cdc_lost_answer", DeleteMode.HARD)) {
      f.ensureProgress(TOPIC, PARTITIONS);
      ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 6);
      f.load(gen.generate(80, 12));
      AtomicInteger commits = new AtomicInteger();
      try (Applier applier =
          f.applier(
              c -> {
                if (commits.getAndIncrement() == 0) {
                  try (Statement s = c.createStatement()) {
                    s.execute("COMMIT"); // Snowflake commits, then the answer is lost
                  }
                  throw new SQLException("connection reset", "08006");
                }
              })) {
        ApplyResult r = applier.apply(f.target, f.ranges(TOPIC, gen.lastOffsets()));
        assertEquals(PARTITIONS, r.applied().size(), r.toString());
        assertEquals(-1, r.rowsChanged(), "settled from the progress table, not merged again");
      }
      assertEquals(1, commits.get(), "the retry found the progress moved and stopped there");
      assertEquals(gen.finalState(), f.rows());
    }
  }

  @Test
  void columnsThatAreNotPlainIdentifiersAreQuotedThroughout() {
    try (ApplyFixture f = new ApplyFixture(SNOWFLAKE.get(), "cdc_names", DeleteMode.HARD);
        Applier applier = f.applier()) {
      ObjectRef odd = ObjectRef.of(f.floe.database(), "PUBLIC", "\"odd-Items\"");
      f.client.execute(
          "create",
          "create table "
              + odd.sql()
              + " (\"Key Id\" NUMBER(38,0), \"camelCase\" VARCHAR, \"MY-FIELD\" NUMBER(38,0),"
              + " DOC VARIANT, __FLOE_POSITION NUMBER(38,0))");
      ObjectRef changes = new ChangeTables(f.client).ensure(odd);
      ApplyTarget target =
          new ApplyTarget(
              odd,
              List.of(new Field("\"Key Id\"", ColumnType.INTEGER)),
              List.of(
                  new Field("\"camelCase\"", ColumnType.VARCHAR),
                  new Field("my-field", ColumnType.INTEGER),
                  new Field("doc", ColumnType.VARIANT)),
              DeleteMode.HARD);
      f.progress.ensure(odd, new TopicPartition("it's", 0));
      f.load(
          changes,
          List.of(
              new Change(
                  0,
                  0,
                  7,
                  "{\"topic\":\"it's\",\"partition\":0,\"offset\":0,\"key\":{\"\\\"Key"
                      + " Id\\\"\":7}}",
                  "{\"\\\"camelCase\\\"\":\"x\",\"my-field\":3,\"doc\":{\"a\":[1,2]}}")));
      ApplyResult r = applier.apply(target, List.of(new PartitionRange("it's", 0, -1, 0)));
      assertEquals(1, r.rowsChanged(), r.toString());
      assertEquals(
          List.of(List.of("7", "x", "3", "[1,2]", "0")),
          f.floe.query(
              "select \"Key Id\", \"camelCase\", \"MY-FIELD\", TO_JSON(DOC:a), __FLOE_POSITION from"
                  + " "
                  + odd.sql()));
    }
  }

  @Test
  void twoAppliersRacingForTheSamePartitionsCommitOnlyOnce() throws Exception {
    try (ApplyFixture f = new ApplyFixture(SNOWFLAKE.get(), "cdc_race", DeleteMode.HARD);
        Applier second = f.applier()) {
      f.ensureProgress(TOPIC, PARTITIONS);
      ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 8);
      f.load(gen.generate(80, 12));
      List<PartitionRange> ranges = f.ranges(TOPIC, gen.lastOffsets());
      CompletableFuture<Void> inTransaction = new CompletableFuture<>();
      try (Applier first =
          f.applier(
              c -> {
                // Holding the progress lock, before COMMIT: the second applier must wait for it.
                inTransaction.complete(null);
                assertTrue(SNOWFLAKE.get().awaitLockWaiters(1, Duration.ofSeconds(30)));
              })) {
        CompletableFuture<ApplyResult> winner =
            CompletableFuture.supplyAsync(() -> first.apply(f.target, ranges));
        inTransaction.get(30, TimeUnit.SECONDS);
        CompletableFuture<ApplyResult> loser =
            CompletableFuture.supplyAsync(() -> second.apply(f.target, ranges));
        assertEquals(PARTITIONS, winner.get(60, TimeUnit.SECONDS).applied().size());
        // On Snowflake (READ COMMITTED) the loser's progress UPDATE, once the lock is free, sees
        // the winner's offset and matches no row: lost. The local Snowflake's transactions read
        // the snapshot of their first statement, so there the UPDATE fails with a write
        // conflict instead (docs/local-snowflake.md). Either way the loser commits nothing.
        try {
          assertEquals(ranges, loser.get(60, TimeUnit.SECONDS).lost());
        } catch (ExecutionException e) {
          FloeException floe = assertInstanceOf(FloeException.class, e.getCause());
          assertEquals(ErrorCode.FLOE_3060, floe.code());
          assertTrue(floe.getMessage().contains("progress update"), floe.getMessage());
        }
      }
      assertEquals(
          ranges.stream().map(PartitionRange::loaded).toList(),
          f.ranges(TOPIC, gen.lastOffsets()).stream().map(PartitionRange::applied).toList());
      assertEquals(gen.finalState(), f.rows());
      assertEquals(0, f.changeRows());
    }
  }
}
