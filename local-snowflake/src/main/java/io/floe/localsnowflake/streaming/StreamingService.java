package io.floe.localsnowflake.streaming;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.Catalog.TableInfo;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.LocalClock;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.streaming.StreamingCalls.Blob;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelKey;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelStatus;
import io.floe.localsnowflake.streaming.StreamingCalls.Chunk;
import io.floe.localsnowflake.streaming.StreamingCalls.ChunkStatus;
import io.floe.localsnowflake.streaming.StreamingCalls.ColumnMetadata;
import io.floe.localsnowflake.streaming.StreamingCalls.Configured;
import io.floe.localsnowflake.streaming.StreamingCalls.Opened;
import io.floe.localsnowflake.streaming.StreamingCalls.StatusQuery;
import io.floe.localsnowflake.streaming.StreamingCalls.StreamingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Snowpipe Streaming's server side, as the classic ingest SDK's {@code
 * SnowflakeStreamingIngestClient} calls it: configure (where to write blobs: a LOCAL_FS directory),
 * open (a channel and its table's columns; a re-open fences older instances), status (committed
 * offset tokens), register blobs (their chunks become rows) and drop. Channel state lives in the
 * DuckStore (see {@link ChannelStore}), so a data directory keeps it across restarts.
 */
public final class StreamingService implements AutoCloseable {
  /** Snowflake's deployment id for this server; the SDK only checks it does not change. */
  static final long DEPLOYMENT_ID = 1;

