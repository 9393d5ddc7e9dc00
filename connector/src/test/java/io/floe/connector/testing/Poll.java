package io.floe.connector.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition by checking it repeatedly (tests never sleep a fixed time). */
public final class Poll {
  private Poll() {}

  /** Returns the first value that satisfies {@code done}; fails with the last one on timeout. */
  public static <T> T until(
      Duration timeout, Supplier<T> value, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = value.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout + "; last value: " + last);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      last = value.get();
    }
    return last;
  }
}
