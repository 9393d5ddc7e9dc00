package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FileNamesTest {
  private static final TopicPartition DATA = new TopicPartition("data", 0);

  @Test
  void readsTheRangeOfAPartitionsFileOnTheStageAndOnTheTableStage() {
    assertEquals(new FileNames.Range(5, 9), FileNames.range(DATA, "data/0/5_9.json.gz").get());
    assertEquals(
        new FileNames.Range(5, 9),
        FileNames.range(DATA, "floe_failed/conn/data/0/5_9.json.gz").get());
  }

  @Test
  void ignoresOtherTopicsWhoseNameEndsTheSameAndOtherFiles() {
    assertTrue(FileNames.range(DATA, "metadata/0/5_9.json.gz").isEmpty());
    assertTrue(FileNames.range(DATA, "data/10/5_9.json.gz").isEmpty());
    assertTrue(FileNames.range(DATA, "data/0/5_9_1700000000.json.gz").isEmpty());
  }
}
