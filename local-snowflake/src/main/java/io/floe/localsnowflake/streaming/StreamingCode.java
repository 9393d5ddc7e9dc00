package io.floe.localsnowflake.streaming;

/**
 * The {@code status_code}s of Snowpipe Streaming's REST answers that the local Snowflake gives,
 * with Snowflake's messages (as the ingest SDK's {@code StreamingIngestResponseCode} lists them). A
 * non-zero code on a channel makes the SDK invalidate that channel; 10 makes it retry the call.
 */
public enum StreamingCode {
  SUCCESS(0, "Success"),
  TABLE_DOES_NOT_EXIST_NOT_AUTHORIZED(4, "The supplied table does not exist or is not authorized"),
  TABLE_OR_COLUMN_TYPE_NOT_SUPPORTED(
      6,
      "Snowpipe Streaming is not supported on the type of table resolved, or the table contains"
          + " columns that are either AUTOINCREMENT or IDENTITY columns or a column with a default"
          + " value"),
  DATABASE_DOES_NOT_EXIST_OR_NOT_AUTHORIZED(
      8, "The supplied database does not exist or is not authorized"),
  SCHEMA_DOES_NOT_EXIST_OR_NOT_AUTHORIZED(
      9, "The supplied schema does not exist or is not authorized"),
  MISSING_BLOBS(11, StreamingCode.MALFORMED),
  MISSING_BLOB_PATH(14, StreamingCode.MALFORMED),
  MISSING_DATABASE(15, StreamingCode.MALFORMED),
  MISSING_SCHEMA(16, StreamingCode.MALFORMED),
  MISSING_TABLE(17, StreamingCode.MALFORMED),
  MISSING_CHANNEL_NAME(18, StreamingCode.MALFORMED),
  CHANNEL_HAS_INVALID_CLIENT_SEQUENCER(
      20,
      "The channel is owned by another writer at this time. Either re-open the channel to gain"
          + " exclusive write ownership or close the channel and let the other writer continue"),
  CHANNEL_HAS_INVALID_ROW_SEQUENCER(
      21, "The client provided an out-of-order message, please reopen the channel"),
  OTHER_CHANNEL_IN_CHUNK_HAS_ISSUE(
      22,
      "Another channel managed by this Client had an issue which is preventing the current channel"
          + " from ingesting data. Please re-open the channel"),
  DUPLICATE_CHANNEL_IN_CHUNK(23, StreamingCode.MALFORMED),
  CHANNEL_DOES_NOT_EXIST_OR_IS_NOT_AUTHORIZED(
      25, "The channel does not exist or is not authorized"),
  MISSING_CHUNK_MD5(28, StreamingCode.MALFORMED),
  INVALID_CHUNK_LENGTH(30, StreamingCode.MALFORMED),
  INVALID_BLOB_NAME(34, StreamingCode.MALFORMED),
  MISSING_ROLE(37, StreamingCode.MALFORMED),
  /** Our use: the chunk's columns do not fit the table (it changed since the channel opened). */
  MISSING_COLUMN_IN_EP_INFO(
      40,
      "A schema change occurred on the table, please re-open the channel and supply the missing"
          + " data");

  static final String MALFORMED =
      "The SDK generated a malformed request. Please contact Snowflake support for further "
          + " assistance";

  private final int code;
  private final String message;

  StreamingCode(int code, String message) {
    this.code = code;
    this.message = message;
  }

  public int code() {
    return code;
  }

  public String message() {
    return message;
  }
}