  private final ChannelStore channels;
  private final TableResolver resolver;
  private final BlobRegistrar registrar;
  private final ChunkReader reader;
  private final LocalClock clock;
  private final Path blobRoot;
  private final UploadLocation uploads;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param blobRoot the directory the SDK writes its blobs into (it must share the server's file
   *     system: the stage is LOCAL_FS)
   */
  public StreamingService(DuckStore store, Catalog catalog, LocalClock clock, Path blobRoot) {
    this.channels = new ChannelStore(store);
    this.resolver = new TableResolver(catalog);
    this.blobRoot = blobRoot.toAbsolutePath().normalize();
    this.reader = new ChunkReader(this.blobRoot);
    this.clock = clock;
    this.registrar = new BlobRegistrar(store, catalog, channels, resolver, reader, clock);
    try {
      Files.createDirectories(this.blobRoot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.uploads = new UploadLocation(this.blobRoot);
  }

  /**
   * Where the SDK writes blobs: LOCAL_FS, a link to the blob directory (see {@link
   * UploadLocation}), and a prefix unique to the client.
   */
  public Configured configure(String user, String role) {
    resolver.session(user, role);
    String prefix = "l" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    return new Configured(prefix, DEPLOYMENT_ID, uploads.path().toString());
  }

  /**
   * While {@code fail} holds, every blob the SDK writes fails to upload, as a cloud upload whose
   * retries are used up does; the SDK then invalidates the blob's channels.
   */
  public void blobUploadsFail(boolean fail) {
    uploads.writable(!fail);
  }

  /** Opens or re-opens a channel (the new client sequencer fences every older instance). */
  public Opened open(
      String user,
      String role,
      String database,
      String schema,
      String table,
      String channel,
      String offsetToken) {
    SessionState session = resolver.session(user, role);
    ChannelKey key = resolver.key(database, schema, table, channel);
    TableInfo info = resolver.table(session, key);
    List<ColumnMetadata> columns = TableResolver.columns(info);
    ChannelKey resolved =
        new ChannelKey(
            info.name().database(), info.name().schema(), info.name().name(), key.channel());
    ChannelStore.Channel state =
        channels.open(resolved, offsetToken, clock.instant(), resolver.created(resolved));
    ChannelStore.TableKey tableKey =
        channels.tableKey(resolved.database(), resolved.schema(), resolved.table());
    return new Opened(
        StreamingCode.SUCCESS,
        resolved,
        state.clientSequencer(),
        state.rowSequencer(),
        state.offsetToken(),
        columns,
        tableKey.key(),
        tableKey.id());
  }

  /**
   * The committed state of each channel, positional to the queries. A query naming an older client
   * sequencer than the channel's (a fenced instance) gets code 20, an unknown channel code 25.
   */
  public List<ChannelStatus> status(String user, String role, List<StatusQuery> queries) {
    SessionState session = resolver.session(user, role);
    // Channels of one table share its resolution (a privilege check costs several queries).
    Map<ChannelKey, Long> tables = new HashMap<>();
    List<ChannelStatus> out = new ArrayList<>();
    for (StatusQuery query : queries) {
      out.add(status(session, query, tables));
    }
    return out;
  }

  private ChannelStatus status(
      SessionState session, StatusQuery query, Map<ChannelKey, Long> tables) {
    ChannelKey c = query.channel();
    try {
      ChannelKey key = resolver.key(c.database(), c.schema(), c.table(), c.channel());
      ChannelKey table = new ChannelKey(key.database(), key.schema(), key.table(), null);
      Long created = tables.get(table);
      if (created == null) {
        resolver.table(session, key);
        created = resolver.created(key);
        tables.put(table, created);
      }
      long tableCreated = created;
      Optional<ChannelStore.Channel> state =
          channels.channel(key).filter(ch -> ch.belongsTo(tableCreated));
      if (state.isEmpty()) {
        // Never opened, dropped, or of a table dropped (and maybe created again) since.
        return failed(StreamingCode.CHANNEL_DOES_NOT_EXIST_OR_IS_NOT_AUTHORIZED);
      }
      ChannelStore.Channel s = state.get();
      if (query.clientSequencer() != null && query.clientSequencer() != s.clientSequencer()) {
        return new ChannelStatus(
            StreamingCode.CHANNEL_HAS_INVALID_CLIENT_SEQUENCER,
            s.rowSequencer(),
            s.clientSequencer(),
            s.offsetToken());
      }
      return new ChannelStatus(
          StreamingCode.SUCCESS, s.rowSequencer(), s.clientSequencer(), s.offsetToken());
    } catch (StreamingException e) {
      return failed(e.code());
    }
  }

  /**
   * A channel's committed state, names resolved as in requests (unquoted upper-cased); empty when
   * there is no such channel (never opened, dropped, or its table re-created since).
   */
  public Optional<StreamingCalls.ChannelState> channel(
      String database, String schema, String table, String channel) {
    ChannelKey key = resolver.key(database, schema, table, channel);
    long created = resolver.created(key);
    return channels
        .channel(key)
        .filter(ch -> ch.belongsTo(created))
        .map(
            ch ->
                new StreamingCalls.ChannelState(
                    ch.clientSequencer(), ch.rowSequencer(), ch.offsetToken()));
  }

  /**
   * Every commit of an offset token by the table's channels since the data began (channels of
   * earlier tables of the name included), oldest first; names resolve as in requests.
   */
  public List<StreamingCalls.ChannelCommit> commits(String database, String schema, String table) {
    ChannelKey key = resolver.table(database, schema, table);
    return channels.commits(key.database(), key.schema(), key.table());
  }

  @Override
  public void close() {
    reader.close();
  }

  private static ChannelStatus failed(StreamingCode code) {
    return new ChannelStatus(code, 0, 0, null);
  }

  /** Registers uploaded blobs: per blob, per chunk, the outcome of each of its channels. */
  public List<List<ChunkStatus>> register(String user, String role, List<Blob> blobs) {
    SessionState session = resolver.session(user, role);
    if (blobs == null || blobs.isEmpty()) {
      throw new StreamingException(StreamingCode.MISSING_BLOBS, null);
    }
    List<List<ChunkStatus>> out = new ArrayList<>();
    for (Blob blob : blobs) {
      reader.blobFile(blob.path());
      List<ChunkStatus> chunks = new ArrayList<>();
      for (Chunk chunk : blob.chunks()) {
        chunks.add(registrar.register(session, blob.path(), chunk));
      }
      out.add(chunks);
    }
    return out;
  }

  /**
   * Drops a channel (its committed offset token is forgotten); with a client sequencer, only while
   * that instance still owns it (else code 20).
   */
  public ChannelKey drop(
      String user,
      String role,
      String database,
      String schema,
      String table,
      String channel,
      Long clientSequencer) {
    SessionState session = resolver.session(user, role);
    ChannelKey key = resolver.key(database, schema, table, channel);
    resolver.table(session, key);
    Optional<ChannelStore.Channel> state = channels.channel(key);
    if (state.isEmpty()) {
      throw new StreamingException(
          StreamingCode.CHANNEL_DOES_NOT_EXIST_OR_IS_NOT_AUTHORIZED, key.fullName());
    }
    if (clientSequencer != null && clientSequencer != state.get().clientSequencer()) {
      throw new StreamingException(
          StreamingCode.CHANNEL_HAS_INVALID_CLIENT_SEQUENCER, key.fullName());
    }
    channels.drop(key);
    return key;
  }
}
