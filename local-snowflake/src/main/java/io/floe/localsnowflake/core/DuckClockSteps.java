package io.floe.localsnowflake.core;

import io.floe.localsnowflake.core.LocalClock.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@link ClockSteps} in the DuckStore: a hidden table of (wall time, offset) in epoch microseconds,
 * like the rest of the local Snowflake's metadata, and the latest offset in the connection's {@link
 * ClockSteps#OFFSET_VARIABLE}.
 */
final class DuckClockSteps implements ClockSteps {
  private final DuckStore store;
  private final String table;

  DuckClockSteps(DuckStore store) {
    this.store = store;
    this.table =
        store.hiddenSchema(
                "_local_snowflake_clock",
                "steps (wall_time BIGINT NOT NULL, offset_micros BIGINT NOT NULL)")
            + ".steps";
    List<Step> steps = load();
    store.withConnection(
        c -> {
          setOffset(c, steps.isEmpty() ? Duration.ZERO : steps.get(steps.size() - 1).offset());
          return null;
        });
  }

  @Override
  public List<Step> load() {
    return store.withConnection(
        c ->
            DuckStore.query(
                c,
                "SELECT wall_time, offset_micros FROM "
                    + table
                    + " ORDER BY wall_time, offset_micros",
                rs ->
                    new Step(
                        Instant.EPOCH.plus(rs.getLong(1), ChronoUnit.MICROS),
                        Duration.of(rs.getLong(2), ChronoUnit.MICROS))));
  }

  @Override
  public void append(Step step) {
    store.withConnection(
        c -> {
          DuckStore.update(
              c,
              "INSERT INTO " + table + " VALUES (?, ?)",
              ChronoUnit.MICROS.between(Instant.EPOCH, step.wallTime()),
              micros(step.offset()));
          setOffset(c, step.offset());
          return null;
        });
  }

  private static void setOffset(Connection c, Duration offset) throws SQLException {
    // SET takes no parameters; the value is a number we format.
    DuckStore.update(
        c, "SET VARIABLE " + OFFSET_VARIABLE + " = to_microseconds(" + micros(offset) + ")");
  }

  private static long micros(Duration d) {
    return d.toNanos() / 1000;
  }
}
