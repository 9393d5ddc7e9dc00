package io.floe.connector.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.loading.TaskThreads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChannelOpensTest {
  private final ChannelOpens opens =
      new ChannelOpens(new TaskThreads("my-sink", "task-3").factory("channel-open"), 4);

  @Test
  void opensSeveralAtOnceOnTheTasksThreadsAndKeepsTheOrder() {
    // Each open waits for three others: opened one after another, the first would time out.
    CyclicBarrier together = new CyclicBarrier(4);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Integer> items = IntStream.range(0, 40).boxed().toList();
    List<String> opened =
        opens.all(
            items,
            i -> {
              threads.add(Thread.currentThread().getName());
              try {
                together.await(10, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IllegalStateException("opens ran one after another", e);
              }
              return "channel-" + i;
            },
            c -> {});
    assertEquals(items.stream().map(i -> "channel-" + i).toList(), opened);
    assertEquals(4, threads.size());
    assertTrue(
        threads.stream().allMatch(t -> t.startsWith("floe-my-sink-task-3-channel-open-")),
        threads.toString());
  }

  @Test
  void aFailedOpenClosesWhatTheOthersOpenedAndThrowsTheFirstFailure() {
    IllegalStateException first = new IllegalStateException("channel 3");
    List<String> discarded = Collections.synchronizedList(new ArrayList<>());
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                opens.all(
                    IntStream.range(0, 10).boxed().toList(),
                    i -> {
                      if (i == 3) {
                        throw first;
                      }
                      if (i == 7) {
                        throw new IllegalStateException("channel 7");
                      }
                      return "channel-" + i;
                    },
                    discarded::add));
    assertSame(first, thrown);
    assertEquals("channel 7", thrown.getSuppressed()[0].getMessage());
    assertEquals(
        Set.of(
            "channel-0",
            "channel-1",
            "channel-2",
            "channel-4",
            "channel-5",
            "channel-6",
            "channel-8",
            "channel-9"),
        Set.copyOf(discarded));
  }

  @Test
  void oneOpenRunsOnTheCallersThread() {
    String caller = Thread.currentThread().getName();
    assertEquals(
        List.of(caller), opens.all(List.of(1), i -> Thread.currentThread().getName(), c -> {}));
  }
}
