package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FileNamesTest {
  private static final TopicPartition DATA = new TopicPartition("data", 0);

  @Test
  void readsTheRangeOfAPartitionsFileOnTheStageAndOnTheTableStage() {
    assertEquals(new FileNames.Range(0, 5, 9), FileNames.range(DATA, "data/0/5_9.json.gz").get());
    assertEquals(
        new FileNames.Range(0, 5, 9),
        FileNames.range(DATA, "floe_failed/conn/data/0/5_9.json.gz").get());
  }

  @Test
  void aLaterGenerationIsMarkedInTheNameAndIsNewerWhateverItsOffsets() {
    assertEquals("data/0/5_9.json.gz", FileNames.path(DATA, 0, 5, 9));
    assertEquals("data/0/g2_5_9.json.gz", FileNames.path(DATA, 2, 5, 9));
    FileNames.Range newer = FileNames.range(DATA, "data/0/g2_0_4.json.gz").get();
    assertEquals(new FileNames.Range(2, 0, 4), newer);
    assertEquals(
        new FileNames.Range(2, 0, 4),
        FileNames.range(DATA, "floe_failed/conn/data/0/g2_0_4.json.gz").get());
    assertTrue(newer.after(new FileNames.Range(1, 100, 199)));
    assertTrue(new FileNames.Range(1, 100, 199).after(new FileNames.Range(1, 0, 99)));
    assertTrue(FileNames.range(DATA, "data/0/gx_0_4.json.gz").isEmpty());
  }

  @Test
  void aRetryOfAFileKeepsItsRangeUnderANewPath() {
    String retry = FileNames.nextAttempt("data/0/g2_5_9.json.gz");
    assertEquals("data/0/g2_5_9_r1.json.gz", retry);
    assertEquals("data/0/g2_5_9_r2.json.gz", FileNames.nextAttempt(retry));
    assertEquals(new FileNames.Range(2, 5, 9), FileNames.range(DATA, retry).get());
    assertEquals(0, FileNames.attempt("data/0/5_9.json.gz"));
    assertEquals(1, FileNames.attempt(retry));
    assertEquals(
        new FileNames.Range(0, 5, 9),
        FileNames.range(DATA, "floe_failed/conn/data/0/5_9_r3.json.gz").get());
  }

  @Test
  void aMarkerNamesTheRangeOfTheLoadedFileItStandsFor() {
    FileNames.Range r = new FileNames.Range(1, 5, 9);
    assertEquals("g1_5_9.loaded", FileNames.markerFile(r));
    assertEquals(r, FileNames.markerRange(DATA, "data/0/g1_5_9.loaded").get());
    assertEquals(
        new FileNames.Range(0, 5, 9), FileNames.markerRange(DATA, "data/0/5_9.loaded").get());
    assertTrue(FileNames.range(DATA, "data/0/5_9.loaded").isEmpty(), "not a data file");
    assertTrue(FileNames.markerRange(DATA, "data/0/5_9.json.gz").isEmpty());
    assertTrue(FileNames.markerRange(DATA, "metadata/0/5_9.loaded").isEmpty());
  }

  @Test
  void ignoresOtherTopicsWhoseNameEndsTheSameAndOtherFiles() {
    assertTrue(FileNames.range(DATA, "metadata/0/5_9.json.gz").isEmpty());
    assertTrue(FileNames.range(DATA, "data/10/5_9.json.gz").isEmpty());
    assertTrue(FileNames.range(DATA, "data/0/5_9_1700000000.json.gz").isEmpty());
  }

  @Test
  void aTopicsListingIsGroupedByPartitionFolder() {
    assertEquals(OptionalInt.of(12), FileNames.partitionBelow("data/", "data/12/5_9.json.gz"));
    assertEquals(
        OptionalInt.of(3),
        FileNames.partitionBelow("floe_failed/c/data/", "floe_failed/c/data/3/0_4.json.gz"));
    assertTrue(FileNames.partitionBelow("data/", "metadata/1/5_9.json.gz").isEmpty());
    assertTrue(FileNames.partitionBelow("data/", "data/x/5_9.json.gz").isEmpty());
    assertTrue(FileNames.partitionBelow("data/", "data/1/sub/5_9.json.gz").isEmpty());
    assertTrue(FileNames.partitionBelow("data/", "data/99999999999/5_9.json.gz").isEmpty());
    assertEquals(
        Optional.of(new TopicPartition("data", 7)), FileNames.partitionOf("data/7/0_4.json.gz"));
    assertTrue(FileNames.partitionOf("0_4.json.gz").isEmpty());
  }
}
