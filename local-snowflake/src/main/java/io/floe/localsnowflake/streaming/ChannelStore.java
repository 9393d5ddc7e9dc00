package io.floe.localsnowflake.streaming;

import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelKey;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Snowpipe Streaming's server-side state in a hidden DuckDB schema of the one store, so a data
 * directory keeps it with the rows it describes: per channel its client sequencer (bumped by every
 * open), committed row sequencer and offset token; per table the key its chunks are encrypted with;
 * and every registered chunk, so a re-sent registration inserts nothing twice. Methods that take a
 * {@link Connection} run inside the caller's transaction.
 */
final class ChannelStore {
  static final String SCHEMA = "_local_snowflake_streaming";

  /**
   * A channel's persisted state; {@code tableCreated} tells which table of its name it belongs to
   * (epoch microseconds of the table's creation, 0 when unknown).
   */
  record Channel(long clientSequencer, long rowSequencer, String offsetToken, long tableCreated) {
    boolean belongsTo(long currentTableCreated) {
      return tableCreated == currentTableCreated;
    }
  }

  /** The key a table's chunks are encrypted with (base64 of 32 bytes) and its id. */
  record TableKey(long id, String key) {}

  private static final String KEY_COLUMNS =
      "database_name = ? AND schema_name = ? AND table_name = ?";
  private static final String CHANNEL_COLUMNS = KEY_COLUMNS + " AND channel_name = ?";

  private final DuckStore store;
  private final String q;
  private final SecureRandom random = new SecureRandom();

  ChannelStore(DuckStore store) {
    this.store = store;
    this.q =
        store.hiddenSchema(
            SCHEMA,
            "channels (database_name VARCHAR NOT NULL, schema_name VARCHAR NOT NULL,"
                + " table_name VARCHAR NOT NULL, channel_name VARCHAR NOT NULL,"
                + " client_sequencer BIGINT NOT NULL, row_sequencer BIGINT NOT NULL,"
                + " offset_token VARCHAR, table_created BIGINT NOT NULL,"
                + " opened_on BIGINT NOT NULL, committed_on BIGINT)",
            "table_keys (database_name VARCHAR NOT NULL,"
                + " schema_name VARCHAR NOT NULL, table_name VARCHAR NOT NULL,"
                + " key_id BIGINT NOT NULL, encryption_key VARCHAR NOT NULL)",
            "chunks (blob_path VARCHAR NOT NULL, start_offset BIGINT NOT NULL,"
                + " registered_on BIGINT NOT NULL)",
            "commits (database_name VARCHAR NOT NULL, schema_name VARCHAR NOT NULL,"
                + " table_name VARCHAR NOT NULL, channel_name VARCHAR NOT NULL,"
                + " offset_token VARCHAR NOT NULL, committed_on BIGINT NOT NULL)");
  }

  /**
   * Opens (or re-opens) a channel: a new client sequencer, one above the last, fences every older
   * instance. {@code offsetToken} non-null replaces the committed token, as the SDK's
   * OpenChannelRequest documents. A channel of an earlier table of the same name (dropped and
   * created again since) starts afresh, without rows or token, but its client sequencer still goes
   * up, so the earlier table's writers stay fenced.
   */
  Channel open(ChannelKey key, String offsetToken, Instant now, long tableCreated) {
    return store.withConnection(
        c -> {
          Optional<Channel> old = channel(c, key);
          Optional<Channel> same = old.filter(ch -> ch.belongsTo(tableCreated));
          long sequencer = old.map(ch -> ch.clientSequencer() + 1).orElse(0L);
          long rows = same.map(Channel::rowSequencer).orElse(0L);
          String token =
              offsetToken != null ? offsetToken : same.map(Channel::offsetToken).orElse(null);
          if (old.isPresent()) {
            DuckStore.update(
                c,
                "UPDATE "
                    + q
                    + ".channels SET client_sequencer = ?, row_sequencer = ?, offset_token = ?,"
                    + " table_created = ?, opened_on = ? WHERE "
                    + CHANNEL_COLUMNS,
                sequencer,
                rows,
                token,
                tableCreated,
                micros(now),
                key.database(),
                key.schema(),
                key.table(),
                key.channel());
          } else {
            DuckStore.update(
                c,
                "INSERT INTO "
                    + q
                    + ".channels (database_name, schema_name, table_name,"
                    + " channel_name, client_sequencer, row_sequencer, offset_token,"
                    + " table_created, opened_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key.database(),
                key.schema(),
                key.table(),
                key.channel(),
                sequencer,
                rows,
                token,
                tableCreated,
                micros(now));
          }
          return new Channel(sequencer, rows, token, tableCreated);
        });
  }

