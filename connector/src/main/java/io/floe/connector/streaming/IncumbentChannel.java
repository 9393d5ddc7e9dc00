package io.floe.connector.streaming;

import io.floe.connector.snowflake.ObjectRef;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snowflake's connector's channel for a partition, read once when Floe's own channel has never
 * committed: a user who switches {@code connector.class} from Snowflake's connector to Floe keeps
 * the connector name, so Kafka's committed offsets carry over, but that connector commits Kafka's
 * offsets only every offset flush, after its channel committed. Resuming after its channel's token
 * instead loads nothing twice that it had already loaded.
 */
final class IncumbentChannel {
  private static final Logger LOG = LoggerFactory.getLogger(IncumbentChannel.class);

  private IncumbentChannel() {}

  /** Its name: {@code <topic>_<partition>} (the Snowflake connector's default since 2.1). */
  static String name(TopicPartition tp) {
    return tp.topic() + "_" + tp.partition();
  }

  /** The last offset its channel committed into {@code table}, or -1 when it committed none. */
  static long committedOffset(ChannelOpener opener, ObjectRef table, TopicPartition tp) {
    String name = name(tp);
    long offset = OffsetTokens.of(name, opener.foreignToken(table, name));
    if (offset >= 0) {
      LOG.info(
          "{}: Floe's channel of table {} has committed nothing yet, and Snowflake's connector's"
              + " channel {} committed offsets up to {}: resuming after it",
          tp,
          table,
          name,
          offset);
    }
    return offset;
  }
}
