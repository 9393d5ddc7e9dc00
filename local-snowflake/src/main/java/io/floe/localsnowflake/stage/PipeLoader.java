package io.floe.localsnowflake.stage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Snowpipe queue: one background thread loads queued files one at a time, in
 * submission order. Loading can be paused (submissions keep queueing), which fault tests use to
 * hold files in the queue; tests wait for {@link #awaitIdle} instead of sleeping.
 */
final class PipeLoader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PipeLoader.class);

  private final Deque<PipeFileHistory.Queued> queue = new ArrayDeque<>();
  private final Consumer<PipeFileHistory.Queued> load;
  private final Thread worker;
  private boolean paused;
  private boolean busy;
  private boolean closed;

  PipeLoader(Consumer<PipeFileHistory.Queued> load) {
    this.load = load;
    this.worker = new Thread(this::run, "local-snowflake-snowpipe");
    worker.setDaemon(true);
    worker.start();
  }

  synchronized void submit(PipeFileHistory.Queued file) {
    queue.addLast(file);
    notifyAll();
  }

  synchronized void pause(boolean pause) {
    paused = pause;
    notifyAll();
  }

  /** Files waiting (not counting one being loaded). */
  synchronized int pending() {
    return queue.size();
  }

  /**
   * Waits until the queue is empty and nothing is loading; false if that did not happen within
   * {@code timeout} (for instance because loading is paused).
   */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!queue.isEmpty() || busy) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private void run() {
    while (true) {
      PipeFileHistory.Queued next;
      synchronized (this) {
        while (!closed && (paused || queue.isEmpty())) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        next = queue.pollFirst();
        busy = true;
      }
      try {
        load.accept(next);
      } catch (RuntimeException e) {
        // The load records its own failures; this is a bug or a closed store. Keep serving.
        LOG.warn("Snowpipe load of {} failed", next.path(), e);
      } finally {
        synchronized (this) {
          busy = false;
          notifyAll();
        }
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      worker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
