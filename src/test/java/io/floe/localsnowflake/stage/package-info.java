/**
 * The local Snowflake's internal stages, loading and Snowpipe.
 *
 * <p>Entry point: {@link io.floe.localsnowflake.stage.LocalStages#open}, which gives the statement
 * handler (first in the router) and the {@link io.floe.localsnowflake.stage.SnowpipeService}
 * (behind the HTTP layer's Snowpipe endpoints). Stage files are plain files under a root directory,
 * one directory per stage, because the real driver copies PUT files there itself (LOCAL_FS); stage,
 * pipe and file format definitions and all load metadata live in a hidden schema of the DuckStore,
 * so a file-backed store keeps them.
 *
 * <p>By role: {@code StageHandler} recognises the commands; {@code StageDdl}, {@code PipeDdl} and
 * {@code FileFormatDdl} are their DDL, {@code StageFileCommands} PUT/GET/LIST/REMOVE over {@code
 * StageStorage}; {@code CopyParser} → {@code CopyPlanner} → {@code CopyExecutor} run COPY, reading
 * files with {@code FileLoader}/{@code JsonRecordReader} and remembering loads in {@code
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
 *   <li>Snowpipe loads on one background thread in submission order; each file is one event. Load
 *       events are reported for 10 minutes (insertReport), pipe load metadata blocks a path for 14
 *       days, COPY load metadata never expires and is not cleared by TRUNCATE or by recreating the
 *       table (this package is not told about either).
 *   <li>Error codes of COPY data errors: 100069/22P02 for JSON syntax (PARSE_JSON's code), the
 *       conversion codes of Snowflake's casts, and 100080/58030 (our choice) for a missing file.
 *   <li>File formats are visible to every role; stages and pipes to their owner, the admin roles
 *       and roles the catalog says were granted a privilege on them.
 *   <li>Not supported (clear 000002 errors): external stages, directory tables, AUTO_INGEST, COPY
 *       INTO a location, VALIDATION_MODE, WHERE in a COPY transformation. As in Snowflake, a pipe
 *       cannot load from a user stage.
 * </ul>
 */
package io.floe.localsnowflake.stage;
