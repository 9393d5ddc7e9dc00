package io.floe.connector.table.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnFitTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{1} into {0}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "VARIANT|\"x\"|fits",
        "VARIANT|{\"a\":1}|fits",
        "OBJECT|{\"a\":1}|fits",
        "OBJECT|[1]|the value is not an object",
        "ARRAY|[1]|fits",
        "ARRAY|1|the value is not an array",
        "NUMBER(38,0)|12|fits",
        "NUMBER(38,0)|\"12\"|the value is not a number",
        "NUMBER(38,0)|1.5|the value 1.5 has more than 0 fraction digits",
        "NUMBER(38,0)|2.000|fits",
        "NUMBER(10,2)|12345678.99|fits",
        "NUMBER(10,2)|123456789.9|the value 123456789.9 is out of the column's range",
        "NUMBER(10,2)|1.234|the value 1.234 has more than 2 fraction digits",
        "FLOAT|1|fits",
        "FLOAT|1e300|fits",
        "FLOAT|true|the value is not a number",
        "BOOLEAN|false|fits",
        "BOOLEAN|\"true\"|the value is not a boolean",
        "VARCHAR(16777216)|\"x\"|fits",
        "VARCHAR(16777216)|12|fits",
        "VARCHAR(16777216)|true|fits",
        "VARCHAR(3)|\"abcd\"|the value is longer than 3 characters",
        "VARCHAR(16777216)|{\"a\":1}|the value is not a string",
        "DATE|\"2024-01-15\"|fits",
        "DATE|\"yesterday\"|the value is not a date (yyyy-mm-dd)",
        "TIME(3)|\"10:15:30.123\"|fits",
        "TIMESTAMP_TZ(3)|\"2024-01-15T10:15:30.123Z\"|fits",
        "TIMESTAMP_LTZ(9)|\"2024-01-15 10:15:30\"|fits",
        "TIMESTAMP_NTZ(9)|\"2024-01-15T10:15:30.123Z\"|fits",
        "TIMESTAMP_NTZ(9)|1700000000000|the value is not a timestamp",
        "GEOGRAPHY|\"POINT(1 2)\"|Floe writes no values of that type",
        "NUMBER(38,0)|null|fits",
      })
  void valuesFitColumnsByTheDocumentedRules(String column, String json, String expected)
      throws Exception {
    JsonNode value = JSON.readTree(json);
    String misfit =
        ColumnFit.misfit(
            "f", ValueColumnTypes.of(value), value, new TableColumn("F", column, true));
    if (expected.equals("fits")) {
      assertNull(misfit);
    } else {
      assertTrue(misfit != null && misfit.endsWith(": " + expected), misfit);
    }
  }

  @Test
  void theReasonNamesFieldColumnAndBothTypes() throws Exception {
    String misfit =
        ColumnFit.misfit(
            "amount",
            Optional.of(ColumnType.VARCHAR),
            JSON.readTree("\"ten\""),
            new TableColumn("AMOUNT", "NUMBER(38,0)", true));
    assertEquals(
        "field 'amount' (VARCHAR) does not fit column AMOUNT (NUMBER(38,0)): the value is not a"
            + " number",
        misfit);
  }

  @Test
  void onlyBytesLoadIntoBinaryAndBytesDoNotLoadIntoText() throws Exception {
    JsonNode base64 = JSON.readTree("\"AQL/\"");
    TableColumn binary = new TableColumn("B", "BINARY(8388608)", true);
    assertNull(ColumnFit.misfit("b", Optional.of(ColumnType.BINARY), base64, binary));
    assertTrue(
        ColumnFit.misfit("b", Optional.of(ColumnType.VARCHAR), base64, binary)
            .endsWith("the value is not bytes"));
    assertTrue(
        ColumnFit.misfit(
                "b",
                Optional.of(ColumnType.BINARY),
                base64,
                new TableColumn("B", "BINARY(2)", true))
            .endsWith("longer than 2 bytes"));
    assertTrue(
        ColumnFit.misfit(
                "b",
                Optional.of(ColumnType.BINARY),
                base64,
                new TableColumn("B", "VARCHAR(16777216)", true))
            .endsWith("bytes do not load into text"));
  }

  @Test
  void describedTypesParseIntoFloesTypes() {
    assertEquals(
        Optional.of(ColumnType.number(10, 2)), new TableColumn("A", "NUMBER(10,2)", true).type());
    assertEquals(
        Optional.of(ColumnType.VARCHAR), new TableColumn("A", "VARCHAR(16777216)", true).type());
    assertEquals(16777216L, new TableColumn("A", "VARCHAR(16777216)", true).maxLength());
    assertEquals(
        Optional.of(ColumnType.timestampTz(3)),
        new TableColumn("A", "TIMESTAMP_LTZ(3)", true).type());
    assertEquals(Optional.of(ColumnType.INTEGER), new TableColumn("A", "INT", true).type());
    assertEquals(Optional.empty(), new TableColumn("A", "GEOGRAPHY", true).type());
    assertEquals(Long.MAX_VALUE, new TableColumn("A", "NUMBER(38,0)", true).maxLength());
  }
}
