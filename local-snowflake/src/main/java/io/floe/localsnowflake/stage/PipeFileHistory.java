package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.Snowpipe.FileLoad;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Snowpipe's load metadata, per pipe and keyed by path alone (a modified file with a known path is
 * still skipped): one row per submitted path, QUEUED until the loader records its outcome and gives
 * it an event sequence number. Event numbers increase across the server, so a report's mark
 * ("1_&lt;seq&gt;") makes the next report incremental. Rows older than Snowflake's 14-day retention
 * no longer block a path.
 */
final class PipeFileHistory {
  static final String QUEUED = "QUEUED";
  static final Duration RETENTION = Duration.ofDays(14);

  /** A submitted path waiting for the loader. */
  record Queued(long pipeId, String path, String submittedBy, Instant timeReceived) {}

  /** A completed load and its event number. */
  record Event(long seq, FileLoad load) {}

  private static final String EVENT_COLUMNS =
      "event_seq, path, stage_location, file_size, time_received, last_insert_time,"
          + " rows_inserted, rows_parsed, errors_seen, error_limit, first_error, first_error_line,"
          + " first_error_character, first_error_column, system_error, status";

  private final DuckStore store;
  private final MetadataTables tables;
  private long lastSeq;

  PipeFileHistory(DuckStore store, MetadataTables tables) {
    this.store = store;
    this.tables = tables;
    this.lastSeq =
        store.withConnection(
            c ->
                DuckStore.queryLong(
                    c, "SELECT coalesce(max(event_seq), 0) FROM " + tables.pipeFiles()));
  }

  /** Records a submitted path; false when the pipe already has it (loaded or still queued). */
  boolean reserve(long pipeId, String path, String user, Instant now) {
    return store.withConnection(
        c -> {
          DuckStore.update(
              c,
              "DELETE FROM "
                  + tables.pipeFiles()
                  + " WHERE pipe_id = ? AND path = ? AND status <> ? AND time_received < ?",
              pipeId,
              path,
              QUEUED,
              micros(now.minus(RETENTION)));
          long known =
              DuckStore.queryLong(
                  c,
                  "SELECT count(*) FROM " + tables.pipeFiles() + " WHERE pipe_id = ? AND path = ?",
                  pipeId,
                  path);
          if (known > 0) {
            return false;
          }
          DuckStore.update(
              c,
              "INSERT INTO "
                  + tables.pipeFiles()
                  + " (pipe_id, path, submitted_by, time_received, status) VALUES (?, ?, ?, ?, ?)",
              pipeId,
              path,
              user,
              micros(now),
              QUEUED);
          return true;
        });
  }

