package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records that produce no rows — tombstones with behavior.on.null.values=ignore, records a
 * transform filters out before put() — are done as soon as they are seen: a partition whose last
 * records are all skipped commits past them, so its consumer lag reaches zero.
 */
class SkippedRecordsCommitTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void partitionsWhoseLastRecordsAreSkippedStillCommitPastThem() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "skipped_tail");
    TopicPartition filteredTail = new TopicPartition("events", 0);
    TopicPartition allFiltered = new TopicPartition("events", 1);
    TopicPartition tombstoneTail = new TopicPartition("events", 2);
    List<SinkRecord> tombstones = new ArrayList<>(FloeFixture.records(tombstoneTail, 5));
    for (int o = 5; o < 8; o++) {
      tombstones.add(
          new SinkRecord(
              "events",
              2,
              Schema.STRING_SCHEMA,
              "key-" + o,
              null,
              null,
              o,
              1_700_000_000_000L + o,
              TimestampType.CREATE_TIME));
    }
    SimulatedWorker worker =
        new SimulatedWorker(
            Map.of(
                filteredTail, FloeFixture.records(filteredTail, 10),
                allFiltered, FloeFixture.records(allFiltered, 8),
                tombstoneTail, tombstones));
    // As a Filter transform would: offsets 5..9 of partition 0 and all of partition 1.
    worker.dropBeforePut(
        r -> r.kafkaPartition() == 1 || (r.kafkaPartition() == 0 && r.kafkaOffset() >= 5));
    Map<String, String> config = new HashMap<>(f.config("skipped", 5));
    config.put("behavior.on.null.values", "ignore");
    Map<TopicPartition, Long> everything =
        Map.of(filteredTail, 10L, allFiltered, 8L, tombstoneTail, 8L);

    worker.start(config);
    worker.drain(100);
    worker.commitUntil(everything);
    f.awaitRows("EVENTS", 10);
    worker.stop();

    // A restart re-reads what follows the staged files, skips it again and commits the same.
    worker.start(config);
    worker.drain(100);
    assertEquals(everything, worker.commitUntil(everything));
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertEquals(
        List.of("10", "10"),
        f.query(
                "select count(*), count(distinct record_metadata:partition::string || '-' ||"
                    + " record_metadata:offset::string) from "
                    + f.database()
                    + ".public.events")
            .get(0));
    worker.stop();
  }
}
