package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.table.TableObjects;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Submission to Snowpipe, one request per pipe, driven on the test's thread. */
class SubmitterTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void aFailingPipeLeavesTheOtherPipesFilesSubmittedAndItsOwnPending() {
    try (LoadingFixture f = new LoadingFixture(SNOWFLAKE.get(), "submit_pipes", "sub")) {
      TableObjects broken = f.objects("BROKEN");
      TableObjects healthy = f.objects("HEALTHY");
      TopicPartition b = new TopicPartition("broken", 0);
      TopicPartition h = new TopicPartition("healthy", 0);
      Submitter submitter = f.submitter(f.tracker(Duration.ofSeconds(1)));
      // The failing pipe's files come first: on the old code the others were never sent.
      submitter.uploaded(broken, f.stage(broken, b, 0, 4), f.ownership.take(b));
      submitter.uploaded(healthy, f.stage(healthy, h, 0, 2), f.ownership.take(h));
      f.client.execute("drop pipe", "drop pipe " + broken.pipe().sql());

      FloeException e = assertThrows(FloeException.class, submitter::submitPending);
      assertEquals(ErrorCode.FLOE_3002, e.code());
      f.floe.awaitRows("HEALTHY", 3);
      assertEquals(1, f.metrics.getFilesSubmitted());

      // The broken pipe's file is still queued: once the pipe is back it is submitted.
      f.client.createPipe(broken.pipe(), broken.copyStatement());
      submitter.submitPending();
      f.floe.awaitRows("BROKEN", 5);
      SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
      assertEquals(5, f.rows("BROKEN"));
      assertEquals(3, f.rows("HEALTHY"));
      assertEquals(2, f.metrics.getFilesSubmitted());
      submitter.close();
    }
  }

  @Test
  void aFileWrittenUnderAnEarlierOwnershipIsNotSubmittedAfterThePartitionCameBack() {
    try (LoadingFixture f = new LoadingFixture(SNOWFLAKE.get(), "submit_reopen", "reo")) {
      TableObjects objects = f.objects("EVENTS");
      TopicPartition tp = new TopicPartition("events", 0);
      Submitter submitter = f.submitter(f.tracker(Duration.ofSeconds(1)));
      long first = f.ownership.take(tp);
      submitter.release(List.of(tp));
      long second = f.ownership.take(tp); // the same task is given the partition again
      // An upload of the first ownership lands now: the second one's recovery never saw it.
      submitter.uploaded(objects, f.stage(objects, tp, 0, 4), first);
      submitter.uploaded(objects, f.stage(objects, tp, 5, 9), second);
      submitter.submitPending();
      f.floe.awaitRows("EVENTS", 5);
      SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
      assertEquals(5, f.rows("EVENTS"));
      assertEquals(1, f.metrics.getFilesSubmitted());
      submitter.close();
    }
  }
}
