package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.TableObjects;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionWriterTest {
  private static final TopicPartition TP = new TopicPartition("orders", 3);
  private static final TableObjects OBJECTS =
      TableObjects.of("conn", ObjectRef.of("db", "public", "orders"));

  private static PartitionWriter writer(long records, long bytes, Duration age, long recovered) {
    return new PartitionWriter(
        TP, OBJECTS, new FlushPolicy(records, bytes, age), 0, recovered, true);
  }

  private static List<byte[]> row(String json) {
    return List.of(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sealsAtTheRecordCountIntoANamedGzipOfJsonLines() throws IOException {
    PartitionWriter w = writer(3, Long.MAX_VALUE, Duration.ofHours(1), -1);
    assertNull(w.add(10, row("{\"a\":1}"), 0));
    assertNull(w.add(11, row("{\"a\":2}"), 0));
    SealedFile f = w.add(12, row("{\"a\":3}"), 0);
    assertNotNull(f);
    assertEquals("orders/3/10_12.json.gz", f.path);
    assertEquals(3, f.rows);
    String text =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(f.bytes())).readAllBytes(),
            StandardCharsets.UTF_8);
    assertEquals("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n", text);
  }

  @Test
  void sealsAtTheUncompressedSize() {
    PartitionWriter w = writer(1000, 20, Duration.ofHours(1), -1);
    assertNull(w.add(0, row("{\"k\":\"0123456\"}"), 0));
    assertNotNull(w.add(1, row("{\"k\":\"0123456\"}"), 0));
  }

  @Test
  void sealsWhenTheOldestRecordIsDue() {
    PartitionWriter w = writer(1000, 1 << 20, Duration.ofSeconds(5), -1);
    w.add(0, row("{}"), 1_000_000_000L);
    assertNull(w.sealIfDue(5_999_999_999L));
    assertNotNull(w.sealIfDue(6_000_000_000L));
    assertNull(w.sealIfDue(60_000_000_000L), "nothing buffered, nothing to seal");
  }

  @Test
  void commitsOnlyWhatIsSubmittedInOrder() {
    PartitionWriter w = writer(1, Long.MAX_VALUE, Duration.ofHours(1), -1);
    assertTrue(w.committable().isEmpty());
    SealedFile first = w.add(0, row("{}"), 0);
    SealedFile second = w.add(1, row("{}"), 0);
    second.uploaded();
    second.submitted();
    assertTrue(w.committable().isEmpty(), "the earlier file is not submitted yet");
    first.uploaded();
    first.submitted();
    assertEquals(OptionalLong.of(2), w.committable());
  }

  @Test
  void recordsWithoutRowsStillAdvanceTheCommittableOffset() {
    PartitionWriter w = writer(2, Long.MAX_VALUE, Duration.ofHours(1), -1);
    w.add(5, List.of(), 0);
    SealedFile f = w.add(6, List.of(), 0);
    assertFalse(f.hasData());
    assertEquals(OptionalLong.of(7), w.committable());
  }

  @Test
  void aBufferWithoutRowsIsSealedAtOnceAndLeavesTheWriterSettled() {
    PartitionWriter w = writer(100, Long.MAX_VALUE, Duration.ofHours(1), 9);
    assertTrue(w.settled());
    w.add(10, List.of(), 0);
    w.add(11, List.of(), 0);
    assertFalse(w.settled());
    SealedFile f = w.sealIfDue(1);
    assertNotNull(f, "nothing to stage, so no reason to wait for buffer.flush.time");
    assertFalse(f.hasData());
    assertTrue(w.settled());
    assertEquals(OptionalLong.of(12), w.committable());
    w.add(12, row("{}"), 2);
    assertNull(w.sealIfDue(3), "a buffer with rows waits for its thresholds");
    assertFalse(w.settled());
  }

  @Test
  void dropsOffsetsAlreadyStagedBeforeARestart() {
    PartitionWriter w = writer(10, Long.MAX_VALUE, Duration.ofHours(1), 41);
    assertEquals(OptionalLong.of(42), w.committable());
    assertFalse(w.accepts(41));
    assertTrue(w.accepts(42));
  }
}
