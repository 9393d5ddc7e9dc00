package io.floe.connector.streaming;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.loading.ResumeCheck;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reopens invalidated channels and rewinds Kafka to just past what Snowflake committed: the rows
 * the old instance buffered are lost, and Kafka delivers them again. Counts reopenings without
 * progress in between, so two owners fencing each other end in a failed task rather than for ever.
 */
final class ChannelRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelRecovery.class);

  private final ChannelOpener opener;
  private final SinkTaskContext context;
  private final int maxRecoveries;
  private final Map<TopicPartition, Integer> recoveries = new HashMap<>();

  ChannelRecovery(ChannelOpener opener, SinkTaskContext context, int maxRecoveries) {
    this.opener = opener;
    this.context = context;
    this.maxRecoveries = maxRecoveries;
  }

  /** The partition's channel committed rows (or closed): its count starts again. */
  void progressed(TopicPartition tp) {
    recoveries.remove(tp);
  }

  void recover(PartitionChannel pc, RuntimeException cause) {
    TopicPartition tp = pc.partition();
    int attempts = recoveries.merge(tp, 1, Integer::sum);
    if (attempts > maxRecoveries) {
      throw new FloeException(
          ErrorCode.FLOE_3042,
          "Channel "
              + pc.channel().name()
              + " of table "
              + pc.table()
              + " was invalidated "
              + attempts
              + " times in a row: "
              + cause.getMessage(),
          cause);
    }
    LOG.warn(
        "{}: channel {} was invalidated ({}); reopening it and resuming after its committed"
            + " offset",
        tp,
        pc.channel().name(),
        cause.getMessage());
    Channel fresh = opener.open(pc.table(), pc.channel().name());
    long freshToken = OffsetTokens.of(fresh);
    if (freshToken < pc.committed()) {
      // Snowflake drops a table's channels with it, so the table was dropped and created again
      // (else the open would have failed). The offsets up to the old token went with the old
      // table; the new one gets every later offset, once.
      LOG.warn(
          "{}: channel {} of table {} holds offset token {} although it had committed offsets up"
              + " to {}: the table was dropped and created again. Resuming at offset {} into the"
              + " new table; offsets up to {} were in the dropped one",
          tp,
          fresh.name(),
          pc.table(),
          freshToken < 0 ? "none" : freshToken,
          pc.committed(),
          pc.committed() + 1,
          pc.committed());
    }
    pc.committed(freshToken);
    long resumeAt = pc.rewindTo();
    if (resumeAt < 0) {
      // Nothing written since the channel opened and nothing committed: nothing to read again.
      pc.reopened(fresh, new ResumeCheck(-1));
      return;
    }
    // The rest of this batch is dropped; Kafka delivers it again from resumeAt.
    pc.reopened(fresh, ResumeCheck.seekingDuringPut(resumeAt));
    context.offset(tp, resumeAt);
  }
}
