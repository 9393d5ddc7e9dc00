package io.floe.connector.streaming;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.snowflake.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.snowflake.ingest.streaming.DropChannelRequest;
import net.snowflake.ingest.streaming.OpenChannelRequest;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.utils.SFException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channels of the Snowpipe Streaming SDK's client: the one place Floe talks to the SDK's channel
 * API. Channels open with {@code ABORT} on error, so a call with a refused row takes none of its
 * rows, which lets the loader set that record aside before any later offset is committed.
 */
final class SdkChannels implements ChannelOpener {
  private static final Logger LOG = LoggerFactory.getLogger(SdkChannels.class);
  private final StreamingClients.Lease client;

  SdkChannels(StreamingClients.Lease client) {
    this.client = client;
  }

  @Override
  public Channel open(ObjectRef table, String channelName) {
    OpenChannelRequest request =
        OpenChannelRequest.builder(channelName)
            .setDBName(table.database().sql())
            .setSchemaName(table.schema().sql())
            .setTableName(table.name().sql())
            .setOnErrorOption(OpenChannelRequest.OnErrorOption.ABORT)
            .build();
    try {
      return new SdkChannel(client.client().openChannel(request), client.closeTimeout());
    } catch (SFException e) {
      throw new FloeException(
          ErrorCode.FLOE_3044,
          "Channel " + channelName + " on table " + table + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public String foreignToken(ObjectRef table, String channelName) {
    Channel channel = open(table, channelName);
    String token = channel.committedToken();
    if (token != null) {
      // Left as it was (nothing buffered, so closing waits for nothing): a user switching back
      // to Snowflake's connector finds it where that connector left it.
      channel.close();
      return token;
    }
    try {
      client
          .client()
          .dropChannel(
              DropChannelRequest.builder(channelName)
                  .setDBName(table.database().sql())
                  .setSchemaName(table.schema().sql())
                  .setTableName(table.name().sql())
                  .build());
    } catch (SFException e) {
      // Only an empty channel is left behind; nothing depends on it.
      LOG.warn("Could not drop the empty channel {} of table {}: {}", channelName, table, e);
    }
    return null;
  }

  @Override
  public List<String> committedTokens(List<Channel> channels) {
    List<SnowflakeStreamingIngestChannel> sdk = new ArrayList<>(channels.size());
    for (Channel c : channels) {
      sdk.add(((SdkChannel) c).sdk());
    }
    try {
      Map<String, String> tokens = client.client().getLatestCommittedOffsetTokens(sdk);
      List<String> out = new ArrayList<>(channels.size());
      for (int i = 0; i < sdk.size(); i++) {
        String token = tokens.get(sdk.get(i).getFullyQualifiedName());
        if (token == null || !sdk.get(i).isValid()) {
          // The batch call ignores each channel's status code: a channel gone with its table (or
          // dropped) reads as one without a token. Asked alone, it fails on that code instead.
          token = channels.get(i).committedToken();
        }
        out.add(token);
      }
      return out;
    } catch (SFException e) {
      throw SdkChannel.translate(e);
    }
  }

  @Override
  public void close() {
    client.release();
  }
}
