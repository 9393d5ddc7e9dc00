package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A transform that renames topics (here as TimestampRouter would: a record's day picks its topic)
 * makes one partition feed two tables. Records keep their original topic, partition and offset
 * (Kafka 3.6+), by which Floe buffers, names files and recovers; the renamed topic picks the table.
 * A task stopped with records buffered for both tables, and restarted from what Kafka committed
 * (the lowest either table could commit), loads every record once.
 */
class TopicRenamingTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final TopicPartition TP = new TopicPartition("events", 0);

  @Test
  void onePartitionFeedsTwoTablesAndARestartInBetweenLoadsEveryRecordOnce() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "renamed");
    List<SinkRecord> routed = new ArrayList<>();
    for (SinkRecord r : FloeFixture.records(TP, 40)) {
      String day = r.kafkaOffset() % 2 == 0 ? "events_day1" : "events_day2";
      routed.add(
          r.newRecord(
              day,
              r.kafkaPartition(),
              r.keySchema(),
              r.key(),
              r.valueSchema(),
              r.value(),
              r.timestamp()));
    }
    SimulatedWorker worker = new SimulatedWorker(Map.of(TP, routed));
    Map<String, String> config = f.config("renamed", 5);
    config.put("transforms", "day");
    config.put("transforms.day.type", "org.apache.kafka.connect.transforms.TimestampRouter");

    worker.start(config);
    worker.poll(18);
    // day1 staged 0..8 and holds 10..16, day2 staged 1..9 and holds 11..17: Kafka may commit
    // only below 9, which day1 still needs.
    assertEquals(Map.of(TP, 9L), worker.commitUntil(Map.of(TP, 9L)));
    worker.stop(); // the buffered records are lost with the task

    worker.start(config); // resumes at 9: offset 9 is day2's, already staged there
    worker.drain(7);
    worker.commitUntil(Map.of(TP, 40L));
    f.awaitRows("EVENTS_DAY1", 20);
    f.awaitRows("EVENTS_DAY2", 20);
    assertEquals(List.of("20", "20", "0", "38"), rowsDistinctMinMax(f, "EVENTS_DAY1"));
    assertEquals(List.of("20", "20", "1", "39"), rowsDistinctMinMax(f, "EVENTS_DAY2"));
    assertEquals(
        List.of(),
        f.query("show tables like 'EVENTS' in schema " + f.database() + ".public"),
        "no table for the topic before renaming");
    worker.stop();
  }

  /** Rows, distinct offsets, lowest and highest offset; the metadata names the renamed topic. */
  private static List<String> rowsDistinctMinMax(FloeFixture f, String table) {
    return f.query(
            "select count(*), count(distinct record_metadata:offset::number),"
                + " min(record_metadata:offset::number), max(record_metadata:offset::number) from "
                + f.database()
                + ".public."
                + table
                + " where record_metadata:topic::string = '"
                + table.toLowerCase()
                + "'")
        .get(0);
  }
}