  Optional<Channel> channel(ChannelKey key) {
    return store.withConnection(c -> channel(c, key));
  }

  Optional<Channel> channel(Connection c, ChannelKey key) throws SQLException {
    return DuckStore.query(
            c,
            "SELECT client_sequencer, row_sequencer, offset_token, table_created FROM "
                + q
                + ".channels WHERE "
                + CHANNEL_COLUMNS,
            rs -> new Channel(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)),
            key.database(),
            key.schema(),
            key.table(),
            key.channel())
        .stream()
        .findFirst();
  }

  /** Records a channel's commit of a chunk: its row sequencer and (when given) offset token. */
  void commit(Connection c, ChannelKey key, long rowSequencer, String offsetToken, Instant now)
      throws SQLException {
    DuckStore.update(
        c,
        "UPDATE "
            + q
            + ".channels SET row_sequencer = ?,"
            + " offset_token = coalesce(?, offset_token), committed_on = ? WHERE "
            + CHANNEL_COLUMNS,
        rowSequencer,
        offsetToken,
        micros(now),
        key.database(),
        key.schema(),
        key.table(),
        key.channel());
    if (offsetToken != null) {
      // A history of token commits, so a benchmark can tell when each offset became queryable
      // without polling the table.
      DuckStore.update(
          c,
          "INSERT INTO " + q + ".commits VALUES (?, ?, ?, ?, ?, ?)",
          key.database(),
          key.schema(),
          key.table(),
          key.channel(),
          offsetToken,
          micros(now));
    }
  }

  /** Every token commit of the table's channels, oldest first. */
  List<StreamingCalls.ChannelCommit> commits(String database, String schema, String table) {
    return store.withConnection(
        c ->
            DuckStore.query(
                c,
                "SELECT channel_name, offset_token, committed_on FROM "
                    + q
                    + ".commits WHERE "
                    + KEY_COLUMNS
                    + " ORDER BY committed_on",
                rs ->
                    new StreamingCalls.ChannelCommit(
                        rs.getString(1), rs.getString(2), instant(rs.getLong(3))),
                database,
                schema,
                table));
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
  }

  /** Drops a channel; false when there was none. */
  boolean drop(ChannelKey key) {
    return store.withConnection(
            c ->
                DuckStore.update(
                    c,
                    "DELETE FROM " + q + ".channels WHERE " + CHANNEL_COLUMNS,
                    key.database(),
                    key.schema(),
                    key.table(),
                    key.channel()))
        > 0;
  }

  boolean chunkRegistered(Connection c, String blobPath, long startOffset) throws SQLException {
    return DuckStore.queryLong(
            c,
            "SELECT count(*) FROM " + q + ".chunks WHERE blob_path = ? AND start_offset = ?",
            blobPath,
            startOffset)
        > 0;
  }

  void chunkCommitted(Connection c, String blobPath, long startOffset, Instant now)
      throws SQLException {
    DuckStore.update(
        c,
        "INSERT INTO " + q + ".chunks (blob_path, start_offset, registered_on) VALUES (?, ?, ?)",
        blobPath,
        startOffset,
        micros(now));
  }

  /** The table's chunk key, made on first use. */
  TableKey tableKey(String database, String schema, String table) {
    return store.withConnection(
        c -> {
          List<TableKey> keys =
              DuckStore.query(
                  c,
                  "SELECT key_id, encryption_key FROM " + q + ".table_keys WHERE " + KEY_COLUMNS,
                  rs -> new TableKey(rs.getLong(1), rs.getString(2)),
                  database,
                  schema,
                  table);
          if (!keys.isEmpty()) {
            return keys.get(0);
          }
          byte[] bytes = new byte[32];
          random.nextBytes(bytes);
          TableKey key =
              new TableKey(
                  random.nextLong() & Long.MAX_VALUE, Base64.getEncoder().encodeToString(bytes));
          DuckStore.update(
              c,
              "INSERT INTO " + q + ".table_keys VALUES (?, ?, ?, ?, ?)",
              database,
              schema,
              table,
              key.id(),
              key.key());
          return key;
        });
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
