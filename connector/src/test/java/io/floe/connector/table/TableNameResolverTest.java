package io.floe.connector.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableNameResolverTest {

  /**
   * Expected names were produced by running the Snowflake connector's own algorithm
   * (Utils.generateValidName, v2.5.0/v3.5.4) on these topics, so a switch keeps the same tables.
   */
  @ParameterizedTest
  @CsvSource({
    "orders, orders",
    "_x, _x",
    "orders$v1, orders$v1",
    "my-topic, my_topic_1894580786",
    "1topic, _1topic_1513374622",
    "-x, __x_1515",
    "a, a_97",
    "9, _9_57",
    "topic.with.dots, topic_with_dots_719918477",
    "Orders-EU.v2, Orders_EU_v2_271974478",
  })
  void unmappedTopicsGetTheIncumbentsTableNames(String topic, String table) {
    TableName name = TableNameResolver.parse("").resolve(topic);
    assertEquals(table, name.table());
    assertEquals(Optional.empty(), name.schema());
    assertEquals(Optional.empty(), name.database());
  }

  @Test
  void exactEntryWinsOverPatterns() {
    TableNameResolver resolver = TableNameResolver.parse("orders_.*:ALL_ORDERS , payments:PAY");
    assertEquals("ALL_ORDERS", resolver.resolve("orders_eu").table());
    assertEquals("PAY", resolver.resolve("payments").table());
    // Full match only: a pattern does not match inside a longer name.
    assertEquals(
        "old_orders_eu_" + Math.abs("old-orders_eu".hashCode()),
        resolver.resolve("old-orders_eu").table());
    assertEquals("payments_v2", resolver.resolve("payments_v2").table());
  }

  @Test
  void exactTopicContainingRegexCharactersIsMatchedExactly() {
    TableNameResolver resolver = TableNameResolver.parse("orders.v1:ORDERS_V1,other:OTHER");
    assertEquals("ORDERS_V1", resolver.resolve("orders.v1").table());
    // As a regex, '.' matches any character, like the incumbent.
    assertEquals("ORDERS_V1", resolver.resolve("orders-v1").table());
  }

  @Test
  void patternsAreTriedInTheOrderGiven() {
    // Neither entry's topic matches the other's pattern (so both are accepted, as by the
    // incumbent), yet "abb" matches both: the first entry wins, every time.
    TableNameResolver first = TableNameResolver.parse("a.*b:T1,ab.*:T2");
    TableNameResolver second = TableNameResolver.parse("ab.*:T2,a.*b:T1");
    assertEquals("T1", first.resolve("abb").table());
    assertEquals("T2", second.resolve("abb").table());
  }

  @Test
  void qualifiedTablesKeepTheirParts() {
    TableNameResolver resolver = TableNameResolver.parse("a:DB1.RAW.T_A,b:RAW.T_B,c:T_C");
    TableName a = resolver.resolve("a");
    assertEquals(Optional.of("DB1"), a.database());
    assertEquals(Optional.of("RAW"), a.schema());
    assertEquals("T_A", a.table());
    assertEquals("DB1.RAW.T_A", a.toString());
    TableName b = resolver.resolve("b");
    assertEquals(Optional.empty(), b.database());
    assertEquals(Optional.of("RAW"), b.schema());
    assertEquals("RAW.T_B", b.toString());
    assertEquals("T_C", resolver.resolve("c").toString());
  }

  @Test
  void qualifiedTablesFillMissingPartsFromTheConnectorsDatabaseAndSchema() {
    TableNameResolver resolver = TableNameResolver.parse("a:DB1.RAW.T_A,b:raw.t_b");
    assertEquals("DB1.RAW.T_A", resolver.resolve("a").toObjectRef("KAFKA_DB", "PUBLIC").restName());
    assertEquals(
        "KAFKA_DB.RAW.T_B", resolver.resolve("b").toObjectRef("kafka_db", "PUBLIC").restName());
    assertEquals(
        "KAFKA_DB.PUBLIC.MY_TOPIC_1894580786",
        resolver.resolve("my-topic").toObjectRef("KAFKA_DB", "PUBLIC").restName());
  }

  @Test
  void whitespaceAndBlankEntriesAreTolerated() {
    TableNameResolver resolver = TableNameResolver.parse("  t1 : tab1 ,\n t2:tab2,");
    assertEquals("tab1", resolver.resolve("t1").table());
    assertEquals("tab2", resolver.resolve("t2").table());
    assertEquals(
        TableNameResolver.parse(null).resolve("t1"), TableNameResolver.parse("  ").resolve("t1"));
  }

  @Test
  void singleCharacterTablesAreAccepted() {
    assertEquals("t", TableNameResolver.parse("orders:t").resolve("orders").table());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "orders:ORDERS,payments      | FLOE_0009 | 'payments' has no ':'",
        "orders:db:ORDERS            | FLOE_0009 | 'orders:db:ORDERS' has more than one ':'",
        "' :ORDERS'                  | FLOE_0009 | ':ORDERS' has an empty topic",
        "'orders: '                  | FLOE_0009 | 'orders:' has an empty table",
        "orders:my-table             | FLOE_0010 | 'orders:my-table' names table 'my-table'",
        "orders:a.b.c.d              | FLOE_0010 | names table 'a.b.c.d'",
        "orders:\"Orders\"           | FLOE_0010 | names table '\"Orders\"'",
        "orders:1abc                 | FLOE_0010 | names table '1abc'",
        "orders:A,orders:B           | FLOE_0011 | Topic 'orders' is in entries 'orders:A' and"
            + " 'orders:B'",
        "orders_.*:A,orders_eu:B     | FLOE_0012 | 'orders_.*:A' and 'orders_eu:B' overlap:"
            + " 'orders_eu' matches 'orders_.*'",
        "orders_eu:B,orders_.*:A     | FLOE_0012 | 'orders_eu' matches 'orders_.*'",
        "topic.1:A,topic_1:B         | FLOE_0012 | 'topic_1' matches 'topic.1'",
        "orders[:A                   | FLOE_0013 | Entry 'orders[:A'",
      })
  void invalidMapsQuoteTheEntryAndSayWhatToDo(String map, ErrorCode code, String detail) {
    FloeException e = assertThrows(FloeException.class, () -> TableNameResolver.parse(map));
    assertEquals(code, e.code());
    String message = e.getMessage();
    assertTrue(message.startsWith(code.id() + " "), message);
    assertTrue(message.contains(detail), message);
    assertTrue(message.contains("snowflake.topic2table.map"), message);
    assertTrue(message.contains("Remedy: " + code.remedy()), message);
  }

  @Test
  void emptyTopicIsAProgrammingError() {
    TableNameResolver resolver = TableNameResolver.parse("");
    assertThrows(IllegalArgumentException.class, () -> resolver.resolve(""));
    assertThrows(IllegalArgumentException.class, () -> resolver.resolve(null));
  }
}
