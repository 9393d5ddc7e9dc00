package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.StatementResult;
import java.util.List;

/**
 * How PUT and GET answer, i.e. where the driver moves the bytes itself: into or out of a directory
 * it shares with the server (LOCAL_FS), or to and from presigned cloud-storage URLs with
 * client-side encryption (GCS), as real accounts answer.
 */
interface StageTransfers {

  /**
   * The answer to a PUT of {@code source} (the command's local path, maybe with wildcards) into the
   * location.
   */
  StatementResult.Transfer upload(
      String queryId,
      StageLocation location,
      String source,
      boolean overwrite,
      boolean autoCompress);

  /** The answer to a GET of {@code files} into the command's local directory {@code target}. */
  StatementResult.Transfer download(
      String queryId, StageLocation location, List<StagedFile> files, String target);
}
