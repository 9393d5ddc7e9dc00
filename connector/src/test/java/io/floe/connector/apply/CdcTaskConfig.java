package io.floe.connector.apply;

import io.floe.connector.testing.FloeFixture;
import java.util.HashMap;
import java.util.Map;

/** The settings the change-data-capture task tests run with: upsert into ITEMS, applied fast. */
final class CdcTaskConfig {
  private CdcTaskConfig() {}

  /** {@code topic}'s changes mirrored into ITEMS, flushed every second, applied every 100 ms. */
  static Map<String, String> upsert(FloeFixture f, String topic, String name) {
    Map<String, String> p = new HashMap<>(f.config(name, 10));
    p.put("snowflake.enable.schematization", "true");
    p.put("floe.cdc.mode", "upsert");
    p.put("snowflake.topic2table.map", topic + ":ITEMS");
    p.put("floe.cdc.apply.interval.ms", "100");
    p.put("buffer.flush.time", "1");
    return p;
  }
}
