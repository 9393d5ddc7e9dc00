package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.snowflake.CallStats;
import io.floe.connector.table.TableObjects;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.http.Faults;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Once close() has given a partition up, this task does not touch its files in Snowflake. */
class RevokedPartitionTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void anUploadThatFinishesAfterCloseIsNotSubmitted() {
    try (LoadingFixture f = new LoadingFixture(SNOWFLAKE.get(), "revoked_late", "late")) {
      f.closeTimeout = Duration.ofMillis(300);
      TableObjects objects = f.objects("EVENTS");
      TopicPartition tp = new TopicPartition("events", 0);
      LoadTracker tracker = f.tracker(Duration.ofMinutes(1));
      Submitter submitter = f.submitter(tracker);
      Loader loader = f.loader(f.settings(5), tracker, submitter);
      loader.open(List.of(tp));

      // The file's bytes reach cloud storage only after close() has stopped waiting for them.
      SNOWFLAKE.get().faults().stall(Faults.Endpoint.UPLOAD, 1, Duration.ofSeconds(3));
      for (SinkRecord r : FloeFixture.records(tp, 5)) {
        assertTrue(loader.accepts(r));
        loader.write(r, List.of(line(r.kafkaOffset())));
      }
      Poll.until(Duration.ofSeconds(10), () -> SNOWFLAKE.get().faults().pending(), n -> n == 0);
      loader.close(List.of(tp));

      Poll.until(Duration.ofSeconds(30), () -> f.onStage(objects, tp), l -> !l.isEmpty());
      loader.close(); // waits for the upload thread, which queued the file for submission
      submitter.submitPending();

      assertEquals(List.of("0_4.json.gz"), f.onStage(objects, tp), "the late upload landed");
      assertEquals(0, f.metrics.getFilesSubmitted(), "but was not submitted");
      assertEquals(0, f.calls.calls(CallStats.Kind.INSERT_FILES));
      assertEquals(0, SNOWFLAKE.get().snowpipe().pendingFiles());
      assertEquals(0, f.rows("EVENTS"));
    }
  }

  private static byte[] line(long offset) {
    return ("{\"meta\":{\"offset\":" + offset + "},\"content\":{\"id\":" + offset + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
