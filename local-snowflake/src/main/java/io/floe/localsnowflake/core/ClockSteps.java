package io.floe.localsnowflake.core;

import io.floe.localsnowflake.core.LocalClock.Step;
import java.util.List;

/** Where a {@link LocalClock} keeps its steps. */
public interface ClockSteps {
  /**
   * The DuckDB variable holding the clock's offset (an INTERVAL) in a {@link #in DuckStore}: the
   * SQL translation of CURRENT_TIMESTAMP and its kin adds it, so queries see local time too.
   */
  String OFFSET_VARIABLE = "local_snowflake_clock_offset";

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
