package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.DuckStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires the stage package for one local Snowflake server: the statement handler (first in the
 * router) and the Snowpipe service (behind the REST endpoints) share the stage directories under
 * {@code stageRoot} and the metadata in the DuckStore. Closing stops the Snowpipe loader.
 */
public final class LocalStages implements AutoCloseable {
  private final StageHandler handler;
  private final SnowpipeService snowpipe;

  private LocalStages(StageHandler handler, SnowpipeService snowpipe) {
    this.handler = handler;
    this.snowpipe = snowpipe;
  }

  public static LocalStages open(DuckStore store, Catalog catalog, Path stageRoot) {
    return open(store, catalog, stageRoot, Clock.systemUTC());
  }

  public static LocalStages open(DuckStore store, Catalog catalog, Path stageRoot, Clock clock) {
    MetadataTables tables = new MetadataTables(store);
    SchemaObjects objects = new SchemaObjects(store, tables);
    StageStorage storage = new StageStorage(stageRoot);
    StageAccess access = new StageAccess(catalog, objects);
    FileFormats formats = new FileFormats(objects);
    CopyPlanner planner = new CopyPlanner(catalog, access, formats);
    PipeFileHistory pipeHistory = new PipeFileHistory(store, tables);
    PipeRegistry pipes = new PipeRegistry(objects, pipeHistory);
    StageHandler handler =
        new StageHandler(
            new StageDdl(catalog, objects, storage, clock),
            new PipeDdl(catalog, pipes, planner, clock),
            new FileFormatDdl(catalog, objects, clock),
            new StageFileCommands(access, storage),
            new CopyExecutor(catalog, planner, storage, new CopyLoadHistory(store, tables), clock));
    SnowpipeService snowpipe =
        new SnowpipeService(
            catalog,
            pipes,
            pipeHistory,
            new PipeFileIngest(catalog, pipes, pipeHistory, planner, storage, clock),
            clock);
    return new LocalStages(handler, snowpipe);
  }

  public StageHandler handler() {
    return handler;
  }

  public SnowpipeService snowpipe() {
    return snowpipe;
  }

  @Override
  public void close() {
    snowpipe.close();
  }
}
