package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.LocalClock;
import io.floe.localsnowflake.core.StageObjects;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Wires the stage package for one local Snowflake server: the statement handler (first in the
 * router), the Snowpipe service (behind the REST endpoints) and the stage objects (behind the
 * presigned URLs of cloud storage mode) share the stage directories under {@code stageRoot} and the
 * metadata in the DuckStore. Closing stops the Snowpipe loader.
 */
public final class LocalStages implements AutoCloseable {
  private final StageHandler handler;
  private final SnowpipeService snowpipe;
  private final StageObjects objects;

  private LocalStages(StageHandler handler, SnowpipeService snowpipe, StageObjects objects) {
    this.handler = handler;
    this.snowpipe = snowpipe;
    this.objects = objects;
  }

  /** LOCAL_FS mode: PUT and GET answers name the stage directories; the driver copies itself. */
  public static LocalStages open(DuckStore store, Catalog catalog, Path stageRoot) {
    return open(store, catalog, stageRoot, new LocalClock(Clock.systemUTC()));
  }

  /**
   * LOCAL_FS mode with the server's clock (load times, report windows, load metadata expiry, the
   * times LIST shows).
   */
  public static LocalStages open(
      DuckStore store, Catalog catalog, Path stageRoot, LocalClock clock) {
    return open(store, catalog, stageRoot, clock, null);
  }

  /**
   * Cloud storage mode, as real accounts answer: GCS transfers with presigned URLs on {@code
   * serverUrl} ({@code http://127.0.0.1:PORT}, asked when a URL is made), served by {@link
   * #objects()}, with client-side encryption; files are stored encrypted.
   */
  public static LocalStages openCloud(
      DuckStore store,
      Catalog catalog,
      Path stageRoot,
      LocalClock clock,
      Supplier<String> serverUrl) {
    return open(store, catalog, stageRoot, clock, serverUrl);
  }

  private static LocalStages open(
      DuckStore store,
      Catalog catalog,
      Path stageRoot,
      LocalClock clock,
      Supplier<String> serverUrl) {
    MetadataTables tables = new MetadataTables(store);
    SchemaObjects objects = new SchemaObjects(store, tables);
    StageKeys keys = StageKeys.open(stageRoot);
    StageStorage storage = new StageStorage(stageRoot, new SealedFiles(keys.atRestKey()), clock);
    StageTransfers transfers =
        serverUrl == null
            ? new LocalFsTransfers(storage)
            : new CloudTransfers(storage, keys, new PresignedUrls(serverUrl, keys, clock));
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
            new StageFileCommands(access, storage, transfers),
            new CopyExecutor(catalog, planner, storage, new CopyLoadHistory(store, tables), clock));
    SnowpipeService snowpipe =
        new SnowpipeService(
            catalog,
            pipes,
            pipeHistory,
            new PipeFileIngest(catalog, pipes, pipeHistory, planner, storage, clock),
            clock);
    return new LocalStages(handler, snowpipe, new StageObjectStore(storage, keys));
  }

  public StageHandler handler() {
    return handler;
  }

  public SnowpipeService snowpipe() {
    return snowpipe;
  }

  /** The stage files as objects, for the HTTP layer to serve at the presigned URLs. */
  public StageObjects objects() {
    return objects;
  }

  @Override
  public void close() {
    snowpipe.close();
  }
}
