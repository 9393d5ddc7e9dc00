package io.floe.connector.snowflake;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries transient Snowflake failures with exponential backoff and jitter. Operations retried here
 * must be idempotent; every operation Floe retries is (uploads overwrite the same deterministic
 * file name, Snowpipe skips paths it has seen, DDL uses IF NOT EXISTS).
 */
public final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final CallStats stats;

  public Retrier(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    this(maxAttempts, initialBackoff, maxBackoff, new CallStats());
  }

  public Retrier(int maxAttempts, Duration initialBackoff, Duration maxBackoff, CallStats stats) {
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.stats = stats;
  }

  /** Six attempts over roughly a minute: longer than a Snowflake blip, shorter than a rebalance. */
  public static Retrier standard() {
    return standard(new CallStats());
  }

  /** As {@link #standard()}, counting every call into {@code stats}. */
  public static Retrier standard(CallStats stats) {
    return new Retrier(6, Duration.ofMillis(500), Duration.ofSeconds(20), stats);
  }

  @FunctionalInterface
  public interface Call<T> {
    T run() throws Exception;
  }

  /**
   * Runs {@code call}; transient failures are retried, permanent ones and exhausted retries become
   * a {@link FloeException} from {@code classifier}.
   */
  public <T> T call(String what, Call<T> call, FailureClassifier classifier) {
    return call(CallStats.Kind.SQL, what, call, classifier);
  }

  /** As {@link #call(String, Call, FailureClassifier)}, counted as a call of {@code kind}. */
  public <T> T call(CallStats.Kind kind, String what, Call<T> call, FailureClassifier classifier) {
    long start = System.nanoTime();
    int[] attempts = {0};
    boolean failed = true;
    try {
      T result = attempt(what, call, classifier, attempts);
      failed = false;
      return result;
    } finally {
      stats.record(kind, System.nanoTime() - start, attempts[0], failed);
    }
  }

  private <T> T attempt(String what, Call<T> call, FailureClassifier classifier, int[] attempts) {
    long backoff = initialBackoff.toMillis();
    for (int attempt = 1; ; attempt++) {
      attempts[0] = attempt;
      try {
        return call.run();
      } catch (FloeException e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FloeException(ErrorCode.FLOE_5001, what, e);
      } catch (Exception e) {
        if (interrupted(e)) {
          // The worker is stopping the task (Loader.close() interrupts the tracker): a driver
          // that turned the interrupt into an I/O error must not be retried for a minute.
          Thread.currentThread().interrupt();
          throw new FloeException(ErrorCode.FLOE_5001, what, e);
        }
        if (!Failures.isTransient(e)) {
          throw classifier.classify(what, e);
        }
        if (attempt >= maxAttempts) {
          throw new FloeException(
              ErrorCode.FLOE_1004, what + " failed " + attempt + " times; last error: " + e, e);
        }
        long sleep = Math.min(backoff, maxBackoff.toMillis());
        sleep += ThreadLocalRandom.current().nextLong(sleep / 4 + 1);
        LOG.warn(
            "{} failed (attempt {} of {}), retrying in {} ms: {}",
            what,
            attempt,
            maxAttempts,
            sleep,
            e.toString());
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new FloeException(ErrorCode.FLOE_5001, what, ie);
        }
        backoff *= 2;
      }
    }
  }

  /** Whether the thread was interrupted, or the failure is an interrupt in another form. */
  private static boolean interrupted(Throwable e) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof InterruptedException
          || c instanceof java.io.InterruptedIOException
              && !(c instanceof java.net.SocketTimeoutException)
          || c instanceof java.nio.channels.ClosedByInterruptException
          || c instanceof java.sql.SQLException sql && Failures.isDriverInterrupt(sql)) {
        return true;
      }
    }
    return false;
  }

  /** Turns a permanent failure into the numbered error the user sees. */
  @FunctionalInterface
  public interface FailureClassifier {
    FloeException classify(String what, Exception e);
  }
}
