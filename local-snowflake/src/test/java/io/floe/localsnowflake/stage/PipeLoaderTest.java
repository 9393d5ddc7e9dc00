package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Snowpipe queue: pipes load in parallel, each pipe's files in order and never two at once. */
class PipeLoaderTest {
  private static PipeFileHistory.Queued file(long pipe, String path) {
    return new PipeFileHistory.Queued(pipe, path, "U", Instant.EPOCH);
  }

  @Test
  void aSlowPipeDoesNotHoldUpAnother() throws Exception {
    CountDownLatch pipeOneStarted = new CountDownLatch(1);
    CountDownLatch releasePipeOne = new CountDownLatch(1);
    CountDownLatch pipeTwoLoaded = new CountDownLatch(1);
    List<String> loaded = new ArrayList<>();
    try (PipeLoader loader =
        new PipeLoader(
            batch -> {
              if (batch.get(0).pipeId() == 1) {
                pipeOneStarted.countDown();
                await(releasePipeOne);
              } else {
                pipeTwoLoaded.countDown();
              }
              synchronized (loaded) {
                batch.forEach(f -> loaded.add(f.path()));
              }
            },
            2)) {
      loader.submit(file(1, "one/a"));
      assertTrue(pipeOneStarted.await(10, TimeUnit.SECONDS));
      loader.submit(file(1, "one/b"));
      loader.submit(file(2, "two/a"));
      assertTrue(pipeTwoLoaded.await(10, TimeUnit.SECONDS), "pipe 2 waited for pipe 1");
      // Pipe 1's second file waits for its first, though pipe 2's thread is free again.
      assertEquals(1, loader.pending());
      releasePipeOne.countDown();
      assertTrue(loader.awaitIdle(Duration.ofSeconds(10)));
    }
    assertEquals(List.of("two/a", "one/a", "one/b"), loaded);
  }

  @Test
  void filesWaitingOnOnePipeAreLoadedTogetherInSubmissionOrder() throws Exception {
    List<List<String>> batches = new ArrayList<>();
    try (PipeLoader loader =
        new PipeLoader(
            batch -> {
              synchronized (batches) {
                batches.add(batch.stream().map(PipeFileHistory.Queued::path).toList());
              }
            },
            2)) {
      loader.pause(true);
      for (int i = 0; i < PipeLoader.BATCH + 2; i++) {
        loader.submit(file(7, "f" + i));
      }
      assertEquals(PipeLoader.BATCH + 2, loader.pending());
      loader.pause(false);
      assertTrue(loader.awaitIdle(Duration.ofSeconds(10)));
    }
    List<String> all = batches.stream().flatMap(List::stream).toList();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < PipeLoader.BATCH + 2; i++) {
      expected.add("f" + i);
    }
    assertEquals(expected, all);
    assertEquals(PipeLoader.BATCH, batches.get(0).size());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
