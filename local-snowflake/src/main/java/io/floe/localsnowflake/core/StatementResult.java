package io.floe.localsnowflake.core;

import java.util.List;

/** What a statement produces: rows, or a file-transfer plan for PUT and GET. */
public sealed interface StatementResult permits StatementResult.Rows, StatementResult.Transfer {

  /**
   * A result set. Values are the wire's text forms (see {@link SfType}); null is SQL NULL. {@code
   * statementTypeId} is Snowflake's statement type (SELECT 0x1000, DDL 0x6000, …): the driver uses
   * it to decide between a result set and an update count.
   */
  record Rows(List<ResultColumn> columns, List<List<String>> rows, long statementTypeId)
      implements StatementResult {

    public static final long SELECT = 0x1000;
    public static final long DDL = 0x6000;

    /** The one-row {@code status} answer Snowflake gives to DDL. */
    public static Rows status(String message) {
      return new Rows(List.of(ResultColumn.text("status")), List.of(List.of(message)), DDL);
    }
  }

  /**
   * A PUT or GET: the server only tells the driver where the bytes go (or come from); the driver
   * moves them itself. The HTTP layer renders this as the {@code data} of the answer (see
   * ../shared/reference/snowflake-wire-protocol.md, "PUT, stream upload, LIST, REMOVE").
   *
   * @param command UPLOAD or DOWNLOAD
   * @param sourceLocations UPLOAD: the local path(s) of the command, after {@code file://};
   *     DOWNLOAD: stage-relative paths of the files to fetch
   * @param locationType LOCAL_FS (the driver copies into/out of {@code location} itself) or GCS
   * @param location LOCAL_FS: absolute directory ending in '/'; GCS: {@code bucket/path/}
   * @param stagePath stage-relative prefix as Snowflake reports it, e.g. {@code
   *     mystage/some/prefix}
   * @param localLocation DOWNLOAD: the target directory of the command; UPLOAD: null
   * @param presignedUrls GCS: one URL per source location (UPLOAD: the single target URL); else
   *     empty
   * @param encryption the per-query stage master key, or null for no client-side encryption
   */
  record Transfer(
      String command,
      List<String> sourceLocations,
      String locationType,
      String location,
      String stagePath,
      boolean overwrite,
      boolean autoCompress,
      String localLocation,
      List<String> presignedUrls,
      Encryption encryption)
      implements StatementResult {}

  /** {@code encryptionMaterial}: base64 AES key, the query it was issued for, its id. */
  record Encryption(String queryStageMasterKey, String queryId, long smkId) {}
}
