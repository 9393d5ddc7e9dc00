package io.floe.connector.streaming;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens a rebalance's channels several at a time. Opening a channel and reading its committed token
 * are a round trip to Snowflake each, made inside the consumer's rebalance callback: one after
 * another, a task given 1,000 partitions at a tenth of a second a call would spend minutes there,
 * past {@code max.poll.interval.ms}. The SDK's client may be called from several threads (the tasks
 * of a worker share one with {@code enable.streaming.client.optimization}).
 */
final class ChannelOpens {
  /**
   * At most this many opens in flight per task: enough to hide the round trips, few enough that a
   * worker's tasks opening together stay well inside the SDK's connection pool.
   */
  static final int PARALLELISM = 8;

  private final ThreadFactory threads;
  private final int parallelism;

  ChannelOpens(ThreadFactory threads, int parallelism) {
    this.threads = threads;
    this.parallelism = parallelism;
  }

  /**
   * {@code open} applied to every item, results in the items' order. Every open runs to its end
   * even when one fails, so that none is left half done; then, if any failed, what the others
   * opened is handed to {@code discard} and the first failure (in the items' order) is thrown.
   */
  <I, T> List<T> all(List<I> items, Function<I, T> open, Consumer<T> discard) {
    if (items.size() <= 1) {
      // A single reopen (an invalidated channel, an evolved table) needs no threads.
      return items.isEmpty() ? List.of() : List.of(open.apply(items.get(0)));
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(parallelism, items.size()), threads);
    try {
      List<Future<T>> futures = new ArrayList<>(items.size());
      for (I item : items) {
        futures.add(pool.submit(() -> open.apply(item)));
      }
      List<T> opened = new ArrayList<>(items.size());
      RuntimeException failure = null;
      for (Future<T> f : futures) {
        try {
          opened.add(f.get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = unwrap(e.getCause());
          } else {
            failure.addSuppressed(e.getCause());
          }
        }
      }
      if (failure != null) {
        opened.forEach(discard);
        throw failure;
      }
      return opened;
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
      throw new FloeException(ErrorCode.FLOE_5001, "Interrupted while opening channels.", e);
    } finally {
      pool.shutdown();
    }
  }

  private static RuntimeException unwrap(Throwable cause) {
    if (cause instanceof Error error) {
      throw error;
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new IllegalStateException(cause);
  }
}
