package io.floe.localsnowflake.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The local Snowflake's time: a wall clock plus an offset that tests move forward with {@link
 * #advance}, so sessions, JWTs, load history and load metadata can age without waiting. Everything
 * time-based in the local Snowflake reads this clock.
 *
 * <p>Clients (drivers, the Snowpipe SDK) and the file system keep the wall clock, so the clock also
 * remembers every advance as a step and maps a wall-clock instant to the local time it was then
 * ({@link #localTime}): a file written before an advance keeps its age, a JWT signed before one
 * expires by it. Time never goes back: load events, their marks and the session expiries assume it.
 *
 * <p>With a {@link ClockSteps} store, the steps persist (a data directory's clock goes on from
 * where it stopped instead of jumping back to the wall clock, which would put its own load history
 * in the future).
 */
public final class LocalClock extends Clock {
  /**
   * From {@code wallTime} on (until the next step), local time is wall time plus {@code offset}.
   */
  public record Step(Instant wallTime, Duration offset) {}

  private final Clock wall;
  private final ClockSteps store;
  private volatile List<Step> steps;

  /** The wall clock as it is, nothing persisted: what a server built without a store uses. */
  public LocalClock(Clock wall) {
    this(wall, ClockSteps.NONE, null);
  }

  /**
   * A clock whose steps {@code store} keeps. When the store has none yet, the clock starts at
   * {@code start} (null: the wall clock's time); otherwise it goes on from the stored steps and
   * {@code start} is ignored.
   */
  public LocalClock(Clock wall, ClockSteps store, Instant start) {
    this.wall = wall;
    this.store = store;
    List<Step> stored = store.load();
    if (stored.isEmpty() && start != null) {
      // The first step reaches back to before anything this clock could have seen.
      Step first = new Step(Instant.EPOCH, Duration.between(wall.instant(), start));
      store.append(first);
      stored = List.of(first);
    }
    this.steps = List.copyOf(stored);
  }

  @Override
  public Instant instant() {
    return wall.instant().plus(offset());
  }

  /** How far local time is ahead of the wall clock (negative when started in the past). */
  public Duration offset() {
    List<Step> s = steps;
    return s.isEmpty() ? Duration.ZERO : s.get(s.size() - 1).offset();
  }

  /** Moves local time forward by {@code amount} (not negative) and returns the new local time. */
  public synchronized Instant advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException(
          "the local Snowflake's clock only moves forward, not by " + amount);
    }
    Step step = new Step(wall.instant(), offset().plus(amount));
    store.append(step);
    List<Step> next = new ArrayList<>(steps);
    next.add(step);
    steps = List.copyOf(next);
    return instant();
  }

  /**
   * The local time at the wall-clock instant {@code wallTime}, with the offset in force then: for
   * file modification times, and the issue times of tokens clients sign with the wall clock.
   */
  public Instant localTime(Instant wallTime) {
    return wallTime.plus(offsetAt(wallTime));
  }

  /** The offset that was in force at the wall-clock instant {@code wallTime}. */
  public Duration offsetAt(Instant wallTime) {
    List<Step> s = steps;
    for (int i = s.size() - 1; i >= 0; i--) {
      if (!s.get(i).wallTime().isAfter(wallTime)) {
        return s.get(i).offset();
      }
    }
    return Duration.ZERO;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Always UTC: the local Snowflake keeps every time in UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
