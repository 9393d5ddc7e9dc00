package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.ResultColumn;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Runs a bulk {@code COPY INTO <table>}: picks the stage's files (prefix, FILES, PATTERN), skips
 * those the table's load metadata says were loaded with the same content, or cannot tell about
 * (unless FORCE; see {@link CopyLoadHistory#skips}), reads them, and inserts every loaded row in
 * one atomic insert, as Snowflake runs a COPY in one transaction. Load metadata is written only
 * after the insert succeeded.
 */
final class CopyExecutor {
  /** SFStatementType.COPY: the driver sums the rows_loaded column into the update count. */
  static final long COPY_STATEMENT_TYPE = 0x3600;

  static final List<ResultColumn> RESULT_COLUMNS =
      List.of(
          ResultColumn.text("file"),
          ResultColumn.text("status"),
          ResultColumn.number("rows_parsed"),
          ResultColumn.number("rows_loaded"),
          ResultColumn.number("error_limit"),
          ResultColumn.number("errors_seen"),
          ResultColumn.text("first_error"),
          ResultColumn.number("first_error_line"),
          ResultColumn.number("first_error_character"),
          ResultColumn.text("first_error_column_name"));

  private final Catalog catalog;
  private final CopyPlanner planner;
  private final StageStorage storage;
  private final CopyLoadHistory history;
  private final Clock clock;
  private final Map<ObjectName, Object> tableLocks = new ConcurrentHashMap<>();

  CopyExecutor(
      Catalog catalog,
      CopyPlanner planner,
      StageStorage storage,
      CopyLoadHistory history,
      Clock clock) {
    this.catalog = catalog;
    this.planner = planner;
    this.storage = storage;
    this.history = history;
    this.clock = clock;
  }

  StatementResult.Rows execute(SessionState session, CopyStatement copy) {
    return execute(session, copy, null);
  }

  /** {@code queryId}: the statement's, for the SchemaEvolutionRecord (null: one is made up). */
  StatementResult.Rows execute(SessionState session, CopyStatement copy, String queryId) {
    CopyTarget target = planner.plan(session, copy);
    // One COPY per table at a time: checking and recording load metadata must not interleave,
    // or two concurrent COPYs would both load the same file.
    synchronized (tableLocks.computeIfAbsent(target.table().name(), n -> new Object())) {
      return load(session, copy, target, queryId == null ? UUID.randomUUID().toString() : queryId);
    }
  }

  private StatementResult.Rows load(
      SessionState session, CopyStatement copy, CopyTarget planned, String queryId) {
    CopyOptions options = planned.options();
    OnError onError = options.onError() == null ? OnError.ABORT_STATEMENT : options.onError();
    List<FileOutcome> outcomes = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    List<CopyLoadHistory.LoadedFile> loaded = new ArrayList<>();
    List<StagedFile> toPurge = new ArrayList<>();
    List<Candidate> toRead = new ArrayList<>();
    for (Candidate candidate : candidates(planned)) {
      if (candidate.file().isEmpty()
          || options.force()
          || !history.skips(
              planned.table().name(),
              loadedFile(planned, candidate.file().get()),
              candidate.file().get().lastModified(),
              options.loadUncertainFiles(),
              clock.instant())) {
        toRead.add(candidate);
      }
    }
    CopyTarget target =
        EvolutionScan.applies(copy, planned)
            ? evolved(session, copy, planned, toRead, queryId)
            : planned;
    for (Candidate candidate : toRead) {
      String name = target.location().displayName(candidate.relativePath());
      if (candidate.file().isEmpty()) {
        LoadError error = LoadError.remoteFileMissing(name);
        if (onError.mode() == OnError.Mode.ABORT_STATEMENT) {
          throw new SnowflakeError(error.code(), error.sqlState(), error.message());
        }
        outcomes.add(FileOutcome.failed(name, onError.errorLimit(0), error));
        continue;
      }
      StagedFile file = candidate.file().get();
      var key = loadedFile(target, file);
      FileLoader.Result result = FileLoader.load(target, storage, file, name, onError);
      FileOutcome outcome = result.outcome();
      if (onError.mode() == OnError.Mode.ABORT_STATEMENT && outcome.errorsSeen() > 0) {
        throw outcome.firstError().abort(name);
      }
      outcomes.add(outcome);
      rows.addAll(result.rows());
      if (!outcome.status().equals(FileOutcome.LOAD_FAILED)) {
        loaded.add(key);
        toPurge.add(file);
      }
    }
    if (outcomes.isEmpty()) {
      return new StatementResult.Rows(
          List.of(ResultColumn.text("status")),
          List.of(List.of("Copy executed with 0 files processed.")),
          COPY_STATEMENT_TYPE);
    }
    if (!rows.isEmpty()) {
      catalog.insert(session, target.table(), target.columnNames(), rows);
    }
    history.record(target.table().name(), loaded, clock.instant());
    if (options.purge()) {
      toPurge.forEach(f -> storage.remove(target.location(), f));
    }
    return new StatementResult.Rows(
        RESULT_COLUMNS, resultRows(outcomes, options), COPY_STATEMENT_TYPE);
  }

  private record Candidate(String relativePath, Optional<StagedFile> file) {}

  private static CopyLoadHistory.LoadedFile loadedFile(CopyTarget target, StagedFile file) {
    return new CopyLoadHistory.LoadedFile(
        target.location().stageKey() + "/" + file.relativePath(), file.md5());
  }

  /**
   * The target after the table evolved for the files about to load (schema evolution), planned
   * again when the table changed.
   */
  private CopyTarget evolved(
      SessionState session,
      CopyStatement copy,
      CopyTarget target,
      List<Candidate> toRead,
      String queryId) {
    Map<StagedFile, String> files = new LinkedHashMap<>();
    for (Candidate c : toRead) {
      c.file().ifPresent(f -> files.put(f, target.location().displayName(c.relativePath())));
    }
    EvolutionScan.Changes changes = EvolutionScan.scan(target, storage, files);
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
                "COPY", "queryId", queryId, clock.instant(), changes.fileOf()));
    return after.equals(target.table()) ? target : planner.plan(session, copy);
  }

  /**
   * FILES names paths relative to the FROM location (and wins over PATTERN); otherwise every file
   * under the location whose stage-relative path fully matches PATTERN.
   */
  private List<Candidate> candidates(CopyTarget target) {
    StageLocation location = target.location();
    CopyOptions options = target.options();
    if (options.files() != null) {
      List<Candidate> named = new ArrayList<>();
      for (String f : options.files()) {
        String relative = location.directoryPath() + f;
        named.add(new Candidate(relative, storage.file(location, relative)));
      }
      return named;
    }
    Pattern pattern = options.pattern() == null ? null : Pattern.compile(options.pattern());
    return storage.list(location).stream()
        .filter(f -> pattern == null || pattern.matcher(f.relativePath()).matches())
        .map(f -> new Candidate(f.relativePath(), Optional.of(f)))
        .toList();
  }

  private static List<List<String>> resultRows(List<FileOutcome> outcomes, CopyOptions options) {
    List<List<String>> rows = new ArrayList<>();
    for (FileOutcome o : outcomes) {
      if (options.returnFailedOnly() && o.errorsSeen() == 0) {
        continue;
      }
      LoadError e = o.firstError();
      rows.add(
          Arrays.asList(
              o.file(),
              o.status(),
              Long.toString(o.rowsParsed()),
              Long.toString(o.rowsLoaded()),
              Long.toString(o.errorLimit()),
              Long.toString(o.errorsSeen()),
              e == null ? null : e.message(),
              e == null || e.line() == 0 ? null : Long.toString(e.line()),
              e == null || e.line() == 0 ? null : Long.toString(e.character()),
              e == null ? null : e.columnName()));
    }
    return rows;
  }
}
