package io.floe.connector.streaming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.common.TopicPartition;

/**
 * Names a partition's channel after the connector, topic and partition. Snowflake's connector names
 * it {@code <topic>_<partition>}, so two connectors writing one topic into one table share a
 * channel and each skips what the other committed. Floe's name holds the exact connector name, and
 * a short hash of connector and topic keeps names distinct where plain concatenation would not
 * ({@code a_b} + {@code c} and {@code a} + {@code b_c}).
 */
final class ChannelName {
  private ChannelName() {}

  static String of(String connector, TopicPartition tp) {
    return "FLOE_"
        + connector
        + "_"
        + tp.topic()
        + "_"
        + tp.partition()
        + "_"
        + hash(connector + '\u0000' + tp.topic());
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
