package io.floe.connector.table.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Field names become columns as Snowflake's Kafka connector names them. */
class ColumnNameTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "orderId|ORDERID|\"ORDERID\"",
        "ORDER_ID|ORDER_ID|\"ORDER_ID\"",
        "my-field|MY-FIELD|\"MY-FIELD\"",
        "a b|A B|\"A B\"",
        "\"lowerCase\"|lowerCase|\"lowerCase\"",
        "\"a\"\"b\"|a\"\"b|\"a\"\"\"\"b\"",
        "say \"hi\"|SAY \"HI\"|\"SAY \"\"HI\"\"\"",
        "ß|SS|\"SS\"",
        "\"|\"|\"\"\"\"",
      })
  void namesAndQuotesAsTheIncumbentDoes(String field, String column, String sql) {
    ColumnName name = ColumnName.of(field);
    assertEquals(column, name.name());
    assertEquals(sql, name.sql());
  }

  @Test
  void upperCasingIgnoresTheJvmLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertEquals("ID", ColumnName.of("id").name()); // not the dotted İ
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void refusesNamesSnowflakeCannotHave() {
    assertThrows(IllegalArgumentException.class, () -> ColumnName.of(""));
    assertThrows(IllegalArgumentException.class, () -> ColumnName.of("\"\""));
    assertEquals(255, ColumnName.of("x".repeat(255)).name().length());
    assertThrows(IllegalArgumentException.class, () -> ColumnName.of("x".repeat(256)));
  }
}
