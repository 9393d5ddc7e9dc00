package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TaskThreadsTest {

  @Test
  void threadsAreNamedAfterConnectorAndTaskAndCarryTheTaskThreadsMdc() throws Exception {
    MDC.put("connector.context", "[orders-sink|task-3] ");
    TaskThreads threads;
    try {
      threads = new TaskThreads("orders-sink", "task-3");
    } finally {
      MDC.remove("connector.context");
    }

    ExecutorService pool = Executors.newFixedThreadPool(2, threads.factory("upload"));
    try {
      String seen =
          CompletableFuture.supplyAsync(
                  () -> Thread.currentThread().getName() + " " + MDC.get("connector.context"), pool)
              .get(10, TimeUnit.SECONDS);
      assertEquals("floe-orders-sink-task-3-upload-1 [orders-sink|task-3] ", seen);
    } finally {
      pool.shutdownNow();
    }

    CompletableFuture<String> mdc = new CompletableFuture<>();
    Thread submit = threads.newThread(() -> mdc.complete(MDC.get("connector.context")), "submit");
    assertEquals("floe-orders-sink-task-3-submit", submit.getName());
    assertTrue(submit.isDaemon(), "a stuck Floe thread must not keep the worker's JVM alive");
    submit.start();
    assertEquals("[orders-sink|task-3] ", mdc.get(10, TimeUnit.SECONDS));
  }
}
