package io.floe.connector.table;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableManagerTest {
  private static final ObjectRef T = ObjectRef.of("db", "public", "orders");

  @Test
  void acceptsTheTwoVariantColumnsPlusNullableExtras() {
    assertDoesNotThrow(
        () ->
            TableManager.check(
                T,
                List.of(
                    new Column("RECORD_METADATA", "VARIANT", true),
                    new Column("RECORD_CONTENT", "VARIANT", true),
                    new Column("LOADED_AT", "TIMESTAMP_NTZ(9)", true))));
  }

  @Test
  void namesTheColumnThatIsNotVariant() {
    FloeException e =
        assertThrows(
            FloeException.class,
            () ->
                TableManager.check(
                    T,
                    List.of(
                        new Column("RECORD_METADATA", "VARIANT", true),
                        new Column("RECORD_CONTENT", "VARCHAR(16777216)", true))));
    assertEquals(ErrorCode.FLOE_2001, e.code());
    assertTrue(e.getMessage().contains("DB.PUBLIC.ORDERS"), e.getMessage());
    assertTrue(e.getMessage().contains("RECORD_CONTENT is VARCHAR"), e.getMessage());
  }

  @Test
  void namesTheNotNullColumn() {
    FloeException e =
        assertThrows(
            FloeException.class,
            () ->
                TableManager.check(
                    T,
                    List.of(
                        new Column("RECORD_METADATA", "VARIANT", true),
                        new Column("RECORD_CONTENT", "VARIANT", true),
                        new Column("ID", "NUMBER(38,0)", false))));
    assertTrue(e.getMessage().contains("column ID is NOT NULL"), e.getMessage());
  }

  @Test
  void namesTheMissingColumn() {
    FloeException e =
        assertThrows(
            FloeException.class,
            () -> TableManager.check(T, List.of(new Column("RECORD_CONTENT", "VARIANT", true))));
    assertTrue(e.getMessage().contains("no RECORD_METADATA column"), e.getMessage());
  }

  @Test
  void objectNamesAreDerivedFromConnectorAndTable() {
    TableObjects o = TableObjects.of("my-connector", ObjectRef.of("db", "public", "orders"));
    assertEquals("DB.PUBLIC.FLOE_MY_CONNECTOR_STAGE_ORDERS", o.stage().restName());
    assertEquals("DB.PUBLIC.FLOE_MY_CONNECTOR_PIPE_ORDERS", o.pipe().restName());
    assertTrue(TableManager.sameStatement(o.copyStatement(), o.copyStatement().toUpperCase()));
  }
}
