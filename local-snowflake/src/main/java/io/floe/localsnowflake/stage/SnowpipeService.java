package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Snowpipe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Snowpipe's REST operations. insertFiles records each new path in the pipe's load metadata and
 * queues it on the server's loader; a path the pipe already has (loaded or queued) is skipped, even
 * if the file changed, until 14 days after it was received. Reports read the recorded load events:
 * insertReport incrementally from a mark ("1_&lt;event number&gt;"), from the 10,000 most recent
 * events of the last 10 minutes; loadHistoryScan over a time range of the last 14 days, at most
 * 10,000 entries a call. Pipes are addressed as in the URL, {@code DB.SCHEMA.PIPE}, each part
 * resolved as in SQL (unquoted case-insensitive, quoted exact); an unknown pipe and one the user's
 * default role may not operate are both 404, as in Snowflake.
 */
public final class SnowpipeService implements Snowpipe, AutoCloseable {
  static final Duration REPORT_WINDOW = Duration.ofMinutes(10);
  static final int MAX_EVENTS = 10_000;
  static final int MAX_FILES_PER_REQUEST = 5000;
  static final int MAX_PATH_BYTES = 1024;

  private final Catalog catalog;
  private final PipeRegistry pipes;
  private final PipeFileHistory history;
  private final PipeLoader loader;
  private final Clock clock;

  SnowpipeService(
      Catalog catalog,
      PipeRegistry pipes,
      PipeFileHistory history,
      PipeFileIngest ingest,
      Clock clock) {
    this.catalog = catalog;
    this.pipes = pipes;
    this.history = history;
    this.clock = clock;
    this.loader = new PipeLoader(ingest::load, PipeLoader.defaultThreads());
    // Files queued before a restart of a persistent store are still owed a load.
    history.queued().forEach(loader::submit);
  }

