package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.Snowpipe.FileLoad;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
            c -> {
              try (PreparedStatement s =
                      c.prepareStatement(
                          "SELECT coalesce(max(event_seq), 0) FROM " + tables.pipeFiles());
                  ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
              }
            });
  }

  /** Records a submitted path; false when the pipe already has it (loaded or still queued). */
  boolean reserve(long pipeId, String path, String user, Instant now) {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM "
                      + tables.pipeFiles()
                      + " WHERE pipe_id = ? AND path = ? AND status <> ? AND time_received < ?")) {
            s.setLong(1, pipeId);
            s.setString(2, path);
            s.setString(3, QUEUED);
            s.setLong(4, micros(now.minus(RETENTION)));
            s.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT count(*) FROM "
                      + tables.pipeFiles()
                      + " WHERE pipe_id = ? AND path = ?")) {
            s.setLong(1, pipeId);
            s.setString(2, path);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              if (rs.getLong(1) > 0) {
                return false;
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO "
                      + tables.pipeFiles()
                      + " (pipe_id, path, submitted_by, time_received, status) VALUES (?, ?, ?, ?,"
                      + " ?)")) {
            s.setLong(1, pipeId);
            s.setString(2, path);
            s.setString(3, user);
            s.setLong(4, micros(now));
            s.setString(5, QUEUED);
            s.executeUpdate();
          }
          return true;
        });
  }

  /** Paths still waiting, oldest first (to resume loading after a restart). */
  List<Queued> queued() {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT pipe_id, path, submitted_by, time_received FROM "
                      + tables.pipeFiles()
                      + " WHERE status = ? ORDER BY time_received")) {
            s.setString(1, QUEUED);
            List<Queued> queued = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                queued.add(
                    new Queued(
                        rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs.getLong(4))));
              }
            }
            return queued;
          }
        });
  }

  /** Stores a path's outcome as the pipe's next load event; false if the pipe forgot the path. */
  boolean complete(long pipeId, FileLoad load) {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE "
                      + tables.pipeFiles()
                      + " SET status = ?, file_size = ?, stage_location = ?, last_insert_time = ?,"
                      + " rows_inserted = ?, rows_parsed = ?, errors_seen = ?, error_limit = ?,"
                      + " first_error = ?, first_error_line = ?, first_error_character = ?,"
                      + " first_error_column = ?, system_error = ?, event_seq = ?"
                      + " WHERE pipe_id = ? AND path = ? AND status = ?")) {
            s.setString(1, load.status());
            s.setLong(2, load.fileSize());
            s.setString(3, load.stageLocation());
            s.setLong(4, micros(load.lastInsertTime()));
            s.setLong(5, load.rowsInserted());
            s.setLong(6, load.rowsParsed());
            s.setLong(7, load.errorsSeen());
            s.setLong(8, load.errorLimit());
            s.setString(9, load.firstError());
            setLong(s, 10, load.firstErrorLineNum());
            setLong(s, 11, load.firstErrorCharacterPos());
            s.setString(12, load.firstErrorColumnName());
            s.setString(13, load.systemError());
            s.setLong(14, lastSeq + 1);
            s.setLong(15, pipeId);
            s.setString(16, load.path());
            s.setString(17, QUEUED);
            if (s.executeUpdate() == 0) {
              return false;
            }
            lastSeq++;
            return true;
          }
        });
  }

  /** Events after {@code seq} that are still retained (completed at or after {@code since}). */
  List<Event> after(long pipeId, long seq, Instant since, int limit) {
    return events(
        "pipe_id = ? AND event_seq > ? AND last_insert_time >= ? ORDER BY event_seq LIMIT ?",
        pipeId,
        seq,
        micros(since),
        limit);
  }

  /** Whether events after {@code seq} were completed before {@code since} (no longer reported). */
  boolean missedAfter(long pipeId, long seq, Instant since) {
    return !events(
            "pipe_id = ? AND event_seq > ? AND last_insert_time < ? LIMIT 1",
            pipeId,
            seq,
            micros(since))
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
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT count(*) FROM "
                      + tables.pipeFiles()
                      + " WHERE pipe_id = ? AND status = ?")) {
            s.setLong(1, pipeId);
            s.setString(2, QUEUED);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** The pipe's newest event number (0 when it has none). */
  long latestSeq(long pipeId) {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT coalesce(max(event_seq), 0) FROM "
                      + tables.pipeFiles()
                      + " WHERE pipe_id = ?")) {
            s.setLong(1, pipeId);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** Forgets a pipe's history (DROP PIPE, CREATE OR REPLACE PIPE). */
  void drop(long pipeId) {
    store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM " + tables.pipeFiles() + " WHERE pipe_id = ?")) {
            s.setLong(1, pipeId);
            s.executeUpdate();
          }
          return null;
        });
  }

  private List<Event> events(String where, Object... args) {
    return store.withConnection(c -> readEvents(c, where, args));
  }

  private List<Event> readEvents(Connection c, String where, Object... args) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT " + EVENT_COLUMNS + " FROM " + tables.pipeFiles() + " WHERE " + where)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<Event> events = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          events.add(
              new Event(
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
                      rs.getString(16))));
        }
      }
      return events;
    }
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value);
    }
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
