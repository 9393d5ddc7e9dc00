package io.floe.localsnowflake.core;

import io.floe.localsnowflake.core.LocalClock.Step;
import java.util.List;

/** Where a {@link LocalClock} keeps its steps. */
public interface ClockSteps {
  /** The DuckDB variable holding the clock's offset (an INTERVAL) in a {@link #in DuckStore}. */
  String OFFSET_VARIABLE = "local_snowflake_clock_offset";

  /**
   * Now in local time, as a DuckDB expression: DuckDB's clock plus {@link #OFFSET_VARIABLE} (none
   * in a store whose clock was never set up). CURRENT_TIMESTAMP and its kin translate to it.
   */
  String SQL_NOW =
      "(current_timestamp + coalesce(getvariable('" + OFFSET_VARIABLE + "'), INTERVAL 0 SECOND))";

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
   * history they date; the current offset also goes into {@link #OFFSET_VARIABLE}.
   */
  static ClockSteps in(DuckStore store) {
    return new DuckClockSteps(store);
  }
}
