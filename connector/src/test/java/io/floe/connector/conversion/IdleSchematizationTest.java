package io.floe.connector.conversion;

import static io.floe.connector.conversion.SchematizedInput.configured;
import static io.floe.connector.conversion.SchematizedInput.records;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A schematized table's first new field after a quiet weekend: the task thread's session expired
 * meanwhile (its master token lasts four hours), and evolving the table is the first statement it
 * sends on it. The column is added on a new session and the row lands, where before the task failed
 * with FLOE-1004 after retrying on the dead session (its own server: the test moves the clock).
 */
class IdleSchematizationTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void aNewFieldAfterTheSessionExpiredEvolvesTheTable() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "idle_schema");
    TopicPartition tp = new TopicPartition("events", 0);
    Converter json = configured(new SnowflakeJsonConverter(), Map.of());
    List<SinkRecord> all =
        records(tp, json, "{\"id\":1}", "{\"id\":2,\"note\":\"after the weekend\"}");
    List<SinkRecord> log = new ArrayList<>(all.subList(0, 1));
    SimulatedWorker worker = new SimulatedWorker(Map.of(tp, log));
    Map<String, String> config = new HashMap<>(f.config("idle", 1));
    config.put("snowflake.enable.schematization", "true");
    worker.start(config);
    worker.drain(10);
    worker.commitUntil(Map.of(tp, 1L));
    f.awaitRows("EVENTS", 1);

    SNOWFLAKE.advanceClock(Duration.ofDays(3));
    log.add(all.get(1));
    worker.drain(10);
    worker.commitUntil(Map.of(tp, 2L));
    f.awaitRows("EVENTS", 2);
    assertEquals(
        List.of(Arrays.asList("1", null), List.of("2", "after the weekend")),
        f.query("select id, note from " + f.database() + ".public.events order by id"));
    worker.stop();
  }
}
