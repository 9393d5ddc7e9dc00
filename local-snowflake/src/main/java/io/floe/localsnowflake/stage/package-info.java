/**
 * The local Snowflake's internal stages, loading and Snowpipe.
 *
 * <p>Entry points: {@link io.floe.localsnowflake.stage.LocalStages#openCloud} (cloud storage mode,
 * what LocalSnowflake uses by default) and {@link io.floe.localsnowflake.stage.LocalStages#open}
 * (LOCAL_FS mode), which give the statement handler (first in the router), the {@link
 * io.floe.localsnowflake.stage.SnowpipeService} (behind the HTTP layer's Snowpipe endpoints) and
 * the stage objects (behind the presigned URLs). Stage files live under a root directory, one
 * directory per stage, under their stage-relative paths: plain in LOCAL_FS mode (the real driver
 * copies PUT files there itself), sealed in cloud mode (the driver's ciphertext under a re-wrapped
 * key). Stage, pipe and file format definitions and all load metadata live in a hidden schema of
 * the DuckStore, so a file-backed store keeps them; the key file {@code .stage-keys} sits beside
 * the stage directories.
 *
 * <p>By role: {@code StageHandler} recognises the commands; {@code StageDdl}, {@code PipeDdl} and
 * {@code FileFormatDdl} are their DDL, {@code StageFileCommands} PUT/GET/LIST/REMOVE over {@code
 * StageStorage}, answering PUT and GET through {@code StageTransfers} ({@code LocalFsTransfers} or
 * {@code CloudTransfers} with {@code PresignedUrls}); {@code StageObjectStore} receives and sends
 * the objects, with {@code StageKeys} (secrets), {@code EnvelopeCrypto} (the driver's encryption)
 * and {@code SealedFiles} (the at-rest format); {@code CopyParser} → {@code CopyPlanner} → {@code
 * CopyExecutor} run COPY (evolving the table first with {@code EvolutionScan} when it has schema
 * evolution), reading files with {@code FileLoader}/{@code JsonRecordReader} (or, for the pipes'
 * projection, {@code Utf8ProjectionReader} straight from bytes) and remembering loads in {@code
 * CopyLoadHistory}; {@code SnowpipeService} queues files on {@code PipeLoader}, which loads them
 * with {@code PipeFileIngest} and records events in {@code PipeFileHistory}.
 *
 * <p>Deliberate differences from Snowflake (documented behaviour is followed elsewhere):
 *
 * <ul>
 *   <li>Only JSON files; compression AUTO (gzip detected by magic bytes), GZIP or NONE. A COPY with
 *       no FILE_FORMAT anywhere is refused (Snowflake would use CSV).
 *   <li>A JSON syntax error ends the file: the rows before it count, nothing after it is read (what
 *       Snowflake is reported to do; undocumented). Parse error reasons are Jackson's diagnosis in
 *       Snowflake's words for the common cases.
 *   <li>PATTERN must match the whole stage-relative path (Java {@code matches}); LIST and REMOVE
 *       also accept a match of the listed name. Whether Snowflake uses find or match is
 *       undocumented.
 *   <li>A path submitted to a pipe that is not on the stage is recorded as LOAD_FAILED with COPY's
 *       "Remote file … was not found" as first error (Snowflake's behaviour is undocumented). Paths
 *       that do not match the pipe's PATTERN are returned as skipped and not loaded.
 *   <li>Snowpipe's REST calls resolve the pipe name in the URL as SQL does (unquoted parts
 *       case-insensitively, quoted parts exactly).
 *   <li>Snowpipe loads pipes in parallel, each pipe's files in submission order; each file is one
 *       event. The windows are Snowflake's, in the server's clock: insertReport keeps the 10,000
 *       most recent events of 10 minutes, loadHistoryScan 14 days (10,000 entries a call), pipe
 *       load metadata blocks a path for 14 days, COPY load metadata lasts 64 days. COPY load
 *       metadata is not cleared by TRUNCATE or by recreating the table (this package is not told
 *       about either).
 *   <li>Error codes of COPY data errors: 100069/22P02 for JSON syntax (PARSE_JSON's code), the
 *       conversion codes of Snowflake's casts, and 100080/58030 (our choice) for a missing file.
 *   <li>Schema evolution on load (MATCH_BY_COLUMN_NAME into a table with ENABLE_SCHEMA_EVOLUTION):
 *       the types of added columns, their names under CASE_SENSITIVE and the handling of keys past
 *       the 100-column limit (ignored by that load) are our choices, Snowflake documents none
 *       ({@code EvolutionScan}). The code of the "match_by_column_name is not supported with copy
 *       transform" error (002099) is ours.
 *   <li>File formats are visible to every role; stages and pipes to their owner, the admin roles
 *       and roles the catalog says were granted a privilege on them.
 *   <li>Not supported (clear 000002 errors): external stages, directory tables, AUTO_INGEST, COPY
 *       INTO a location, VALIDATION_MODE, WHERE in a COPY transformation. As in Snowflake, a pipe
 *       cannot load from a user stage.
 *   <li>Cloud storage mode speaks GCS only (no S3 or Azure answers), over plain http on the
 *       server's own port, with presigned URLs only (no GCS token mode, so the driver's
 *       uploadWithoutConnection works only for drivers up to 3.24.0). The URLs' X-Goog parameters
 *       are decoration; our own signature binds method, object and query; URLs do not expire. Stage
 *       master keys are derived per query from a server secret, 128 bits, smkId 4711.
 *   <li>Cloud mode: an upload that does not decrypt or does not match its sfc-digest is refused
 *       (400 BadDigest); GCS would store it. This is what a driver's resend after a 503 on the
 *       storage PUT runs into (it resends from a consumed stream).
 *   <li>Cloud mode: PUT without OVERWRITE replaces an existing file. The driver skips its own
 *       existing-file check for presigned-URL stages and nothing else checks; what Snowflake does
 *       server-side is undocumented.
 *   <li>Cloud mode: LIST's size is the uploaded (compressed) file's, as documented; its md5 is that
 *       of the stored, encrypted bytes, so it differs from the local file's and changes with every
 *       upload (Snowflake's docs say the md5 of an encrypted internal stage file differs from the
 *       local file's). COPY's load metadata uses that md5, so re-uploading the same content makes
 *       COPY load it again.
 *   <li>Files staged in LOCAL_FS mode are stored plain; files staged in cloud mode are stored
 *       sealed. One data directory may be used in both modes: COPY, Snowpipe and cloud GET read
 *       either kind, but a LOCAL_FS GET copies a sealed file as stored.
 * </ul>
 */
package io.floe.localsnowflake.stage;
