package io.floe.localsnowflake.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Snowpipe's REST operations (implemented by the stage package, exposed over HTTP by the http
 * package, which renders the JSON). Errors are {@link SnowpipeError}s carrying the HTTP status
 * Snowflake uses.
 */
public interface Snowpipe {

  /**
   * Queues files (paths relative to the pipe's stage location) for asynchronous loading through the
   * pipe's COPY. A path the pipe already loaded, or already has queued, is skipped. Returns the
   * skipped paths.
   *
   * @param pipe fully qualified, as in the URL ({@code DB.SCHEMA.PIPE}; unquoted parts resolve
   *     case-insensitively, quoted parts exactly, as in SQL)
   * @param user the JWT's user, whose default role must be allowed to operate the pipe
   */
  List<String> insertFiles(String pipe, String user, List<String> paths);

  /**
   * Load events after {@code beginMark} (null: all retained ones). Only the 10,000 most recent
   * events of the last 10 minutes are retained.
   */
  Report insertReport(String pipe, String user, String beginMark);

  /**
   * Completed loads whose last insert time lies in [start, end) and in the last 14 days, oldest
   * first, at most 10,000: when more exist the range is incomplete and the next call starts at its
   * {@link HistoryRange#rangeEnd}. {@code endExclusive} null or later than now = now.
   */
  HistoryRange loadHistory(String pipe, String user, Instant startInclusive, Instant endExclusive);

  /** Pauses (true) or resumes (false) loading for every pipe; insertFiles keeps queueing. */
  void pauseLoading(boolean paused);

  /**
   * Waits until every queued file has been loaded; false on timeout, or while loading is paused
   * with files queued. (Implementations without a queue are always idle.)
   */
  default boolean awaitIdle(Duration timeout) {
    return true;
  }

  /**
   * @param activeFiles files queued or loading for the pipe right now (insertReport's statistics)
   */
  record Report(
      List<FileLoad> files, String nextBeginMark, boolean completeResult, long activeFiles) {}

  /**
   * A loadHistoryScan answer. {@code rangeStart} and {@code rangeEnd} are the last insert times of
   * the oldest and newest entries listed (the requested start and the end used when none are);
   * {@code completeResult} is false when entries after those listed exist in the requested range.
   */
  record HistoryRange(
      List<FileLoad> files, boolean completeResult, Instant rangeStart, Instant rangeEnd) {}

  /** One file's load outcome, as insertReport and loadHistoryScan list it. */
  record FileLoad(
      String path,
      String stageLocation,
      long fileSize,
      Instant timeReceived,
      Instant lastInsertTime,
      long rowsInserted,
      long rowsParsed,
      long errorsSeen,
      long errorLimit,
      String firstError,
      Long firstErrorLineNum,
      Long firstErrorCharacterPos,
      String firstErrorColumnName,
      String systemError,
      boolean complete,
      String status) {}

  /** A REST error: 400 bad request, 404 pipe unknown or not authorized, 429, 500. */
  final class SnowpipeError extends RuntimeException {
    private final int httpStatus;
    private final String code;

    public SnowpipeError(int httpStatus, String code, String message) {
      super(message);
      this.httpStatus = httpStatus;
      this.code = code;
    }

    public int httpStatus() {
      return httpStatus;
    }

    public String code() {
      return code;
    }
  }
}