  @Override
  public List<String> insertFiles(String pipe, String user, List<String> paths) {
    if (paths.size() > MAX_FILES_PER_REQUEST) {
      throw badRequest("The post can contain at most " + MAX_FILES_PER_REQUEST + " files.");
    }
    for (String path : paths) {
      if (path == null || path.isBlank()) {
        throw badRequest("A file path is missing.");
      }
      if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
        throw badRequest("File path is longer than " + MAX_PATH_BYTES + " bytes: " + path);
      }
    }
    Pipe p = authorized(pipe, user, "OPERATE");
    String patternText = p.copy().options().text("PATTERN");
    Pattern pattern = patternText == null ? null : Pattern.compile(patternText);
    Instant now = clock.instant();
    List<String> skipped = new ArrayList<>();
    for (String path : paths) {
      // PATTERN applies to the path relative to the pipe's location; non-matching paths are
      // not loaded (Snowflake lists them as unmatchedPatternFiles; we report them skipped).
      boolean matches = pattern == null || pattern.matcher(path).matches();
      if (matches && history.reserve(p.id(), path, user, now)) {
        loader.submit(new PipeFileHistory.Queued(p.id(), path, user, now));
      } else {
        skipped.add(path);
      }
    }
    return skipped;
  }

  @Override
  public Report insertReport(String pipe, String user, String beginMark) {
    Pipe p = authorized(pipe, user, "MONITOR");
    Instant since = clock.instant().minus(REPORT_WINDOW);
    long after = beginMark == null ? 0 : parseMark(beginMark);
    // Read before the events: a load completing between the two reads gets a higher number than
    // this, so it is in the events or in the next report. Read after them, a first report (no
    // mark) could hand out a mark past an event it did not contain, which no report then shows.
    long latest = beginMark == null ? history.latestSeq(p.id()) : after;
    long retainedFrom = history.retainedFrom(p.id(), since, MAX_EVENTS);
    List<PipeFileHistory.Event> events =
        history.after(p.id(), Math.max(after, retainedFrom - 1), since, MAX_EVENTS);
    boolean complete =
        beginMark == null || !history.missedAfter(p.id(), after, since, retainedFrom);
    long next;
    if (!events.isEmpty()) {
      next = events.get(events.size() - 1).seq();
    } else {
      next = latest;
    }
    return new Report(
        events.stream().map(PipeFileHistory.Event::load).toList(),
        "1_" + next,
        complete,
        history.activeCount(p.id()));
  }

  @Override
  public HistoryRange loadHistory(
      String pipe, String user, Instant startInclusive, Instant endExclusive) {
    if (startInclusive == null) {
      throw badRequest("startTimeInclusive is required.");
    }
    Pipe p = authorized(pipe, user, "MONITOR");
    Instant now = clock.instant();
    Instant end = endExclusive == null || endExclusive.isAfter(now) ? now : endExclusive;
    // The pipe's load metadata, and so its history, lasts 14 days.
    Instant retained = now.minus(PipeFileHistory.RETENTION);
    Instant start = startInclusive.isBefore(retained) ? retained : startInclusive;
    // One more than a call may list tells whether the range is complete.
    List<FileLoad> files =
        history.range(p.id(), start, end, MAX_EVENTS + 1).stream()
            .map(PipeFileHistory.Event::load)
            .toList();
    if (files.isEmpty()) {
      return new HistoryRange(files, true, startInclusive, end);
    }
    boolean complete = files.size() <= MAX_EVENTS;
    List<FileLoad> listed = complete ? files : files.subList(0, MAX_EVENTS);
    return new HistoryRange(
        listed,
        complete,
        listed.get(0).lastInsertTime(),
        listed.get(listed.size() - 1).lastInsertTime());
  }

  @Override
  public void pauseLoading(boolean paused) {
    loader.pause(paused);
  }

  /** Files submitted and not yet being loaded. */
  public int pendingFiles() {
    return loader.pending();
  }

  /**
   * Waits until every submitted file has been loaded; false on timeout (or while paused with files
   * queued). Tests use this instead of sleeping.
   */
  @Override
  public boolean awaitIdle(Duration timeout) {
    try {
      return loader.awaitIdle(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    loader.close();
  }

  /**
   * The pipe named in the URL, if the user's default role may use it: its owner, an admin role, or
   * a role granted {@code privilege} (OPERATE also allows what MONITOR allows).
   */
  private Pipe authorized(String pipeName, String user, String privilege) {
    ObjectName name = restName(pipeName);
    Optional<Pipe> pipe = name == null ? Optional.empty() : pipes.find(name);
    Optional<String> role =
        catalog.user(user).map(u -> u.defaultRole() == null ? "PUBLIC" : u.defaultRole());
    if (pipe.isEmpty() || role.isEmpty()) {
      throw notFound(pipeName);
    }
    Pipe p = pipe.get();
    SessionState session = p.session(user, role.get());
    boolean allowed =
        Ownership.allowed(catalog, session, p.owner(), privilege, "PIPE", p.name())
            || (privilege.equals("MONITOR")
                && Ownership.allowed(catalog, session, p.owner(), "OPERATE", "PIPE", p.name()));
    if (!allowed) {
      throw notFound(pipeName);
    }
    return p;
  }

  /**
   * {@code DB.SCHEMA.PIPE} as the client wrote it, resolved as SQL resolves names: unquoted parts
   * upper-cased, quoted ones exact. Null for anything else, which is then "not found".
   */
  private static ObjectName restName(String text) {
    try {
      ObjectName name = ObjectName.parse(text);
      return name.database() == null ? null : name;
    } catch (SnowflakeError e) {
      return null;
    }
  }

  private static long parseMark(String mark) {
    int underscore = mark.lastIndexOf('_');
    try {
      return Long.parseLong(mark.substring(underscore + 1).trim());
    } catch (NumberFormatException e) {
      throw badRequest("Invalid beginMark '" + mark + "'.");
    }
  }

  private static SnowpipeError notFound(String pipe) {
    return new SnowpipeError(
        404, "404", "Specified object does not exist or not authorized. Pipe not found: " + pipe);
  }

  private static SnowpipeError badRequest(String message) {
    return new SnowpipeError(400, "400", message);
  }
}
