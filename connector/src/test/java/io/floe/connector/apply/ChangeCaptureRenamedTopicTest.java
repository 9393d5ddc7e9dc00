package io.floe.connector.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.apply.ChangeGenerator.Form;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Change data capture behind a topic-renaming transform, as Debezium users strip the server and
 * schema prefix with RegexRouter: records reach the task as {@code items} but Kafka commits {@code
 * pg.public.items}'s offsets, which is what the loader tracks and the apply step selects changes
 * by. Without the original topic in the change table's metadata, every apply would select nothing
 * while its progress moved on.
 */
class ChangeCaptureRenamedTopicTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final String TOPIC = "pg.public.items";
  private static final int PARTITIONS = 3;

  @Test
  void changesBehindARegexRouterMirrorTheSourceTable() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "cdc_renamed");
    ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 52);
    gen.generate(120, 20);
    Map<TopicPartition, List<SinkRecord>> log = new HashMap<>();
    ChangeRecords.log(TOPIC, PARTITIONS, gen.changes(), true)
        .forEach((tp, records) -> log.put(tp, renamed(records)));
    Map<String, String> config = CdcTaskConfig.upsert(f, TOPIC, "cdc-renamed");
    config.remove("snowflake.topic2table.map"); // the renamed topic, items, names the table
    config.put("transforms", "strip");
    config.put("transforms.strip.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.strip.regex", "pg\\.public\\.(.*)");
    config.put("transforms.strip.replacement", "$1");
    SimulatedWorker worker = new SimulatedWorker(log);
    worker.start(config);
    worker.drain(13);
    Map<TopicPartition, Long> ends = gen.ends();
    assertEquals(ends, worker.commitUntil(ends), "Kafka commits the original partitions");
    assertTrue(gen.finalState().size() > 5, gen.finalState().toString());
    String items = f.database() + ".PUBLIC.ITEMS";
    try {
      Poll.until(Duration.ofSeconds(120), () -> rows(f, items), gen.finalState()::equals);
    } catch (AssertionError timedOut) {
      assertEquals(
          gen.finalState(),
          rows(f, items),
          "the target; progress: "
              + f.query("select * from " + f.database() + ".PUBLIC.FLOE_CDC_PROGRESS"));
      throw timedOut;
    }
    Poll.until(
        Duration.ofSeconds(30),
        () -> f.count("select count(*) from " + items + "_FLOE_CHANGES"),
        n -> n == 0);
    worker.stop();
  }

  /** What RegexRouter hands the task: the same record under the renamed topic. */
  private static List<SinkRecord> renamed(List<SinkRecord> records) {
    List<SinkRecord> out = new ArrayList<>();
    for (SinkRecord r : records) {
      out.add(
          r.newRecord(
              r.topic().substring("pg.public.".length()),
              r.kafkaPartition(),
              r.keySchema(),
              r.key(),
              r.valueSchema(),
              r.value(),
              r.timestamp(),
              r.headers()));
    }
    return out;
  }

  private static List<String> rows(FloeFixture f, String table) {
    try {
      return f.query("select ID, NAME, QTY from " + table + " order by ID").stream()
          .map(r -> String.join("|", r))
          .toList();
    } catch (AssertionError e) {
      return List.of(); // not created yet
    }
  }
}
