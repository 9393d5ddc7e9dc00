package io.floe.localsnowflake.stage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Snowpipe queue. Pipes load in parallel, as Snowflake's do: a few background threads
 * each take the oldest files of a pipe no other thread is loading, so one pipe's files still load
 * in submission order (its load history reads as a sequence) while another pipe's files need not
 * wait behind them. Reading and converting a file, most of a load's work, runs concurrently; only
 * the final insert takes the store's lock. Files waiting on one pipe are handed over together (up
 * to {@link #BATCH}) so that looking up the pipe, its COPY and its table, and committing, happen
 * once for them. Loading can be paused (submissions keep queueing), which fault tests use to hold
 * files in the queue; tests wait for {@link #awaitIdle} instead of sleeping.
 */
final class PipeLoader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PipeLoader.class);

  /**
   * At most this many files of a pipe load together: about a second of work, bounded memory (the
   * rows of a batch are held until its insert). Enough for the connectors' files of 10,000 rows to
   * pass DuckDB's row group (122,880 rows): a transaction appending at least that many rows has
   * them moved into the table at commit instead of copied (DuckDB 1.4.4, measured alone: about 1 µs
   * a row of two JSON columns for 80,000 rows, nothing from 122,880 on).
   */
  static final int BATCH = 16;

  /** Queued files per pipe id, pipes in the order their oldest waiting file arrived. */
  private final Map<Long, Deque<PipeFileHistory.Queued>> queues = new LinkedHashMap<>();

  private final Set<Long> loading = new HashSet<>();
  private final Consumer<List<PipeFileHistory.Queued>> load;
  private final List<Thread> workers = new ArrayList<>();
  private int pending;
  private boolean paused;
  private boolean closed;

  /**
   * @param threads how many pipes may load at once
   */
  PipeLoader(Consumer<List<PipeFileHistory.Queued>> load, int threads) {
    this.load = load;
    for (int i = 0; i < threads; i++) {
      Thread worker = new Thread(this::run, "local-snowflake-snowpipe-" + (i + 1));
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
  }

  /** One loader thread per core, at least two, so parallel pipes are parallel on small machines. */
  static int defaultThreads() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  synchronized void submit(PipeFileHistory.Queued file) {
    queues.computeIfAbsent(file.pipeId(), id -> new ArrayDeque<>()).addLast(file);
    pending++;
    notifyAll();
  }

  synchronized void pause(boolean pause) {
    paused = pause;
    notifyAll();
  }

  /** Files waiting (not counting those being loaded). */
  synchronized int pending() {
    return pending;
  }

  /**
   * Waits until every queue is empty and nothing is loading; false if that did not happen within
   * {@code timeout} (for instance because loading is paused).
   */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending > 0 || !loading.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** The oldest files of the first pipe nobody is loading, marking that pipe busy; or null. */
  private List<PipeFileHistory.Queued> take() {
    for (Iterator<Map.Entry<Long, Deque<PipeFileHistory.Queued>>> it = queues.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Long, Deque<PipeFileHistory.Queued>> pipe = it.next();
      if (loading.contains(pipe.getKey())) {
        continue;
      }
      List<PipeFileHistory.Queued> next = new ArrayList<>();
      while (next.size() < BATCH && !pipe.getValue().isEmpty()) {
        next.add(pipe.getValue().pollFirst());
      }
      if (pipe.getValue().isEmpty()) {
        it.remove();
      }
      loading.add(pipe.getKey());
      pending -= next.size();
      return next;
    }
    return null;
  }

  private void run() {
    while (true) {
      List<PipeFileHistory.Queued> next = null;
      synchronized (this) {
        while (!closed && (paused || (next = take()) == null)) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
      }
      try {
        load.accept(next);
      } catch (RuntimeException e) {
        // The load records its own failures; this is a bug or a closed store. Keep serving.
        LOG.warn("Snowpipe load of {} failed", next.get(0).path(), e);
      } finally {
        synchronized (this) {
          loading.remove(next.get(0).pipeId());
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
      for (Thread worker : workers) {
        worker.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
