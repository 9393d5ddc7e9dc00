package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.ObjectName;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * COPY's load metadata, kept per target table: which staged file (stage + path) with which content
 * checksum was loaded, and when. A file is skipped when the same path with the same checksum was
 * loaded before; re-staging it with new content makes it loadable again, as in Snowflake. Separate
 * from Snowpipe's history, which is per pipe and keyed by path only.
 *
 * <p>As in Snowflake the metadata expires after 64 days, and then a file's load status may be
 * unknown: see {@link #skips}. Expired rows are kept (they are small) but no longer count, except
 * to date the table's first load.
 */
final class CopyLoadHistory {
  static final Duration RETENTION = Duration.ofDays(64);

  private final DuckStore store;
  private final MetadataTables tables;

  /** A loaded file: {@code fileKey} names stage and path, {@code checksum} its content. */
  record LoadedFile(String fileKey, String checksum) {}

  CopyLoadHistory(DuckStore store, MetadataTables tables) {
    this.store = store;
    this.tables = tables;
  }

  /**
   * Whether COPY (without FORCE) skips the file, by Snowflake's rules for load metadata: skipped if
   * loaded with this content in the last 64 days; loaded if it was staged (last modified) within 64
   * days, or the table's first load was within 64 days (or has not happened), since then its status
   * is known; otherwise its status is uncertain, and only LOAD_UNCERTAIN_FILES loads it.
   */
  boolean skips(
      ObjectName table,
      LoadedFile file,
      Instant lastModified,
      boolean loadUncertainFiles,
      Instant now) {
    Instant expiry = now.minus(RETENTION);
    if (loadedSince(table, file, expiry)) {
      return true;
    }
    if (!lastModified.isBefore(expiry)) {
      return false;
    }
    Optional<Instant> firstLoad = firstLoad(table);
    boolean statusKnown = firstLoad.isEmpty() || !firstLoad.get().isBefore(expiry);
    return !statusKnown && !loadUncertainFiles;
  }

  private boolean loadedSince(ObjectName table, LoadedFile file, Instant since) {
    return store.withConnection(
            c ->
                DuckStore.queryLong(
                    c,
                    "SELECT count(*) FROM "
                        + tables.copyLoads()
                        + " WHERE database_name = ? AND schema_name = ? AND table_name = ?"
                        + " AND file_key = ? AND checksum = ? AND loaded_on >= ?",
                    table.database(),
                    table.schema(),
                    table.name(),
                    file.fileKey(),
                    file.checksum(),
                    micros(since)))
        > 0;
  }

  /** When COPY first loaded a file into the table. */
  private Optional<Instant> firstLoad(ObjectName table) {
    List<Long> first =
        store.withConnection(
            c ->
                DuckStore.query(
                    c,
                    "SELECT min(loaded_on) FROM "
                        + tables.copyLoads()
                        + " WHERE database_name = ? AND schema_name = ? AND table_name = ?"
                        + " HAVING count(*) > 0",
                    rs -> rs.getLong(1),
                    table.database(),
                    table.schema(),
                    table.name()));
    return first.stream().findFirst().map(m -> Instant.EPOCH.plus(m, ChronoUnit.MICROS));
  }

  void record(ObjectName table, List<LoadedFile> files, Instant now) {
    if (files.isEmpty()) {
      return;
    }
    store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO " + tables.copyLoads() + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (LoadedFile f : files) {
              s.setString(1, table.database());
              s.setString(2, table.schema());
              s.setString(3, table.name());
              s.setString(4, f.fileKey());
              s.setString(5, f.checksum());
              s.setLong(6, micros(now));
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  private static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }
}
