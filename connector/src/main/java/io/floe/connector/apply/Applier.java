package io.floe.connector.apply;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.Retrier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a target's loaded changes into it, exactly once: one transaction per target that moves the
 * progress of every partition (compare-and-set on the offset this task expects), MERGEs the newest
 * change per key and deletes the applied changes, then commits. Either all of it commits or none.
 *
 * <p>The progress updates run first, before the MERGE: a task that lost a partition (a zombie)
 * finds out before it spends warehouse time, and the progress table's lock orders two appliers of
 * one target, so the second sees the first's committed progress and its compare-and-set fails.
 *
 * <p>Transient failures are retried by the {@link Retrier} on a fresh session. Because a failure
 * can come after COMMIT reached Snowflake (the answer was lost), every retry first reads the
 * progress: if it already says {@code loaded} the earlier attempt committed and nothing is redone.
 *
 * <p>One applier holds one session, so it serves one thread (the task's apply step).
 */
public final class Applier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

  /** Runs just before COMMIT; tests break the session there to simulate a crash. */
  @FunctionalInterface
  interface BeforeCommit {
    void run(Connection c) throws SQLException;
  }

  private final ApplySession session;
  private final Retrier retrier;
  private final ProgressTable progress;
  private final BeforeCommit beforeCommit;

  /** Written into the progress rows this applier moves; see {@link #settled}. */
  private final String id = UUID.randomUUID().toString();

  public Applier(SessionSource sessions, Retrier retrier, ProgressTable progress) {
    this(sessions, retrier, progress, c -> {});
  }

  Applier(SessionSource sessions, Retrier retrier, ProgressTable progress, BeforeCommit hook) {
    this.session = new ApplySession(sessions);
    this.retrier = retrier;
    this.progress = progress;
    this.beforeCommit = hook;
  }

  /** The applied offset of each partition of {@code target} with a progress row. */
  public Map<TopicPartition, Long> appliedOffsets(ObjectRef target) {
    return retrier.call(
        "read the change-data-capture progress of " + target,
        () -> {
          try {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            progress.read(session.get(), target).forEach((tp, p) -> offsets.put(tp, p.offset()));
            return offsets;
          } catch (SQLException e) {
            session.discard();
            throw e;
          }
        },
        (what, e) -> failure(target, "read progress", e));
  }

  /** Applies {@code ranges} (empty ones are skipped) to {@code target} in one transaction. */
  public ApplyResult apply(ApplyTarget target, List<PartitionRange> ranges) {
    List<PartitionRange> work = ranges.stream().filter(r -> !r.isEmpty()).toList();
    if (work.isEmpty()) {
      return ApplyResult.nothing();
    }
    ApplyStatement sql = new ApplyStatement(target, ChangeTables.of(target.table()));
    boolean retain = target.retainChanges();
    String[] step = {"begin"};
    int[] attempts = {0};
    ApplyResult result =
        retrier.call(
            "apply changes to " + target.table(),
            () -> {
              try {
                if (attempts[0]++ > 0) {
                  step[0] = "read progress";
                  ApplyResult settled = settled(target.table(), work);
                  if (settled != null) {
                    return settled;
                  }
                }
                return transaction(target.table(), sql, work, retain, step);
              } catch (SQLException | RuntimeException e) {
                session.discard(); // closing it rolls back what the transaction did
                throw e;
              }
            },
            (what, e) -> failure(target.table(), step[0], e));
    if (!result.lost().isEmpty()) {
      LOG.warn(
          new FloeException(
                  ErrorCode.FLOE_3061,
                  target.table() + ": " + result.lost() + " rolled back, nothing applied.")
              .getMessage());
    }
    return result;
  }

  private ApplyResult transaction(
      ObjectRef table,
      ApplyStatement sql,
      List<PartitionRange> ranges,
      boolean retain,
      String[] step)
      throws SQLException {
    Connection c = session.get();
    try (Statement s = c.createStatement()) {
      step[0] = "begin";
      s.execute("BEGIN");
      List<PartitionRange> lost = new ArrayList<>();
      for (PartitionRange r : ranges) {
        step[0] = "progress update of " + r;
        if (s.executeUpdate(progress.advance(table, r, id)) != 1) {
          lost.add(r);
        }
      }
      if (!lost.isEmpty()) {
        step[0] = "rollback";
        s.execute("ROLLBACK");
        return ApplyResult.lost(lost);
      }
      step[0] = "merge";
      long changed = s.executeUpdate(sql.merge(ranges));
      if (!retain) {
        step[0] = "delete applied changes";
        s.executeUpdate(sql.deleteApplied(ranges));
      }
      step[0] = "commit";
      beforeCommit.run(c);
      s.execute("COMMIT");
      return new ApplyResult(ranges, List.of(), changed);
    }
  }

  /**
   * After a failed attempt: the result if it is already decided by the progress table (the failed
   * attempt committed, or another task moved a partition), or null to run the transaction again.
   */
  private ApplyResult settled(ObjectRef table, List<PartitionRange> ranges) throws SQLException {
    Map<TopicPartition, ProgressTable.Progress> now = progress.read(session.get(), table);
    List<PartitionRange> lost = new ArrayList<>();
    int committed = 0;
    for (PartitionRange r : ranges) {
      ProgressTable.Progress at = now.get(new TopicPartition(r.topic(), r.partition()));
      if (at != null && at.offset() == r.loaded() && id.equals(at.appliedBy())) {
        committed++; // by this applier, so by the attempt whose answer was lost
      } else if (at == null || at.offset() != r.applied()) {
        lost.add(r); // moved by another task (maybe to the same offset), or its row is gone
      }
    }
    if (committed == ranges.size()) {
      LOG.info("Changes to {} were committed by an attempt whose answer was lost", table);
      return new ApplyResult(ranges, List.of(), -1);
    }
    if (lost.isEmpty() && committed == 0) {
      return null; // nothing moved: the failed attempt rolled back, run it again
    }
    // Some partitions at `loaded` and others not cannot come from this call's own transaction
    // (it moves all or none), so another task moved them: none of them is this call's to apply.
    return ApplyResult.lost(lost.isEmpty() ? ranges : lost);
  }

  private static FloeException failure(ObjectRef table, String step, Exception e) {
    return new FloeException(
        ErrorCode.FLOE_3060, table + ", statement: " + step + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    session.close();
  }
}
