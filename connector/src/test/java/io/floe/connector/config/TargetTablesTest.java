package io.floe.connector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.table.TableNameResolver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which tables validate() can name before records arrive, and on which setting. */
class TargetTablesTest {
  private static final TableNameResolver MAP =
      TableNameResolver.parse("orders:ORDERS,audit_.*:other.AUDIT");
  private static final List<String> MAPPED =
      List.of("snowflake.topic2table.map: ORDERS", "snowflake.topic2table.map: other.AUDIT");

  private static List<String> targets(Map<String, String> props) {
    return TargetTables.of(props, MAP).stream().map(t -> t.key() + ": " + t.table()).toList();
  }

  @Test
  void listedTopicsGiveTheirMappedOrOwnTablesOnce() {
    assertEquals(
        List.of(
            "snowflake.topic2table.map: ORDERS",
            "snowflake.topic2table.map: other.AUDIT",
            "topics: payments"),
        targets(Map.of("topics", "orders, audit_eu,audit_us,payments")));
  }

  @Test
  void regexTopicsAndRenamingTransformsLeaveOnlyTheMapsTables() {
    assertEquals(MAPPED, targets(Map.of("topics.regex", "pay.*")));
    assertEquals(
        MAPPED,
        targets(
            Map.of(
                "topics",
                "payments",
                "transforms",
                "route",
                "transforms.route.type",
                "org.apache.kafka.connect.transforms.RegexRouter")));
  }
}
