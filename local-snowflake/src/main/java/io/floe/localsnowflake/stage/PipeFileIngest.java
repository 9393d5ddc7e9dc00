package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Snowpipe.FileLoad;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Loads one file submitted to a pipe, with Snowpipe's semantics: the pipe's COPY runs as the pipe's
 * owner, ON_ERROR defaults to SKIP_FILE, and the outcome becomes a load event. A submitted file
 * that is not on the stage is recorded as LOAD_FAILED with COPY's "Remote file … was not found" as
 * first error (what Snowflake does is undocumented; failing visibly beats hanging).
 */
final class PipeFileIngest {
  private final Catalog catalog;
  private final PipeRegistry pipes;
  private final PipeFileHistory history;
  private final CopyPlanner planner;
  private final StageStorage storage;
  private final Clock clock;

  PipeFileIngest(
      Catalog catalog,
      PipeRegistry pipes,
      PipeFileHistory history,
      CopyPlanner planner,
      StageStorage storage,
      Clock clock) {
    this.catalog = catalog;
    this.pipes = pipes;
    this.history = history;
    this.planner = planner;
    this.storage = storage;
    this.clock = clock;
  }

  void load(PipeFileHistory.Queued queued) {
    Optional<Pipe> found = pipes.byId(queued.pipeId());
    if (found.isEmpty()) {
      return; // dropped or replaced since: its history went with it
    }
    Pipe pipe = found.get();
    SessionState session = pipe.session(queued.submittedBy(), pipe.owner());
    FileLoad load;
    try {
      load = loadFile(pipe, session, queued);
    } catch (SnowflakeError | UncheckedIOException e) {
      // The pipe cannot run at all (table dropped, privilege revoked, store failure).
      load = failed(queued, "", 1, e.getMessage(), null, e.getMessage());
    }
    history.complete(pipe.id(), load);
  }

  private FileLoad loadFile(Pipe pipe, SessionState session, PipeFileHistory.Queued queued) {
    CopyTarget target = planner.plan(session, pipe.copy());
    OnError onError =
        target.options().onError() == null ? OnError.SKIP_FILE : target.options().onError();
    StageLocation location = target.location();
    String relative = location.directoryPath() + queued.path();
    String fileName = location.displayName(relative);
    Optional<StagedFile> file = storage.file(location, relative);
    if (file.isEmpty()) {
      return failed(
          queued,
          location.stageLocation(),
          onError.errorLimit(0),
          LoadError.remoteFileMissing(fileName).message(),
          null,
          null);
    }
    FileLoader.Result result = FileLoader.load(target, storage, file.get(), fileName, onError);
    if (!result.rows().isEmpty()) {
      catalog.insert(session, target.table(), target.columnNames(), result.rows());
    }
    FileOutcome o = result.outcome();
    LoadError e = o.firstError();
    return new FileLoad(
        queued.path(),
        location.stageLocation(),
        file.get().size(),
        queued.timeReceived(),
        clock.instant(),
        o.rowsLoaded(),
        o.rowsParsed(),
        o.errorsSeen(),
        o.errorLimit(),
        e == null ? null : e.message(),
        e == null || e.line() == 0 ? null : e.line(),
        e == null || e.line() == 0 ? null : e.character(),
        e == null ? null : e.columnName(),
        null,
        true,
        o.status());
  }

  private FileLoad failed(
      PipeFileHistory.Queued queued,
      String stageLocation,
      long errorLimit,
      String firstError,
      String columnName,
      String systemError) {
    Instant now = clock.instant();
    return new FileLoad(
        queued.path(),
        stageLocation,
        0,
        queued.timeReceived(),
        now,
        0,
        0,
        1,
        errorLimit,
        firstError,
        null,
        null,
        columnName,
        systemError,
        true,
        FileOutcome.LOAD_FAILED);
  }
}
