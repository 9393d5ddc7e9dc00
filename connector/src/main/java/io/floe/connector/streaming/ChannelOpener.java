package io.floe.connector.streaming;

import io.floe.connector.snowflake.ObjectRef;
import java.util.List;

/** Opens channels on tables and asks Snowflake for many channels' committed tokens at once. */
interface ChannelOpener extends AutoCloseable {

  /**
   * Opens (or reopens) a channel. Reopening fences every older instance of it, in this task or a
   * zombie elsewhere: Snowflake rejects their later rows.
   */
  Channel open(ObjectRef table, String channelName);

  /**
   * The committed tokens of these channels, in their order, in one request rather than one per
   * channel (preCommit asks for every partition of the task).
   *
   * @throws Channel.Invalidated if one of them is invalid; ask each then
   */
  List<String> committedTokens(List<Channel> channels);

  /**
   * The committed token of a channel Floe does not write to (Snowflake's connector's), or null when
   * it has none. Opening a channel creates it, so one without a token is dropped again: it held
   * nothing, and leaving it would show a channel no connector uses.
   */
  String foreignToken(ObjectRef table, String channelName);

  @Override
  void close();
}
