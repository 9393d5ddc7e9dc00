package io.floe.connector.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.loading.BrokenRecords;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The streaming loader's exactly-once rules against a stand-in for Snowpipe Streaming: rows are
 * checked where a user would look (the table's rows, by Kafka offset) and in Kafka's committed
 * offsets.
 */
class StreamingLoaderTest {
  private static final TopicPartition TP = new TopicPartition("orders", 0);

  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  @Test
  void kafkaCommitsOnlyWhatSnowflakeCommitted() {
    FakeStreaming snowflake = new FakeStreaming();
    StreamingWorker worker = new StreamingWorker(snowflake);
    worker.produce(TP, 30, Set.of());
    worker.start();
    worker.drain(10);

    assertEquals(Map.of(), worker.commit(), "nothing is committed before the SDK flushed");
    snowflake.flush();
    assertEquals(Map.of(TP, 30L), worker.commit());
    assertEquals(range(0, 30), worker.offsetsInTable(TP));
  }

  @Test
  void aRestartResumesAfterTheChannelsTokenNotKafkasCommit() {
    FakeStreaming snowflake = new FakeStreaming();
    StreamingWorker first = new StreamingWorker(snowflake);
    first.produce(TP, 50, Set.of());
    first.start();
    first.drain(10);
    snowflake.flush();
    // The worker dies before committing anything to Kafka.
    StreamingWorker second = new StreamingWorker(snowflake);
    second.log.putAll(first.log);
    second.produce(TP, 20, Set.of());
    second.start();
    second.drain(7);
    snowflake.flush();

    assertEquals(Map.of(TP, 70L), second.commit());
    assertEquals(range(0, 70), second.offsetsInTable(TP));
  }

  @Test
  void recordsConsumedAfterTheLastRowCommitOnceItIsCommitted() {
    FakeStreaming snowflake = new FakeStreaming();
    StreamingWorker worker = new StreamingWorker(snowflake);
    worker.produce(TP, 10, Set.of());
    worker.start();
    worker.drain(10);
    snowflake.flush();
    // Records a transform dropped before put(): Connect counts them as consumed.
    worker.consumed.put(TP, 15L);

    assertEquals(Map.of(TP, 15L), worker.commit());
  }

  @Test
  void aRefusedRowGoesToTheDeadLetterQueueAndTheRestLoad() {
    FakeStreaming snowflake = new FakeStreaming();
    snowflake.refuses = row -> "\"bad\"".equals(row.get(RowColumns.CONTENT));
    StreamingWorker worker = new StreamingWorker(snowflake);
    worker.produce(TP, 20, Set.of(7L, 13L));
    worker.start();
    worker.drain(20);
    snowflake.flush();

    assertEquals(Map.of(TP, 20L), worker.commit());
    List<Long> expected = new java.util.ArrayList<>(range(0, 20));
    expected.removeAll(List.of(7L, 13L));
    assertEquals(expected, worker.offsetsInTable(TP));
    assertEquals(List.of(7L, 13L), worker.deadLetters.stream().map(r -> r.kafkaOffset()).toList());
  }

  @Test
  void aRefusedRowFailsTheTaskAndLoadsOnceTheCauseIsFixed() {
    FakeStreaming snowflake = new FakeStreaming();
    snowflake.refuses = row -> "\"bad\"".equals(row.get(RowColumns.CONTENT));
    StreamingWorker worker = new StreamingWorker(snowflake);
    worker.brokenMode = BrokenRecords.Mode.FAIL;
    worker.produce(TP, 20, Set.of(7L));
    worker.start();

    FloeException e = assertThrows(FloeException.class, () -> worker.poll(20));
    assertTrue(e.getMessage().startsWith(ErrorCode.FLOE_3041.id()), e.getMessage());
    assertTrue(e.getMessage().contains("offset 7"), e.getMessage());
    snowflake.flush();
    assertEquals(range(0, 7), worker.offsetsInTable(TP), "rows before the refused one load");
    // The table is fixed (it takes the row now) and the task restarted.
    snowflake.refuses = row -> false;
    StreamingWorker restarted = new StreamingWorker(snowflake);
    restarted.log.putAll(worker.log);
    restarted.start();
    restarted.drain(20);
    snowflake.flush();
    assertEquals(range(0, 20), restarted.offsetsInTable(TP));
  }

  @Test
  void anInvalidatedChannelIsReopenedAndTheLostRowsAreReadAgain() {
    FakeStreaming snowflake = new FakeStreaming();
    StreamingWorker worker = new StreamingWorker(snowflake);
    worker.produce(TP, 40, Set.of());
    worker.start();
    worker.poll(10);
    snowflake.flush(); // 0..9 committed
    worker.poll(10); // 10..19 buffered in the SDK
    snowflake.instances.get(0).invalidate(); // a failed upload: 10..19 are lost
    worker.drain(10);
    snowflake.flush();

    assertEquals(range(0, 40), worker.offsetsInTable(TP));
    assertEquals(Map.of(TP, 40L), worker.commit());
    assertEquals(2, snowflake.opens);
  }

  @Test
  void aChannelFoundInvalidAtCommitTimeIsReopenedAndNothingIsSkipped() {
    FakeStreaming snowflake = new FakeStreaming();
    StreamingWorker worker = new StreamingWorker(snowflake);
    worker.produce(TP, 40, Set.of());
    worker.start();
    worker.poll(10);
    snowflake.flush(); // 0..9 committed
    worker.poll(10); // 10..19 buffered in the SDK
    snowflake.instances.get(0).invalidate(); // lost: only the status call will tell
    assertEquals(Map.of(TP, 10L), worker.commit());
    worker.drain(10);
    snowflake.flush();

    assertEquals(range(0, 40), worker.offsetsInTable(TP));
    assertEquals(Map.of(TP, 40L), worker.commit());
  }

  @Test
  void aZombieIsFencedAndEveryRecordLandsOnce() {
    FakeStreaming snowflake = new FakeStreaming();
    StreamingWorker zombie = new StreamingWorker(snowflake);
    zombie.produce(TP, 30, Set.of());
    zombie.start();
    zombie.poll(10);
    snowflake.flush(); // 0..9 committed by the zombie
    zombie.poll(10); // 10..19 buffered by the zombie
    // The partition is reassigned while the old owner still runs.
    StreamingWorker owner = new StreamingWorker(snowflake);
    owner.log.putAll(zombie.log);
    owner.start();
    owner.drain(10);
    snowflake.flush(); // the zombie's 10..19 are refused; the owner's 10..29 commit
    zombie.drain(10); // the zombie notices, reopens, and goes on from the committed token
    snowflake.flush();

    assertEquals(range(0, 30), owner.offsetsInTable(TP));
  }

  @Test
  void twoOwnersFencingEachOtherForEverFailTheTask() {
    FakeStreaming snowflake = new FakeStreaming();
    StreamingWorker worker = new StreamingWorker(snowflake);
    worker.maxRecoveries = 2;
    worker.produce(TP, 100, Set.of());
    worker.start();
    FloeException e =
        assertThrows(
            FloeException.class,
            () -> {
              for (int i = 0; i < 10; i++) {
                worker.poll(5);
                // Another instance opens the channel each time: this one is fenced.
                snowflake.open(
                    StreamingWorker.TABLE, ChannelName.of(StreamingWorker.CONNECTOR, TP));
                snowflake.flush();
              }
            });
    assertTrue(e.getMessage().startsWith(ErrorCode.FLOE_3042.id()), e.getMessage());
  }

  @Test
  void offsetsBelowTheCommittedTokenAfterTheSeekAreRefusedLoudly() {
    FakeStreaming snowflake = new FakeStreaming();
    StreamingWorker first = new StreamingWorker(snowflake);
    first.produce(TP, 50, Set.of());
    first.start();
    first.drain(50);
    snowflake.flush();
    first.stop();
    // The topic is deleted and re-created: 10 new records at offsets 0..9.
    StreamingWorker second = new StreamingWorker(snowflake);
    second.produce(TP, 10, Set.of());
    second.start();
    // Kafka cannot seek to 50 (past the end) and falls back to the beginning, every time.
    FloeException e =
        assertThrows(
            FloeException.class,
            () -> {
              for (int i = 0; i < 3; i++) {
                second.context.takeSeeks();
                second.position.put(TP, 0L);
                second.put(second.log.get(TP));
              }
            });
    assertTrue(e.getMessage().startsWith(ErrorCode.FLOE_3040.id()), e.getMessage());
    assertEquals(range(0, 50), second.offsetsInTable(TP));
  }

  @Test
  void channelNamesHoldTheConnectorAndStayDistinct() {
    String a = ChannelName.of("a_b", new TopicPartition("c", 0));
    String b = ChannelName.of("a", new TopicPartition("b_c", 0));
    assertTrue(a.startsWith("FLOE_a_b_c_0_"), a);
    assertTrue(b.startsWith("FLOE_a_b_c_0_"), b);
    assertTrue(!a.equals(b), a + " vs " + b);
  }

  @Test
  void jmxShowsEachChannelsProcessedAndCommittedOffsetsAndTheWaitForACommit() throws Exception {
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    FakeStreaming snowflake = new FakeStreaming();
    StreamingWorker worker = new StreamingWorker(snowflake);
    worker.metrics.register(StreamingWorker.CONNECTOR, "jmx");
    try {
      worker.produce(TP, 30, Set.of());
      worker.start();
      worker.drain(10);
      worker.nanos[0] += 2_500_000_000L; // the SDK has not flushed for 2.5 s
      worker.commit();
      ObjectName partition =
          new ObjectName(
              "io.floe:type=partition,connector=\""
                  + StreamingWorker.CONNECTOR
                  + "\",task=jmx,topic=\"orders\",partition=0");
      ObjectName task =
          new ObjectName(
              "io.floe:type=task,connector=\"" + StreamingWorker.CONNECTOR + "\",task=jmx");
      assertEquals(30L, jmx.getAttribute(partition, "ConsumedOffset"));
      assertEquals(30L, jmx.getAttribute(partition, "ProcessedOffset"));
      assertEquals(-1L, jmx.getAttribute(partition, "CommittableOffset"));
      assertEquals(2500L, jmx.getAttribute(task, "ChannelCommitLagMillis"));

      snowflake.flush();
      worker.commit();
      assertEquals(30L, jmx.getAttribute(partition, "CommittableOffset"));
      assertEquals(0L, jmx.getAttribute(task, "ChannelCommitLagMillis"));
    } finally {
      worker.metrics.unregister();
    }
  }
}
