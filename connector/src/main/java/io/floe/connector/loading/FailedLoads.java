package io.floe.connector.loading;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowpipeClient.FileStatus;
import io.floe.connector.table.TableObjects;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a file Snowpipe did not load. A file that failed on its data (JSON Snowflake
 * cannot parse) is moved to the table stage, as it would fail again. A file that failed because of
 * the table — dropped, a NOT NULL column added, a privilege revoked — says nothing about its data,
 * and moving it away would lose records while offsets advance: it is staged again under its next
 * retry name ({@link FileNames#nextAttempt}) and held, to be submitted once a file of the same
 * table loads, or by recovery when the task starts again. After {@code maxInARow} such failures of
 * one table in a row the task fails (FLOE-3030) so that the operator fixes the table. Used by the
 * load tracker's thread; {@link #failure} is read by the task thread.
 */
final class FailedLoads {
  private static final Logger LOG = LoggerFactory.getLogger(FailedLoads.class);

  /**
   * Snowflake's words for a COPY that could not run against the table, or a row the table refused
   * whatever its content (Floe fills only RECORD_METADATA and RECORD_CONTENT, so a NOT NULL
   * violation is always another column's).
   */
  private static final List<String> TABLE_ERRORS =
      List.of(
          "does not exist or not authorized",
          "insufficient privileges",
          "sql compilation error",
          "sql access control error",
          "non-nullable column");

  private final SnowflakeClient client;
  private final String connector;
  private final TaskMetrics metrics;
  private final int maxInARow;
  private final Map<ObjectRef, Table> tables = new ConcurrentHashMap<>();
  private volatile FloeException failure;

  FailedLoads(SnowflakeClient client, String connector, TaskMetrics metrics, int maxInARow) {
    this.client = client;
    this.connector = connector;
    this.metrics = metrics;
    this.maxInARow = maxInARow;
  }

  /** A file staged again after a failure not about its data, waiting to be submitted. */
  record Held(TopicPartition tp, String path, FileNames.Range range) {}

  /**
   * True when the file failed because of the table or the pipe, not because of its data. Snowpipe
   * reports a load that could not run at all in {@code systemError}.
   */
  static boolean aboutTheTable(FileStatus s) {
    if (s.systemError() != null && !s.systemError().isBlank()) {
      return true;
    }
    String error = s.firstError() == null ? "" : s.firstError().toLowerCase(Locale.ROOT);
    return TABLE_ERRORS.stream().anyMatch(error::contains);
  }

  /** The first time a table failed {@code maxInARow} files in a row, for the task thread. */
  FloeException failure() {
    return failure;
  }

  /**
   * Deals with a file Snowpipe reported as not (fully) loaded; it is no longer tracked. {@code
   * counts}: whether a failure not about the data counts towards failing the task (not for one from
   * before the task started).
   */
  void failed(
      TableObjects objects,
      TopicPartition tp,
      String path,
      FileNames.Range range,
      FileStatus s,
      boolean counts) {
    if (!aboutTheTable(s)) {
      moveToTableStage(objects, tp, path, s);
      return;
    }
    String retry = FileNames.nextAttempt(path);
    Table t = tables.computeIfAbsent(objects.pipe(), p -> new Table());
    int inARow;
    synchronized (t) {
      // Counted before staging the retry: when the role lost its access, staging fails too (and
      // is tried again next round), and the task must still stop.
      if (counts) {
        t.failedInARow.add(path);
      }
      inARow = t.failedInARow.size();
    }
    String what =
        String.format(
            "Table %s: file %s did not load because of the table, not its data (%s). Snowflake's"
                + " error: %s",
            objects.table(),
            path,
            counts
                ? inARow + " file(s) in a row, floe.load.table.failures.max=" + maxInARow
                : "an outcome from before this task started",
            s.firstError() != null ? s.firstError() : s.systemError());
    if (inARow >= maxInARow && failure == null) {
      failure =
          new FloeException(
              ErrorCode.FLOE_3030,
              what
                  + ". Its records are kept on stage "
                  + objects.namedStage()
                  + " (as "
                  + retry
                  + ") and load once the task restarts after the table is fixed.");
      LOG.error(failure.getMessage());
    }
    byte[] bytes;
    try {
      bytes = client.download(objects.namedStage(), path);
    } catch (RuntimeException e) {
      if (!client.list(objects.namedStage(), path).isEmpty()) {
        throw e; // still there: try again next round
      }
      LOG.warn(
          "File {} of table {} is no longer on stage {} (a task that owned its partition before"
              + " staged it again, or it was removed): not following it any more.",
          path,
          objects.table(),
          objects.namedStage());
      return;
    }
    client.upload(
        objects.namedStage(),
        retry.substring(0, retry.lastIndexOf('/')),
        retry.substring(retry.lastIndexOf('/') + 1),
        bytes);
    // The retry first, then the old path goes: a crash in between leaves both, and recovery keeps
    // only the newest attempt of a range.
    client.remove(objects.namedStage(), path);
    synchronized (t) {
      t.held.add(new Held(tp, retry, range));
    }
    if (inARow < maxInARow) {
      LOG.warn(
          "{} {}. Kept on stage {} as {}, to be submitted again once a file of this table loads"
              + " or the task restarts.",
          ErrorCode.FLOE_3030.id(),
          what,
          objects.namedStage(),
          retry);
    }
  }

  /**
   * A file of the table loaded, or failed on its own data: the table works. Returns its held files,
   * which the caller submits; they are forgotten here.
   */
  List<Held> tableWorks(ObjectRef pipe) {
    Table t = tables.get(pipe);
    if (t == null) {
      return List.of();
    }
    synchronized (t) {
      t.failedInARow.clear();
      List<Held> out = List.copyOf(t.held);
      t.held.clear();
      return out;
    }
  }

  /** The table's held files now (for what counts as loaded: a held file is not). */
  List<Held> held(ObjectRef pipe) {
    Table t = tables.get(pipe);
    if (t == null) {
      return List.of();
    }
    synchronized (t) {
      return List.copyOf(t.held);
    }
  }

  /** Held files that could not be submitted: held again. */
  void holdAgain(ObjectRef pipe, List<Held> files) {
    Table t = tables.computeIfAbsent(pipe, p -> new Table());
    synchronized (t) {
      t.held.addAll(files);
    }
  }

  /** Stops holding a partition's files (its new owner's recovery submits them). */
  void forget(TopicPartition tp) {
    for (Table t : tables.values()) {
      synchronized (t) {
        t.held.removeIf(h -> h.tp().equals(tp));
      }
    }
  }

  private void moveToTableStage(
      TableObjects objects, TopicPartition tp, String path, FileStatus s) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    String target = FileNames.failedPrefix(connector, tp);
    byte[] bytes = client.download(objects.namedStage(), path);
    client.upload(objects.tableStage(), target.substring(0, target.length() - 1), name, bytes);
    client.remove(objects.namedStage(), path);
    metrics.fileFailed();
    LOG.error(
        "{} File {} for table {} was {} ({} of {} rows loaded); first error: {}{}. It was"
            + " moved to {}/{}{}.",
        ErrorCode.FLOE_3003.id(),
        path,
        objects.table(),
        s.status(),
        s.rowsInserted(),
        s.rowsParsed(),
        s.firstError(),
        s.firstErrorLine() == null ? "" : " (line " + s.firstErrorLine() + ")",
        objects.tableStage(),
        target,
        name);
  }

  private static final class Table {
    final List<Held> held = new ArrayList<>();

    /** Distinct files failed in a row (a file whose retry could not be staged is seen again). */
    final Set<String> failedInARow = new HashSet<>();
  }
}
