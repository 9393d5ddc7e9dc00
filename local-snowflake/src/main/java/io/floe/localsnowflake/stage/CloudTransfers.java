package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.StatementResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GCS answers, as real accounts give them: presigned URLs on the local Snowflake's own port, one
 * per object, and a stage master key for this query ({@code encryptionMaterial}) with which the
 * driver encrypts uploads and decrypts downloads. For a PUT the driver asks again per file, with
 * the target name in place of the local path, and uploads to the URL of that answer; {@link
 * StageObjectStore} receives the bytes.
 */
final class CloudTransfers implements StageTransfers {
  private final StageStorage storage;
  private final StageKeys keys;
  private final PresignedUrls urls;

  CloudTransfers(StageStorage storage, StageKeys keys, PresignedUrls urls) {
    this.storage = storage;
    this.keys = keys;
    this.urls = urls;
  }

  @Override
  public StatementResult.Transfer upload(
      String queryId,
      StageLocation location,
      String source,
      boolean overwrite,
      boolean autoCompress) {
    Path dir = storage.resolve(location, location.directoryPath());
    String prefix = storage.objectName(dir);
    String fileName = source.substring(source.lastIndexOf('/') + 1);
    return new StatementResult.Transfer(
        "UPLOAD",
        List.of(source),
        "GCS",
        PresignedUrls.location(prefix),
        directory(location.stagePath()),
        overwrite,
        autoCompress,
        null,
        List.of(urls.url("PUT", prefix + "/" + fileName, queryId)),
        keys.material(queryId));
  }

  @Override
  public StatementResult.Transfer download(
      String queryId, StageLocation location, List<StagedFile> files, String target) {
    String base = storage.objectName(storage.stageDirectory(location));
    List<String> sources = new ArrayList<>();
    List<String> presigned = new ArrayList<>();
    for (StagedFile f : files) {
      sources.add(f.relativePath());
      presigned.add(urls.url("GET", base + "/" + f.relativePath(), queryId));
    }
    return new StatementResult.Transfer(
        "DOWNLOAD",
        sources,
        "GCS",
        PresignedUrls.location(base),
        directory(location.withPath("").stagePath()),
        false,
        false,
        target,
        presigned,
        keys.material(queryId));
  }

  /** {@code stageInfo.path} of cloud answers ends in '/' (empty stays empty). */
  private static String directory(String stagePath) {
    return stagePath.isEmpty() ? "" : stagePath + "/";
  }
}
