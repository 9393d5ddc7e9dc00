package io.floe.localsnowflake.streaming;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.Catalog.TableInfo;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.LocalClock;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelKey;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelOutcome;
import io.floe.localsnowflake.streaming.StreamingCalls.Chunk;
import io.floe.localsnowflake.streaming.StreamingCalls.ChunkChannel;
import io.floe.localsnowflake.streaming.StreamingCalls.ChunkStatus;
import io.floe.localsnowflake.streaming.StreamingCalls.ColumnMetadata;
import io.floe.localsnowflake.streaming.StreamingCalls.StreamingException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Registers one chunk of an uploaded blob: checks its channels (a channel re-opened since, by this
 * or another client, has a newer client sequencer and fences the chunk: code 20), reads its rows
 * and inserts them together with each channel's new row sequencer and offset token in ONE DuckDB
 * transaction, which is what makes offset tokens exactly-once. A chunk already registered (the SDK
 * re-sends a registration whose answer it did not get) succeeds again without inserting. Chunks mix
 * channels of one table and their rows carry no channel, so one bad channel rejects the whole
 * chunk; its other channels get code 22, as in Snowflake.
 */
final class BlobRegistrar {
  private final DuckStore store;
  private final Catalog catalog;
  private final ChannelStore channels;
  private final TableResolver resolver;
  private final ChunkReader reader;
  private final LocalClock clock;

  BlobRegistrar(
      DuckStore store,
      Catalog catalog,
      ChannelStore channels,
      TableResolver resolver,
      ChunkReader reader,
      LocalClock clock) {
    this.store = store;
    this.catalog = catalog;
    this.channels = channels;
    this.resolver = resolver;
    this.reader = reader;
    this.clock = clock;
  }

  ChunkStatus register(SessionState session, String blobPath, Chunk chunk) {
    List<ChunkChannel> parts = chunk.channels() == null ? List.of() : chunk.channels();
    List<ChannelKey> keys = new ArrayList<>();
    ChannelKey table;
    try {
      table = resolver.table(chunk.database(), chunk.schema(), chunk.table());
      for (ChunkChannel part : parts) {
        keys.add(resolver.key(chunk.database(), chunk.schema(), chunk.table(), part.channel()));
      }
    } catch (StreamingException e) {
      return uniform(chunk.database(), chunk.schema(), chunk.table(), parts, keys, e.code());
    }
    try {
      if (parts.isEmpty()) {
        throw new StreamingException(StreamingCode.MISSING_CHANNEL_NAME, null);
      }
      if (new HashSet<>(keys).size() != keys.size()) {
        throw new StreamingException(StreamingCode.DUPLICATE_CHANNEL_IN_CHUNK, null);
      }
      if (store.withConnection(c -> channels.chunkRegistered(c, blobPath, chunk.startOffset()))) {
        return uniform(table, parts, keys, StreamingCode.SUCCESS);
      }
      Optional<ChunkStatus> refused = store.withConnection(c -> check(c, table, parts, keys));
      if (refused.isPresent()) {
        return refused.get();
      }
      TableInfo info = resolver.table(session, table);
      List<ColumnMetadata> columns = TableResolver.columns(info);
      ChannelStore.TableKey key =
          channels.tableKey(table.database(), table.schema(), table.table());
      ChunkReader.Rows read =
          reader.read(
              blobPath,
              chunk,
              key.key(),
              name ->
                  column(name, columns).filter(c -> c.logicalType().equals("BINARY")).isPresent());
      List<ColumnMetadata> targets = targets(read.columns(), columns);
      List<List<Object>> rows = values(targets, read.rows());
      List<String> names = targets.stream().map(ColumnMetadata::name).toList();
      return commit(session, info, blobPath, chunk, table, parts, keys, names, rows);
    } catch (StreamingException e) {
      return uniform(table, parts, keys, e.code());
    }
  }

