package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import net.snowflake.ingest.streaming.OpenChannelRequest;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClientFactory;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user switching {@code connector.class} from Snowflake's connector to Floe in Snowpipe Streaming
 * mode keeps the connector name, so Floe starts from Kafka's committed offsets. Snowflake's
 * connector commits those only at each offset flush, after its channel {@code <topic>_<partition>}
 * committed rows: here it loaded offsets 0-149 of partition 0 and stopped before any flush.
 */
class IncumbentSwitchTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final TopicPartition P0 = new TopicPartition("clicks", 0);
  private static final TopicPartition P1 = new TopicPartition("clicks", 1);

  @Test
  void floeResumesAfterWhatTheIncumbentsChannelCommittedAndLoadsNothingTwice() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "switch_adopt");
    incumbentLoaded(f, 150);

    SimulatedWorker worker = new SimulatedWorker(log(250));
    worker.start(streaming(f, "switch_adopt"));
    worker.drain(50);
    worker.commitUntil(Map.of(P0, 250L, P1, 250L));

    assertEquals(List.of("500", "500"), rowsAndDistinctOffsets(f));
    // The incumbent's channel keeps its token (a user may switch back); the empty one Floe's look
    // created for partition 1 is gone again.
    assertEquals(
        "149",
        SNOWFLAKE
            .get()
            .streamingChannel(f.database(), "PUBLIC", "CLICKS", "clicks_0")
            .orElseThrow()
            .offsetToken());
    assertTrue(
        SNOWFLAKE.get().streamingChannel(f.database(), "PUBLIC", "CLICKS", "clicks_1").isEmpty());
    worker.stop();
  }

  @Test
  void withAdoptionOffFloeResumesFromKafkasOffsetsAndReloadsWhatTheIncumbentLoaded()
      throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "switch_kafka");
    incumbentLoaded(f, 150);

    SimulatedWorker worker = new SimulatedWorker(log(250));
    Map<String, String> config = streaming(f, "switch_kafka");
    config.put("floe.streaming.adopt.incumbent.offsets", "false");
    worker.start(config);
    worker.drain(50);
    worker.commitUntil(Map.of(P0, 250L, P1, 250L));

    assertEquals(List.of("650", "500"), rowsAndDistinctOffsets(f));
    worker.stop();
  }

  /** Snowflake's connector's channel on CLICKS loaded partition 0's first {@code count} records. */
  private static void incumbentLoaded(FloeFixture f, int count) throws Exception {
    f.query(
        "create table "
            + f.database()
            + ".PUBLIC.CLICKS (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT)");
    Properties p = new Properties();
    p.put("url", SNOWFLAKE.get().url());
    p.put("user", SNOWFLAKE.get().user());
    p.put("private_key", FloeFixture.privateKeyBody());
    p.put("role", "ACCOUNTADMIN");
    p.put("max_client_lag", "1000");
    try (SnowflakeStreamingIngestClient client =
        SnowflakeStreamingIngestClientFactory.builder("KC_CLIENT_switch")
            .setProperties(p)
            .build()) {
      SnowflakeStreamingIngestChannel channel =
          client.openChannel(
              OpenChannelRequest.builder("clicks_0")
                  .setDBName(f.database())
                  .setSchemaName("PUBLIC")
                  .setTableName("CLICKS")
                  .setOnErrorOption(OpenChannelRequest.OnErrorOption.CONTINUE)
                  .build());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int offset = 0; offset < count; offset++) {
        rows.add(
            Map.of(
                "RECORD_METADATA",
                "{\"topic\":\"clicks\",\"partition\":0,\"offset\":" + offset + "}",
                "RECORD_CONTENT",
                "{\"n\":" + offset + "}"));
      }
      String last = Integer.toString(count - 1);
      channel.insertRows(rows, "0", last);
      Poll.until(Duration.ofSeconds(30), channel::getLatestCommittedOffsetToken, last::equals);
      channel.close().get(30, TimeUnit.SECONDS);
    }
  }

  private static Map<String, String> streaming(FloeFixture f, String name) {
    Map<String, String> config = f.config(name, 10_000);
    config.put("snowflake.ingestion.method", "SNOWPIPE_STREAMING");
    config.put("snowflake.role.name", "ACCOUNTADMIN");
    config.put("snowflake.streaming.max.client.lag", "1");
    return config;
  }

  private static Map<TopicPartition, List<SinkRecord>> log(int perPartition) {
    Map<TopicPartition, List<SinkRecord>> log = new LinkedHashMap<>();
    log.put(P0, new ArrayList<>(FloeFixture.records(P0, perPartition)));
    log.put(P1, new ArrayList<>(FloeFixture.records(P1, perPartition)));
    return log;
  }

  /** Rows, distinct (partition, offset) pairs. */
  private static List<String> rowsAndDistinctOffsets(FloeFixture f) {
    return f.query(
            "select count(*), count(distinct record_metadata:partition::string || '/' ||"
                + " record_metadata:offset::string) from "
                + f.database()
                + ".PUBLIC.CLICKS")
        .get(0);
  }
}
