package io.floe.connector.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.table.schema.TableColumn;
import io.floe.connector.table.schema.TableColumns;
import io.floe.connector.table.schema.TableSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchematizedRowsTest {
  private static final ObjectRef TABLE = ObjectRef.of("DB", "PUBLIC", "T");

  private static Map<String, Object> row(String line, TableColumn... columns) {
    TableColumns table = new TableColumns(List.of(columns));
    TableSchema schema =
        new TableSchema() {
          @Override
          public String name() {
            return TABLE.toString();
          }

          @Override
          public TableColumns columns() {
            return table;
          }

          @Override
          public boolean evolves() {
            return true;
          }

          @Override
          public TableColumns reread() {
            return table;
          }

          @Override
          public TableColumns evolve(Map<ColumnName, ColumnType> add, Set<ColumnName> drop) {
            throw new AssertionError("the converter evolves tables, not the loader");
          }
        };
    return new SchematizedRows(t -> schema).of(TABLE, line.getBytes(StandardCharsets.UTF_8));
  }

  private static TableColumn column(String name, String type) {
    return new TableColumn(name, type, true);
  }

  @Test
  void valuesBecomeWhatTheSdkTakesForEachColumnType() {
    Map<String, Object> row =
        row(
            "{\"RECORD_METADATA\":{\"offset\":1},\"ID\":12,"
                + "\"BIG\":123456789012345678901234567890,\"AMT\":1.50,\"F\":0.5,\"OK\":true,"
                + "\"NAME\":\"ann\",\"NUM\":7,\"RAW\":\"0102FF\",\"DAY\":\"2022-01-08\","
                + "\"T\":\"12:34:56.789\",\"NTZ\":\"2024-01-02T03:04:05.500\","
                + "\"TZ\":\"2023-11-14T22:13:20.000Z\",\"V\":\"text\",\"O\":{\"k\":1},"
                + "\"A\":[1],\"lower\":\"x\",\"GONE\":null}",
            column("RECORD_METADATA", "VARIANT"),
            column("ID", "NUMBER(38,0)"),
            column("BIG", "NUMBER(38,0)"),
            column("AMT", "NUMBER(20,2)"),
            column("F", "FLOAT"),
            column("OK", "BOOLEAN"),
            column("NAME", "VARCHAR(16777216)"),
            column("NUM", "VARCHAR(16777216)"),
            column("RAW", "BINARY(8388608)"),
            column("DAY", "DATE"),
            column("T", "TIME(3)"),
            column("NTZ", "TIMESTAMP_NTZ(3)"),
            column("TZ", "TIMESTAMP_TZ(3)"),
            column("V", "VARIANT"),
            column("O", "OBJECT"),
            column("A", "ARRAY"),
            column("lower", "VARCHAR(16777216)"),
            column("GONE", "VARCHAR(16777216)"));

    assertEquals("{\"offset\":1}", row.get("\"RECORD_METADATA\""));
    assertEquals(12L, row.get("\"ID\""));
    assertEquals(new BigDecimal("123456789012345678901234567890"), row.get("\"BIG\""));
    assertEquals(new BigDecimal("1.50"), row.get("\"AMT\""));
    assertEquals(0.5, row.get("\"F\""));
    assertEquals(true, row.get("\"OK\""));
    assertEquals("ann", row.get("\"NAME\""));
    assertEquals("7", row.get("\"NUM\""));
    assertArrayEquals(new byte[] {1, 2, (byte) 0xFF}, (byte[]) row.get("\"RAW\""));
    assertEquals(LocalDate.of(2022, 1, 8), row.get("\"DAY\""));
    assertEquals(LocalTime.parse("12:34:56.789"), row.get("\"T\""));
    assertEquals(LocalDateTime.parse("2024-01-02T03:04:05.500"), row.get("\"NTZ\""));
    assertEquals(OffsetDateTime.parse("2023-11-14T22:13:20Z"), row.get("\"TZ\""));
    assertEquals("\"text\"", row.get("\"V\""), "VARIANT text is JSON");
    assertEquals("{\"k\":1}", row.get("\"O\""));
    assertEquals("[1]", row.get("\"A\""));
    assertEquals("x", row.get("\"lower\""), "a case-sensitive column keeps its name");
    assertFalse(row.containsKey("\"GONE\""), "a null fills nothing");
    assertEquals("lower", SchematizedRows.column("\"lower\""));
  }

  @Test
  void textThatIsNotIsoIsLeftForTheSdkToRefuse() {
    Map<String, Object> row =
        row(
            "{\"RECORD_METADATA\":{},\"DAY\":\"8 Jan 2022\",\"TZ\":\"2024-01-02T03:04:05\"}",
            column("RECORD_METADATA", "VARIANT"),
            column("DAY", "DATE"),
            column("TZ", "TIMESTAMP_TZ(9)"));
    assertEquals("8 Jan 2022", row.get("\"DAY\""));
    assertEquals(LocalDateTime.parse("2024-01-02T03:04:05"), row.get("\"TZ\""));
  }
}
