package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.StatementResult;
import java.util.List;

/**
 * LOCAL_FS answers: the driver copies PUT files into the stage directory itself (so client and
 * server share a file system) and copies GET files out of it. Files land plain, as the driver
 * writes them.
 */
final class LocalFsTransfers implements StageTransfers {
  private final StageStorage storage;

  LocalFsTransfers(StageStorage storage) {
    this.storage = storage;
  }

  @Override
  public StatementResult.Transfer upload(
      String queryId,
      StageLocation location,
      String source,
      boolean overwrite,
      boolean autoCompress) {
    String dir = storage.uploadDirectory(location) + "/";
    return new StatementResult.Transfer(
        "UPLOAD",
        List.of(source),
        "LOCAL_FS",
        dir,
        location.stagePath(),
        overwrite,
        autoCompress,
        null,
        List.of(),
        null);
  }

  @Override
  public StatementResult.Transfer download(
      String queryId, StageLocation location, List<StagedFile> files, String target) {
    return new StatementResult.Transfer(
        "DOWNLOAD",
        files.stream().map(StagedFile::relativePath).toList(),
        "LOCAL_FS",
        storage.stageDirectory(location) + "/",
        location.stagePath(),
        false,
        false,
        target,
        List.of(),
        null);
  }
}
