package io.floe.connector.streaming;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.snowflake.ingest.streaming.InsertValidationResponse;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.utils.SFException;

/** A {@link Channel} over the SDK's channel, with the SDK's errors sorted into Floe's two kinds. */
final class SdkChannel implements Channel {
  /** The SDK's codes for a row that does not fit the table: the record's fault. */
  private static final Set<String> ROW_ERRORS =
      Set.of(
          net.snowflake.ingest.utils.ErrorCode.INVALID_FORMAT_ROW.getMessageCode(),
          net.snowflake.ingest.utils.ErrorCode.INVALID_VALUE_ROW.getMessageCode(),
          net.snowflake.ingest.utils.ErrorCode.MAX_ROW_SIZE_EXCEEDED.getMessageCode());

  /** The SDK's codes for a channel that must be reopened. */
  private static final Set<String> CHANNEL_ERRORS =
      Set.of(
          net.snowflake.ingest.utils.ErrorCode.INVALID_CHANNEL.getMessageCode(),
          net.snowflake.ingest.utils.ErrorCode.CLOSED_CHANNEL.getMessageCode(),
          net.snowflake.ingest.utils.ErrorCode.CHANNELS_WITH_UNCOMMITTED_ROWS.getMessageCode(),
          net.snowflake.ingest.utils.ErrorCode.CHANNEL_STATUS_INVALID.getMessageCode());

  private final SnowflakeStreamingIngestChannel channel;
  private final Duration closeTimeout;

  /** The table's columns when the channel opened, read on first use. */
  private Set<String> columns;

  SdkChannel(SnowflakeStreamingIngestChannel channel, Duration closeTimeout) {
    this.channel = channel;
    this.closeTimeout = closeTimeout;
  }

  SnowflakeStreamingIngestChannel sdk() {
    return channel;
  }

  @Override
  public String name() {
    return channel.getName();
  }

  @Override
  public String committedToken() {
    try {
      return channel.getLatestCommittedOffsetToken();
    } catch (SFException e) {
      throw translate(e);
    }
  }

  @Override
  public void insert(List<Map<String, Object>> rows, String startToken, String endToken) {
    InsertValidationResponse response;
    try {
      response = channel.insertRows(rows, startToken, endToken);
    } catch (SFException e) {
      throw translate(e);
    }
    if (response.hasErrors()) {
      InsertValidationResponse.InsertError first = response.getInsertErrors().get(0);
      throw new RowsRejected(first.getMessage(), first.getException());
    }
  }

  @Override
  public boolean hasColumns(Collection<String> columns) {
    Set<String> known = this.columns;
    if (known == null) {
      known = new HashSet<>();
      for (String name : channel.getTableSchema().keySet()) {
        // Names as the open returned them; a quoted one is case-sensitive, an unquoted one is
        // matched upper-case by the SDK.
        known.add(name);
        known.add(
            name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")
                ? SchematizedRows.column(name)
                : name.toUpperCase(Locale.ROOT));
      }
      this.columns = known;
    }
    return known.containsAll(columns);
  }

  @Override
  public boolean valid() {
    return channel.isValid();
  }

  @Override
  public void close() {
    try {
      channel.close().get(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FloeException(ErrorCode.FLOE_5001, "closing channel " + name(), e);
    } catch (ExecutionException | TimeoutException e) {
      // What the channel buffered is not committed, so Kafka has not committed it either: the
      // partition's next owner reads it again.
      throw new IllegalStateException(
          "channel " + name() + " did not close within " + closeTimeout + ": " + e, e);
    }
  }

  static RuntimeException translate(SFException e) {
    String code = e.getVendorCode();
    if (ROW_ERRORS.contains(code)) {
      return new RowsRejected(e.getMessage(), e);
    }
    if (CHANNEL_ERRORS.contains(code)) {
      return new Invalidated(e.getMessage(), e);
    }
    return new FloeException(ErrorCode.FLOE_3045, e.getMessage(), e);
  }
}
