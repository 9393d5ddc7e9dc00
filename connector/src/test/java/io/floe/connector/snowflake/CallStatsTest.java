package io.floe.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CallStatsTest {
  @Test
  void percentilesAreBucketBoundsOfTheRecordedLatencies() {
    CallStats stats = new CallStats();
    assertEquals(0, stats.percentileMillis(99));
    for (int i = 0; i < 98; i++) {
      stats.record(3_000_000, 1, false); // 3 ms: the 4 ms bucket
    }
    stats.record(700_000_000, 3, false); // 700 ms after two retries: the 1024 ms bucket
    stats.record(5_000_000_000L, 6, true);
    assertEquals(4, stats.percentileMillis(50));
    assertEquals(1024, stats.percentileMillis(99));
    assertEquals(8192, stats.percentileMillis(100));
    assertEquals(100, stats.calls());
    assertEquals(2 + 5, stats.retries());
    assertEquals(1, stats.failures());
  }

  @Test
  void theRetrierCountsEveryCallItsRetriesAndFailures() {
    CallStats stats = new CallStats();
    Retrier retrier =
        new Retrier(3, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1), stats);
    int[] tries = {0};
    assertEquals(
        "ok",
        retrier.call(
            "flaky",
            () -> {
              if (tries[0]++ == 0) {
                throw new java.net.SocketTimeoutException("once");
              }
              return "ok";
            },
            (what, e) ->
                new io.floe.connector.FloeException(
                    io.floe.connector.ErrorCode.FLOE_1004, what, e)));
    assertEquals(1, stats.calls());
    assertEquals(1, stats.retries());
    assertEquals(0, stats.failures());
  }

  @Test
  void anInterruptIsNotRetriedWhateverFormTheDriverGaveIt() {
    CallStats stats = new CallStats();
    Retrier retrier =
        new Retrier(6, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5), stats);
    for (Exception failure :
        java.util.List.of(
            new java.sql.SQLException(
                "JDBC driver encountered communication error",
                "08006",
                new java.nio.channels.ClosedByInterruptException()),
            new java.io.InterruptedIOException("interrupted"))) {
      io.floe.connector.FloeException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              io.floe.connector.FloeException.class,
              () ->
                  retrier.call(
                      "read the load report",
                      () -> {
                        throw failure;
                      },
                      (what, x) ->
                          new io.floe.connector.FloeException(
                              io.floe.connector.ErrorCode.FLOE_1004, what, x)));
      assertEquals(io.floe.connector.ErrorCode.FLOE_5001, e.code());
      org.junit.jupiter.api.Assertions.assertTrue(Thread.interrupted(), "interrupt kept");
    }
    assertEquals(0, stats.retries());
  }

  @Test
  void callsAreCountedByKind() {
    CallStats stats = new CallStats();
    Retrier retrier =
        new Retrier(3, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1), stats);
    retrier.call(CallStats.Kind.LIST, "list", () -> null, (what, e) -> null);
    retrier.call(CallStats.Kind.LIST, "list", () -> null, (what, e) -> null);
    retrier.call("desc table", () -> null, (what, e) -> null);
    assertEquals(2, stats.calls(CallStats.Kind.LIST));
    assertEquals(1, stats.calls(CallStats.Kind.SQL));
    assertEquals(0, stats.calls(CallStats.Kind.INSERT_FILES));
    assertEquals(3, stats.calls());
  }
}
