package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.table.TableObjects;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the tracker removes from the stage once files are loaded, and what it keeps. */
class LoadTrackerPurgeTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final Duration MARKER_DELAY = Duration.ofSeconds(30);

  @Test
  void olderLoadedFilesGoAndTheNewestIsReplacedByAMarkerOnceThePartitionIsQuiet() {
    try (LoadingFixture f = new LoadingFixture(SNOWFLAKE.get(), "purge_marker", "purge")) {
      TableObjects objects = f.objects("EVENTS");
      TopicPartition tp = new TopicPartition("events", 0);
      LoadTracker tracker = f.tracker(MARKER_DELAY);
      for (long first : new long[] {0, 5}) {
        f.stage(objects, tp, first, first + 4);
        tracker.trackLoaded(objects, tp, FileNames.path(tp, 0, first, first + 4), range(first));
      }

      tracker.poll();
      // The newest file stays while the partition may still get a newer one.
      assertEquals(List.of("5_9.json.gz"), f.onStage(objects, tp));

      f.clock.advance(MARKER_DELAY.plusSeconds(1));
      tracker.poll();
      assertEquals(List.of("5_9.loaded"), f.onStage(objects, tp));
      assertEquals(2, f.metrics.getFilesPurged());
    }
  }

  private static FileNames.Range range(long first) {
    return new FileNames.Range(0, first, first + 4);
  }
}
