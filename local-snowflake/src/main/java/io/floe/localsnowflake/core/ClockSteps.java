package io.floe.localsnowflake.core;

import io.floe.localsnowflake.core.LocalClock.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Where a {@link LocalClock} keeps its steps. */
public interface ClockSteps {
  /** Keeps nothing: the clock starts from the wall clock every time. */
  ClockSteps NONE =
      new ClockSteps() {
        @Override
        public List<Step> load() {
          return List.of();
        }

        @Override
        public void append(Step step) {}
      };

  /** The steps so far, oldest first. */
  List<Step> load();

  void append(Step step);

  /**
   * Steps in a hidden table of the DuckStore, so a file-backed store keeps them with the load
   * history they date (epoch microseconds, like the rest of the local Snowflake's metadata).
   */
  static ClockSteps in(DuckStore store) {
    String table =
        store.withConnection(
            c -> {
              // Qualified with the catalog current now: SQL sessions may USE another one later.
              String catalog =
                  DuckStore.query(c, "SELECT current_database()", rs -> rs.getString(1))
                      .get(0)
                      .replace("\"", "\"\"");
              String qualified = "\"" + catalog + "\"._local_snowflake_clock";
              DuckStore.update(c, "CREATE SCHEMA IF NOT EXISTS " + qualified);
              DuckStore.update(
                  c,
                  "CREATE TABLE IF NOT EXISTS "
                      + qualified
                      + ".steps (wall_time BIGINT NOT NULL, offset_micros BIGINT NOT NULL)");
              return qualified + ".steps";
            });
    return new ClockSteps() {
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
            c ->
                DuckStore.update(
                    c,
                    "INSERT INTO " + table + " VALUES (?, ?)",
                    ChronoUnit.MICROS.between(Instant.EPOCH, step.wallTime()),
                    step.offset().toNanos() / 1000));
      }
    };
  }
}
