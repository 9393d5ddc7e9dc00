package io.floe.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import net.snowflake.client.jdbc.SnowflakeSQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which failures the Retrier tries again, and which end a call at once. */
class FailuresTest {
  private final CallStats stats = new CallStats();
  private final Retrier retrier = new Retrier(6, Duration.ofMillis(1), Duration.ofMillis(1), stats);

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void programmingErrorsAreNotRetried() {
    for (RuntimeException bug :
        new RuntimeException[] {
          new NullPointerException("x is null"),
          new IllegalStateException("bad state"),
          new IllegalArgumentException("bad argument"),
          new ClassCastException("not a String")
        }) {
      assertFalse(Failures.isTransient(bug), bug.toString());
      // Also when a driver wraps it without an error code.
      assertFalse(Failures.isTransient(new SQLException("driver failed", bug)), bug.toString());
      AtomicInteger attempts = new AtomicInteger();
      FloeException e =
          assertThrows(
              FloeException.class,
              () ->
                  retrier.call(
                      "describe table T",
                      () -> {
                        attempts.incrementAndGet();
                        throw bug;
                      },
                      (what, cause) -> new FloeException(ErrorCode.FLOE_2005, what, cause)));
      assertEquals(1, attempts.get(), bug.toString());
      assertEquals(ErrorCode.FLOE_2005, e.code());
    }
  }

  @Test
  void networkFailuresAreStillRetried() {
    assertTrue(Failures.isTransient(new IOException("connection reset")));
    assertTrue(Failures.isTransient(new SQLException("wrapped", new IOException("reset"))));
  }

  @Test
  void theDriversInterruptEndsTheCallAtOnce() {
    // What snowflake-jdbc throws when it notices an interrupt mid-call (ErrorCode.INTERRUPTED,
    // SQLSTATE 57014, which would otherwise read as a transient cancellation).
    SQLException interrupt =
        new SnowflakeSQLException(net.snowflake.client.jdbc.ErrorCode.INTERRUPTED);
    assertEquals(Failures.DRIVER_INTERRUPTED, interrupt.getErrorCode());
    assertEquals("JDBC driver Interrupt exception encountered.", interrupt.getMessage());
    AtomicInteger attempts = new AtomicInteger();
    FloeException e =
        assertThrows(
            FloeException.class,
            () ->
                retrier.call(
                    "list @S/t/0/",
                    () -> {
                      attempts.incrementAndGet();
                      throw interrupt;
                    },
                    (what, cause) -> new FloeException(ErrorCode.FLOE_2005, what, cause)));
    assertEquals(1, attempts.get());
    assertEquals(ErrorCode.FLOE_5001, e.code());
    assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is passed on");
  }

  @Test
  void onlyFailuresThatLoseTheSessionCountAsLostAndTheyAreRetried() {
    assertTrue(
        Failures.isSessionLost(
            new SQLException("Authentication token has expired", "08001", 390114)));
    assertTrue(Failures.isSessionLost(new SQLException("gone", "XX000", 390111)));
    assertTrue(Failures.isSessionLost(new RuntimeException(new SQLException("reset", "08006"))));
    assertTrue(Failures.isTransient(new SQLException("expired", "XX000", 390114)));
    assertFalse(Failures.isSessionLost(new SQLException("no such table", "02000", 2003)));
    assertFalse(Failures.isSessionLost(new SQLException("syntax", "42000", 1003)));
  }
}
