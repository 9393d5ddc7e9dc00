package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.table.TableObjects;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What recovery makes of a partition's files in Snowflake, and what it never submits. */
class RecoveryTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final TopicPartition TP = new TopicPartition("events", 0);

  @Test
  void aFileOverlappingALoadedOneIsNeverSubmittedAndTheTableHoldsEachRecordOnce() {
    try (LoadingFixture f = new LoadingFixture(SNOWFLAKE.get(), "overlap_loaded", "ovl")) {
      TableObjects objects = f.objects("EVENTS");
      f.stage(objects, TP, 0, 9);
      f.snowpipe.insertFiles(objects.pipe(), List.of(FileNames.path(TP, 0, 0, 9)));
      f.floe.awaitRows("EVENTS", 10);
      // A zombie task's file: staged with different flush boundaries over offsets 5-9 again.
      f.stage(objects, TP, 5, 14);

      Recovery.State state = f.recovery().recover(objects, List.of(TP)).get(TP);
      assertEquals(
          List.of(new Recovery.Overlap("events/0/5_14.json.gz", "events/0/0_9.json.gz")),
          state.overlaps());
      assertEquals(
          List.of("events/0/0_9.json.gz"), state.staged().stream().map(s -> s.path()).toList());
      // Offsets 10-14, only in the skipped file, are read from Kafka again.
      assertEquals(9, state.lastStaged());

      LoadTracker tracker = f.tracker(Duration.ofMinutes(1));
      try (Loader loader = f.loader(f.settings(5), tracker, f.submitter(tracker))) {
        loader.open(List.of(TP));
        assertEquals(Map.of(TP, 10L), f.context.takeSeeks());
      }
      assertEquals(1, f.metrics.getOverlappingFilesSkipped());
      SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
      assertEquals(
          List.of("10", "10"),
          f.floe
              .query(
                  "select count(*), count(distinct record_metadata:offset) from "
                      + f.floe.database()
                      + ".PUBLIC.EVENTS")
              .get(0));
      assertEquals(List.of("0_9.json.gz", "5_14.json.gz"), f.onStage(objects, TP));
    }
  }

  @Test
  void ofTwoOverlappingFilesOfUnknownOutcomeOnlyTheWiderIsSubmitted() {
    try (LoadingFixture f = new LoadingFixture(SNOWFLAKE.get(), "overlap_unknown", "ovu")) {
      TableObjects objects = f.objects("EVENTS");
      f.stage(objects, TP, 0, 4);
      f.stage(objects, TP, 0, 9);
      f.stage(objects, TP, 10, 14);

      Recovery.State state = f.recovery().recover(objects, List.of(TP)).get(TP);
      assertEquals(
          List.of(new Recovery.Overlap("events/0/0_4.json.gz", "events/0/0_9.json.gz")),
          state.overlaps());
      assertEquals(
          List.of("events/0/0_9.json.gz", "events/0/10_14.json.gz"),
          state.staged().stream().map(s -> s.path()).toList());
      assertEquals(14, state.lastStaged());
    }
  }

  @Test
  void filesSideBySideAreAllResubmittedAndMarkersSayWhereToResume() throws Exception {
    try (LoadingFixture f = new LoadingFixture(SNOWFLAKE.get(), "recover_plain", "pl")) {
      TableObjects objects = f.objects("EVENTS");
      TopicPartition other = new TopicPartition("events", 1);
      f.stageRestart(objects, "events", 2, 1);
      f.stage(objects, TP, 10, 14);

      Map<TopicPartition, Recovery.State> states =
          f.recovery().recover(objects, List.of(TP, other));
      Recovery.State p0 = states.get(TP);
      assertEquals(List.of(), p0.overlaps());
      assertEquals(
          List.of("events/0/5_9.json.gz", "events/0/10_14.json.gz"),
          p0.staged().stream().map(s -> s.path()).toList());
      assertEquals(
          List.of("events/0/0_4.loaded"), p0.markers().stream().map(m -> m.path()).toList());
      assertEquals(14, p0.lastStaged());
      Recovery.State p1 = states.get(other);
      assertEquals(4, p1.lastStaged());
      assertEquals(true, p1.staged().get(0).loaded(), "in the load history");
    }
  }
}