  /** Paths still waiting, oldest first (to resume loading after a restart). */
  List<Queued> queued() {
    return store.withConnection(
        c ->
            DuckStore.query(
                c,
                "SELECT pipe_id, path, submitted_by, time_received FROM "
                    + tables.pipeFiles()
                    + " WHERE status = ? ORDER BY time_received",
                rs ->
                    new Queued(
                        rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs.getLong(4))),
                QUEUED));
  }

  /**
   * {@link #complete} for several files in one transaction: one commit instead of one per file,
   * which in DuckDB costs more than the small updates themselves.
   */
  void completeAll(long pipeId, List<FileLoad> loads) {
    store.withConnection(
        c -> {
          if (!c.getAutoCommit() || loads.size() < 2) {
            loads.forEach(load -> complete(pipeId, load));
            return null;
          }
          long seqBefore = lastSeq;
          c.setAutoCommit(false);
          try {
            loads.forEach(load -> complete(pipeId, load));
            c.commit();
          } catch (RuntimeException | SQLException e) {
            c.rollback();
            lastSeq = seqBefore;
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
          return null;
        });
  }

  /** Stores a path's outcome as the pipe's next load event; false if the pipe forgot the path. */
  boolean complete(long pipeId, FileLoad load) {
    return store.withConnection(
        c -> {
          long changed =
              DuckStore.update(
                  c,
                  "UPDATE "
                      + tables.pipeFiles()
                      + " SET status = ?, file_size = ?, stage_location = ?, last_insert_time = ?,"
                      + " rows_inserted = ?, rows_parsed = ?, errors_seen = ?, error_limit = ?,"
                      + " first_error = ?, first_error_line = ?, first_error_character = ?,"
                      + " first_error_column = ?, system_error = ?, event_seq = ?"
                      + " WHERE pipe_id = ? AND path = ? AND status = ?",
                  load.status(),
                  load.fileSize(),
                  load.stageLocation(),
                  micros(load.lastInsertTime()),
                  load.rowsInserted(),
                  load.rowsParsed(),
                  load.errorsSeen(),
                  load.errorLimit(),
                  load.firstError(),
                  load.firstErrorLineNum(),
                  load.firstErrorCharacterPos(),
                  load.firstErrorColumnName(),
                  load.systemError(),
                  lastSeq + 1,
                  pipeId,
                  load.path(),
                  QUEUED);
          if (changed == 0) {
            return false;
          }
          lastSeq++;
          return true;
        });
  }

  /**
   * The oldest event number insertReport still reports: of the pipe's events completed at or after
   * {@code since}, only the newest {@code limit} are kept. {@link Long#MAX_VALUE} when none are.
   */
  long retainedFrom(long pipeId, Instant since, int limit) {
    return store.withConnection(
        c ->
            DuckStore.queryLong(
                c,
                "SELECT coalesce(min(event_seq), "
                    + Long.MAX_VALUE
                    + ") FROM (SELECT event_seq FROM "
                    + tables.pipeFiles()
                    + " WHERE pipe_id = ? AND event_seq IS NOT NULL AND last_insert_time >= ?"
                    + " ORDER BY event_seq DESC LIMIT ?)",
                pipeId,
                micros(since),
                limit));
  }

  /** Events after {@code seq} completed at or after {@code since}, by event number. */
  List<Event> after(long pipeId, long seq, Instant since, int limit) {
    return events(
        "pipe_id = ? AND event_seq > ? AND last_insert_time >= ? ORDER BY event_seq LIMIT ?",
        pipeId,
        seq,
        micros(since),
        limit);
  }

  /**
   * Whether events after {@code seq} are no longer reported: completed before {@code since}, or
   * older than the oldest retained event {@code retainedFrom}.
   */
  boolean missedAfter(long pipeId, long seq, Instant since, long retainedFrom) {
    return !events(
            "pipe_id = ? AND event_seq > ? AND (last_insert_time < ? OR event_seq < ?) LIMIT 1",
            pipeId,
            seq,
            micros(since),
            retainedFrom)
        .isEmpty();
  }

  /** Completed loads whose last insert time lies in [start, end). */
  List<Event> range(long pipeId, Instant start, Instant end, int limit) {
    return events(
        "pipe_id = ? AND event_seq IS NOT NULL AND last_insert_time >= ? AND last_insert_time < ?"
            + " ORDER BY last_insert_time, event_seq LIMIT ?",
        pipeId,
        micros(start),
        micros(end),
        limit);
  }

  /** Paths of the pipe queued or being loaded. */
  long activeCount(long pipeId) {
    return store.withConnection(
        c ->
            DuckStore.queryLong(
                c,
                "SELECT count(*) FROM " + tables.pipeFiles() + " WHERE pipe_id = ? AND status = ?",
                pipeId,
                QUEUED));
  }

  /** The pipe's newest event number (0 when it has none). */
  long latestSeq(long pipeId) {
    return store.withConnection(
        c ->
            DuckStore.queryLong(
                c,
                "SELECT coalesce(max(event_seq), 0) FROM "
                    + tables.pipeFiles()
                    + " WHERE pipe_id = ?",
                pipeId));
  }

  /** Forgets a pipe's history (DROP PIPE, CREATE OR REPLACE PIPE). */
  void drop(long pipeId) {
    store.withConnection(
        c ->
            DuckStore.update(
                c, "DELETE FROM " + tables.pipeFiles() + " WHERE pipe_id = ?", pipeId));
  }

  private List<Event> events(String where, Object... args) {
    return store.withConnection(
        c ->
            DuckStore.query(
                c,
                "SELECT " + EVENT_COLUMNS + " FROM " + tables.pipeFiles() + " WHERE " + where,
                PipeFileHistory::event,
                args));
  }

  private static Event event(ResultSet rs) throws SQLException {
    return new Event(
        rs.getLong(1),
        new FileLoad(
            rs.getString(2),
            rs.getString(3),
            rs.getLong(4),
            instant(rs.getLong(5)),
            instant(rs.getLong(6)),
            rs.getLong(7),
            rs.getLong(8),
            rs.getLong(9),
            rs.getLong(10),
            rs.getString(11),
            nullableLong(rs, 12),
            nullableLong(rs, 13),
            rs.getString(14),
            rs.getString(15),
            true,
            rs.getString(16)));
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
