package io.floe.localsnowflake.streaming;

import java.util.List;

/**
 * The requests and answers of Snowpipe Streaming's REST calls, decoded from and encoded to their
 * JSON by the http package's {@code StreamingEndpoint}. Names are as the client sent them until
 * {@link StreamingService} resolves them (unquoted identifiers upper-cased).
 */
public final class StreamingCalls {
  private StreamingCalls() {}

  /** A channel: its table and its name. */
  public record ChannelKey(String database, String schema, String table, String channel) {
    String fullName() {
      return database + "." + schema + "." + table + "." + channel;
    }
  }

  /** {@code client/configure}: where the client writes its blobs. */
  public record Configured(String prefix, long deploymentId, String localLocation) {}

  /** {@code channels/open}: the channel's state after the open, and its table's columns. */
  public record Opened(
      StreamingCode code,
      ChannelKey channel,
      long clientSequencer,
      long rowSequencer,
      String offsetToken,
      List<ColumnMetadata> columns,
      String encryptionKey,
      long encryptionKeyId) {}

  /** One column as {@code table_columns} describes it to the SDK (which builds Parquet from it). */
  public record ColumnMetadata(
      String name,
      String type,
      String logicalType,
      String physicalType,
      Integer precision,
      Integer scale,
      Long byteLength,
      Long length,
      boolean nullable,
      int ordinal) {}

  /** One channel of {@code channels/status}; {@code clientSequencer} null when not given. */
  public record StatusQuery(ChannelKey channel, Long clientSequencer) {}

  /** A channel's committed state, positional to its query. */
  public record ChannelStatus(
      StreamingCode code, long rowSequencer, long clientSequencer, String offsetToken) {}

  /** A channel's committed state as the server keeps it (for tests: {@code LocalSnowflake}). */
  public record ChannelState(long clientSequencer, long rowSequencer, String offsetToken) {}

  /**
   * One commit of a channel's offset token, in local time (the wall clock unless the local clock
   * was advanced): when the rows up to that token became queryable.
   */
  public record ChannelCommit(String channel, String offsetToken, java.time.Instant committedOn) {}

  /** One blob of {@code channels/write/blobs}. */
  public record Blob(String path, List<Chunk> chunks) {}

  /** A chunk of a blob: one table's rows from one or more channels. */
  public record Chunk(
      String database,
      String schema,
      String table,
      long startOffset,
      long length,
      String md5,
      List<ChunkChannel> channels) {}

  /** A channel's part of a chunk: its sequencers and the offset token its rows end at. */
  public record ChunkChannel(
      String channel, long clientSequencer, long rowSequencer, String offsetToken) {}

  /** The outcome of a chunk, per channel (in the chunk's order). */
  public record ChunkStatus(
      String database, String schema, String table, List<ChannelOutcome> channels) {}

  public record ChannelOutcome(String channel, long clientSequencer, StreamingCode code) {}

  /** A whole call refused with one status code (a missing role, no blobs, …). */
  public static final class StreamingException extends RuntimeException {
    private final StreamingCode code;

    public StreamingException(StreamingCode code, String detail) {
      super(detail == null ? code.message() : code.message() + ": " + detail);
      this.code = code;
    }

    public StreamingCode code() {
      return code;
    }
  }
}
