package io.floe.connector.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.apply.ApplyTarget.DeleteMode;
import io.floe.connector.apply.ApplyTarget.Field;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.schema.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated SQL's names and literals; ApplierTest runs it through the driver. */
class ApplyStatementTest {
  private static final ObjectRef TABLE = ObjectRef.of("db", "public", "\"my-orders\"");

  private static ApplyTarget target(DeleteMode mode) {
    return new ApplyTarget(
        TABLE,
        List.of(new Field("orderId", ColumnType.INTEGER)),
        List.of(
            new Field("orderId", ColumnType.INTEGER),
            new Field("\"camelCase\"", ColumnType.VARCHAR),
            new Field("it's", ColumnType.VARIANT)),
        mode);
  }

  @Test
  void columnsAreNamedAsSchematizationNamesThemAndAlwaysQuoted() {
    String sql = new ApplyStatement(target(DeleteMode.HARD), ChangeTables.of(TABLE)).merge(range());
    assertTrue(sql.startsWith("MERGE INTO DB.PUBLIC.\"my-orders\" t USING"), sql);
    assertTrue(sql.contains("FROM DB.PUBLIC.\"my-orders_FLOE_CHANGES\" WHERE"), sql);
    // The record field is read as written, the column is named as schematization names it.
    assertTrue(sql.contains("\"__FLOE_K\"['orderId']::NUMBER(38,0) AS \"ORDERID\""), sql);
    assertTrue(sql.contains("\"__FLOE_R\"['\"camelCase\"']::VARCHAR AS \"camelCase\""), sql);
    // Semi-structured columns take the VARIANT as it is; the quote in the field is escaped.
    assertTrue(sql.contains("\"__FLOE_R\"['it\\'s'] AS \"IT'S\""), sql);
    assertTrue(sql.contains("ON t.\"ORDERID\" = s.\"ORDERID\""), sql);
    assertTrue(sql.contains("THEN DELETE"), sql);
    // The key is not also a value column: it is never SET.
    assertTrue(!sql.contains("\"ORDERID\" = s.\"ORDERID\","), sql);
  }

  @Test
  void softDeletesMarkTheRowInsteadOfDeletingIt() {
    String sql = new ApplyStatement(target(DeleteMode.SOFT), ChangeTables.of(TABLE)).merge(range());
    assertTrue(!sql.contains("THEN DELETE"), sql);
    assertTrue(sql.contains("THEN UPDATE SET \"__FLOE_DELETED\" = TRUE"), sql);
    assertTrue(sql.contains("\"__FLOE_DELETED\" = FALSE"), sql);
  }

  @Test
  void rangesNameTopicPartitionAndBothOffsetBounds() {
    assertEquals(
        "((RECORD_METADATA:topic::VARCHAR = 'a\\'b' AND RECORD_METADATA:partition::NUMBER(38,0) = 2"
            + " AND RECORD_METADATA:offset::NUMBER(38,0) > -1"
            + " AND RECORD_METADATA:offset::NUMBER(38,0) <= 7))",
        ApplyStatement.inRanges(List.of(new PartitionRange("a'b", 2, -1, 7))));
    assertThrows(IllegalArgumentException.class, () -> new PartitionRange("t", 0, 5, 4));
  }

  private static List<PartitionRange> range() {
    return List.of(new PartitionRange("orders", 0, -1, 10));
  }
}
