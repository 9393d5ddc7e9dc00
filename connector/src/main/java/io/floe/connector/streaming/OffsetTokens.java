package io.floe.connector.streaming;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;

/** A channel's offset token read as the Kafka offset Floe wrote into it. */
final class OffsetTokens {
  private OffsetTokens() {}

  /** The channel's committed token as an offset; -1 when it has none. */
  static long of(Channel channel) {
    return of(channel.name(), channel.committedToken());
  }

  /** {@code token} as an offset; -1 for null (nothing committed). */
  static long of(String channel, String token) {
    if (token == null) {
      return -1;
    }
    try {
      return Long.parseLong(token.trim());
    } catch (NumberFormatException e) {
      throw new FloeException(
          ErrorCode.FLOE_3043,
          "Channel "
              + channel
              + " holds offset token '"
              + token
              + "', which is not a Kafka offset.");
    }
  }
}
