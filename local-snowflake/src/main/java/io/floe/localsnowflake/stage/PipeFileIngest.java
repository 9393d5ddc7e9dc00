package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Snowpipe.FileLoad;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  /**
   * Loads files queued on one pipe, in order. Those submitted by the same user share one plan of
   * the pipe's COPY and one insert: a file's rows become visible with its load event, as in
   * Snowflake, and an insert that fails (table dropped, privilege revoked) fails each file of it.
   */
  void load(List<PipeFileHistory.Queued> batch) {
    Optional<Pipe> found = pipes.byId(batch.get(0).pipeId());
    if (found.isEmpty()) {
      return; // dropped or replaced since: its history went with it
    }
    Pipe pipe = found.get();
    for (int from = 0; from < batch.size(); ) {
      String user = batch.get(from).submittedBy();
      int to = from;
      while (to < batch.size() && Objects.equals(batch.get(to).submittedBy(), user)) {
        to++;
      }
      List<PipeFileHistory.Queued> sameUser = batch.subList(from, to);
      SessionState session = pipe.session(user, pipe.owner());
      List<FileLoad> loads;
      try {
        loads = loadFiles(pipe, session, sameUser);
      } catch (SnowflakeError | UncheckedIOException e) {
        // The pipe cannot run at all (table dropped, privilege revoked, store failure).
        loads = new ArrayList<>();
        for (PipeFileHistory.Queued queued : sameUser) {
          loads.add(failed(queued, "", 1, e.getMessage(), null, e.getMessage()));
        }
      }
      history.completeAll(pipe.id(), loads);
      from = to;
    }
  }

  /**
   * A file read for the insert (its rows are in the shared list, its outcome here), or one that was
   * not on the stage ({@code missing}, its load event already decided).
   */
  private record Read(
      PipeFileHistory.Queued queued,
      String stageLocation,
      long size,
      FileOutcome outcome,
      FileLoad missing) {}

  private List<FileLoad> loadFiles(
      Pipe pipe, SessionState session, List<PipeFileHistory.Queued> files) {
    CopyTarget target = planner.plan(session, pipe.copy());
    OnError onError =
        target.options().onError() == null ? OnError.SKIP_FILE : target.options().onError();
    StageLocation location = target.location();
    List<Optional<StagedFile>> staged = new ArrayList<>();
    for (PipeFileHistory.Queued queued : files) {
      staged.add(storage.file(location, location.directoryPath() + queued.path()));
    }
    if (EvolutionScan.applies(pipe.copy(), target)) {
      target = evolved(pipe, session, target, staged);
    }
    List<List<Object>> rows = new ArrayList<>();
    List<Read> reads = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      PipeFileHistory.Queued queued = files.get(i);
      String relative = location.directoryPath() + queued.path();
      String fileName = location.displayName(relative);
      Optional<StagedFile> file = staged.get(i);
      if (file.isEmpty()) {
        FileLoad missing =
            failed(
                queued,
                location.stageLocation(),
                onError.errorLimit(0),
                LoadError.remoteFileMissing(fileName).message(),
                null,
                null);
        reads.add(new Read(queued, location.stageLocation(), 0, null, missing));
        continue;
      }
      FileLoader.Result result = FileLoader.load(target, storage, file.get(), fileName, onError);
      rows.addAll(result.rows());
      reads.add(
          new Read(queued, location.stageLocation(), file.get().size(), result.outcome(), null));
    }
    if (!rows.isEmpty()) {
      catalog.insert(session, target.table(), target.columnNames(), rows);
    }
    Instant loadedAt = clock.instant();
    List<FileLoad> loads = new ArrayList<>();
    for (Read read : reads) {
      if (read.missing() != null) {
        loads.add(read.missing());
        continue;
      }
      FileOutcome o = read.outcome();
      LoadError e = o.firstError();
      loads.add(
          new FileLoad(
              read.queued().path(),
              read.stageLocation(),
              read.size(),
              read.queued().timeReceived(),
              loadedAt,
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
              o.status()));
    }
    return loads;
  }

  /**
   * The target after the table evolved for these files (Snowpipe's schema evolution), planned again
   * when the table changed.
   */
  private CopyTarget evolved(
      Pipe pipe, SessionState session, CopyTarget target, List<Optional<StagedFile>> staged) {
    Map<StagedFile, String> named = new LinkedHashMap<>();
    for (Optional<StagedFile> f : staged) {
      f.ifPresent(file -> named.put(file, target.location().displayName(file.relativePath())));
    }
    EvolutionScan.Changes changes = EvolutionScan.scan(target, storage, named);
    if (changes.isEmpty()) {
      return target;
    }
    Catalog.TableInfo after =
        catalog.evolve(
            session,
            target.table(),
            changes.add(),
            changes.relax(),
            new Catalog.EvolutionTrigger(
                "SNOWPIPE", "pipeId", Long.toString(pipe.id()), clock.instant(), changes.fileOf()));
    return after.equals(target.table()) ? target : planner.plan(session, pipe.copy());
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