  /** The catalog's values of the chunk's rows, in {@code targets}' order. */
  private static List<List<Object>> values(List<ColumnMetadata> targets, List<List<Object>> raw) {
    List<List<Object>> rows = new ArrayList<>(raw.size());
    try {
      for (List<Object> values : raw) {
        List<Object> row = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
          row.add(StreamingColumns.value(targets.get(i), values.get(i)));
        }
        rows.add(row);
      }
    } catch (ArithmeticException | DateTimeException | IllegalArgumentException e) {
      // Encoded for other column types than the table has now: the table changed since the open.
      throw new StreamingException(StreamingCode.MISSING_COLUMN_IN_EP_INFO, e.getMessage());
    }
    return rows;
  }

  /** Inserts the rows and moves the channels on, or nothing at all. */
  private ChunkStatus commit(
      SessionState session,
      TableInfo info,
      String blobPath,
      Chunk chunk,
      ChannelKey table,
      List<ChunkChannel> parts,
      List<ChannelKey> keys,
      List<String> columns,
      List<List<Object>> rows) {
    return store.withConnection(
        c -> {
          c.setAutoCommit(false);
          try {
            // Checked again under the lock: an open or a registration may have come between.
            if (channels.chunkRegistered(c, blobPath, chunk.startOffset())) {
              c.rollback();
              return uniform(table, parts, keys, StreamingCode.SUCCESS);
            }
            Optional<ChunkStatus> refused = check(c, table, parts, keys);
            if (refused.isPresent()) {
              c.rollback();
              return refused.get();
            }
            if (!rows.isEmpty()) {
              catalog.insert(session, info, columns, rows);
            }
            Instant now = clock.instant();
            for (int i = 0; i < parts.size(); i++) {
              ChunkChannel part = parts.get(i);
              channels.commit(c, keys.get(i), part.rowSequencer(), part.offsetToken(), now);
            }
            channels.chunkCommitted(c, blobPath, chunk.startOffset(), now);
            c.commit();
            return uniform(table, parts, keys, StreamingCode.SUCCESS);
          } catch (SnowflakeError e) {
            // The rows no longer fit the table (altered or re-created since the open).
            c.rollback();
            return uniform(table, parts, keys, StreamingCode.MISSING_COLUMN_IN_EP_INFO);
          } catch (RuntimeException | SQLException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        });
  }

  /** Refuses the chunk when any of its channels is unknown, fenced or out of order. */
  private Optional<ChunkStatus> check(
      Connection c, ChannelKey table, List<ChunkChannel> parts, List<ChannelKey> keys)
      throws SQLException {
    List<StreamingCode> codes = new ArrayList<>();
    boolean bad = false;
    long tableCreated = resolver.created(table);
    for (int i = 0; i < parts.size(); i++) {
      // A channel of a dropped table is gone with it, even when the name exists again.
      Optional<ChannelStore.Channel> persisted =
          channels.channel(c, keys.get(i)).filter(ch -> ch.belongsTo(tableCreated));
      StreamingCode code;
      if (persisted.isEmpty()) {
        code = StreamingCode.CHANNEL_DOES_NOT_EXIST_OR_IS_NOT_AUTHORIZED;
      } else if (persisted.get().clientSequencer() != parts.get(i).clientSequencer()) {
        code = StreamingCode.CHANNEL_HAS_INVALID_CLIENT_SEQUENCER;
      } else if (parts.get(i).rowSequencer() != persisted.get().rowSequencer() + 1) {
        // Each flush of a channel takes the next row sequencer, so a gap means a chunk of this
        // instance never arrived (its blob failed to upload): taking the later one would skip its
        // rows while the token moved past them. Snowflake answers 21: the channel is reopened.
        code = StreamingCode.CHANNEL_HAS_INVALID_ROW_SEQUENCER;
      } else {
        code = StreamingCode.SUCCESS;
      }
      bad |= code != StreamingCode.SUCCESS;
      codes.add(code);
    }
    if (!bad) {
      return Optional.empty();
    }
    List<ChannelOutcome> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      StreamingCode code =
          codes.get(i) == StreamingCode.SUCCESS
              ? StreamingCode.OTHER_CHANNEL_IN_CHUNK_HAS_ISSUE
              : codes.get(i);
      out.add(new ChannelOutcome(keys.get(i).channel(), parts.get(i).clientSequencer(), code));
    }
    return Optional.of(new ChunkStatus(table.database(), table.schema(), table.table(), out));
  }

  /** The table column of each Parquet column, by name (exactly, else ignoring case). */
  private static List<ColumnMetadata> targets(
      List<String> parquetColumns, List<ColumnMetadata> columns) {
    List<ColumnMetadata> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : parquetColumns) {
      ColumnMetadata match =
          column(name, columns)
              .orElseThrow(
                  () -> new StreamingException(StreamingCode.MISSING_COLUMN_IN_EP_INFO, name));
      if (!seen.add(match.name())) {
        throw new StreamingException(StreamingCode.MISSING_COLUMN_IN_EP_INFO, name);
      }
      out.add(match);
    }
    return out;
  }

  /** The table column a Parquet column of this name fills (exactly, else ignoring case). */
  private static Optional<ColumnMetadata> column(String name, List<ColumnMetadata> columns) {
    return columns.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .or(
            () ->
                columns.stream()
                    .filter(
                        c ->
                            c.name().toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT)))
                    .findFirst());
  }

  private static ChunkStatus uniform(
      ChannelKey table, List<ChunkChannel> parts, List<ChannelKey> keys, StreamingCode code) {
    return uniform(table.database(), table.schema(), table.table(), parts, keys, code);
  }

  private static ChunkStatus uniform(
      String database,
      String schema,
      String table,
      List<ChunkChannel> parts,
      List<ChannelKey> keys,
      StreamingCode code) {
    List<ChannelOutcome> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String name = i < keys.size() ? keys.get(i).channel() : parts.get(i).channel();
      out.add(new ChannelOutcome(name, parts.get(i).clientSequencer(), code));
    }
    return new ChunkStatus(database, schema, table, out);
  }
}
