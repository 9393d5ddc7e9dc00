package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.ObjectName;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * COPY's load metadata, kept per target table: which staged file (stage + path) with which content
 * checksum was loaded. A file is skipped when the same path with the same checksum was loaded
 * before; re-staging it with new content makes it loadable again, as in Snowflake. Separate from
 * Snowpipe's history, which is per pipe and keyed by path only.
 */
final class CopyLoadHistory {
  private final DuckStore store;
  private final MetadataTables tables;

  /** A loaded file: {@code fileKey} names stage and path, {@code checksum} its content. */
  record LoadedFile(String fileKey, String checksum) {}

  CopyLoadHistory(DuckStore store, MetadataTables tables) {
    this.store = store;
    this.tables = tables;
  }

  boolean wasLoaded(ObjectName table, LoadedFile file) {
    return store.withConnection(
            c ->
                DuckStore.queryLong(
                    c,
                    "SELECT count(*) FROM "
                        + tables.copyLoads()
                        + " WHERE database_name = ? AND schema_name = ? AND table_name = ?"
                        + " AND file_key = ? AND checksum = ?",
                    table.database(),
                    table.schema(),
                    table.name(),
                    file.fileKey(),
                    file.checksum()))
        > 0;
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
              s.setLong(6, ChronoUnit.MICROS.between(Instant.EPOCH, now));
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }
}
