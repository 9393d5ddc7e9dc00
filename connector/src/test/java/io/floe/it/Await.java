package io.floe.it;

import java.time.Duration;

/**
 * Polls a condition until it holds or a deadline passes. Tests against a running cluster must wait
 * for asynchronous effects (rebalances, flushes, loads); polling for the effect itself keeps them
 * both fast and honest, where a fixed sleep is either too short on a loaded machine or wasted time.
 */
public final class Await {
  private static final long FIRST_PAUSE_MS = 25;
  private static final long MAX_PAUSE_MS = 500;

  private Await() {}

  /** One look at the condition: either done with a value, or not yet with what was seen. */
  public record Poll<T>(boolean done, T value, String observed) {
    public static <T> Poll<T> done(T value) {
      return new Poll<>(true, value, null);
    }

    public static <T> Poll<T> notYet(String observed) {
      return new Poll<>(false, null, observed);
    }
  }

  /**
   * A condition to poll. An exception counts as "not yet" (e.g. a REST call during a rebalance).
   */
  @FunctionalInterface
  public interface Probe<T> {
    Poll<T> poll() throws Exception;
  }

  /** A yes/no condition to poll. */
  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }

  /**
   * Polls {@code probe} until it is done and returns its value.
   *
   * <p>An {@link AssertionError} thrown by the probe ends the wait at once: probes use it for
   * states that can never turn into the awaited one (e.g. a task FAILED while waiting for RUNNING).
   *
   * @throws AssertionError on timeout, naming {@code what} and the last observation
   */
  public static <T> T until(String what, Duration timeout, Probe<T> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_PAUSE_MS;
    String lastObserved = "nothing yet";
    while (true) {
      try {
        Poll<T> poll = probe.poll();
        if (poll.done()) {
          return poll.value();
        }
        lastObserved = poll.observed();
      } catch (AssertionError e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + what, e);
      } catch (Exception e) {
        lastObserved = e.toString();
      }
      if (System.nanoTime() >= deadline) {
        throw new AssertionError(
            "Timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + "; last observed: "
                + lastObserved);
      }
      pause(pause);
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }

  /** Polls {@code check} until it holds. */
  public static void until(String what, Duration timeout, Check check) {
    until(
        what,
        timeout,
        () -> check.holds() ? Poll.done(Boolean.TRUE) : Poll.<Boolean>notYet("condition false"));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while polling", e);
    }
  }
}
