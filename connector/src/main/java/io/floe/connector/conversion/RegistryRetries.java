package io.floe.connector.conversion;

import java.time.Duration;

/**
 * How {@link SchemaRegistryClient} retries a registry that does not answer (connection failures,
 * timeouts, HTTP 408, 429 and 5xx), with the settings and defaults of Confluent's own client:
 * {@code max.retries} (3), {@code retries.wait.ms} (1 s, doubled after each retry) and {@code
 * retries.max.wait.ms} (20 s, the longest wait).
 *
 * @param maxRetries retries after the first attempt; 0 fails at once
 * @param initialWait the wait before the first retry
 * @param maxWait the longest wait between two attempts
 */
record RegistryRetries(int maxRetries, Duration initialWait, Duration maxWait) {
  static final RegistryRetries DEFAULT =
      new RegistryRetries(3, Duration.ofSeconds(1), Duration.ofSeconds(20));

  RegistryRetries {
    if (maxRetries < 0 || initialWait.isNegative() || maxWait.isNegative()) {
      throw new IllegalArgumentException("negative retry setting");
    }
  }

  /** The wait before retry number {@code retry} (0 for the first): exponential, capped. */
  Duration waitBefore(int retry) {
    Duration wait = initialWait;
    for (int i = 0; i < retry && wait.compareTo(maxWait) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxWait) > 0 ? maxWait : wait;
  }
}
