package io.floe.connector.table.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Types inferred from schemaless values, as the incumbent infers them (docs/conversion.md). */
class ValueColumnTypesTest {
  private static final ObjectMapper EXACT =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "7|NUMBER(38,0)",
        "-9223372036854775808|NUMBER(38,0)",
        "12345678901234567890123456789012345678|NUMBER(38,0)",
        "123456789012345678901234567890123456789|FLOAT",
        "1.5|FLOAT",
        "1.0|FLOAT",
        "1e3|FLOAT",
        "\"text\"|VARCHAR",
        "\"2024-01-15T10:15:30Z\"|VARCHAR",
        "true|BOOLEAN",
        "[1,\"a\"]|ARRAY",
        "{\"a\":1}|VARIANT",
      })
  void infersFromAJsonValue(String json, String type) throws Exception {
    assertEquals(type, ValueColumnTypes.of(EXACT.readTree(json)).orElseThrow().sql());
    // Without exact decimals (doubles) the answer is the same.
    assertEquals(type, ValueColumnTypes.of(new ObjectMapper().readTree(json)).orElseThrow().sql());
  }

  @Test
  void nullGivesNoTypeYet() throws Exception {
    assertEquals(Optional.empty(), ValueColumnTypes.of(EXACT.readTree("null")));
    assertEquals(Optional.empty(), ValueColumnTypes.of((JsonNode) null));
    assertEquals(Optional.empty(), ValueColumnTypes.ofConnect(null));
  }

  @Test
  void binaryNodesAreBinary() {
    assertEquals(
        ColumnType.BINARY, ValueColumnTypes.of(BinaryNode.valueOf(new byte[] {1})).orElseThrow());
  }

  @Test
  void infersFromSchemalessConnectValues() {
    Map<Object, String> cases =
        Map.ofEntries(
            Map.entry(7L, "NUMBER(38,0)"),
            Map.entry(7, "NUMBER(38,0)"),
            Map.entry((short) 7, "NUMBER(38,0)"),
            Map.entry((byte) 7, "NUMBER(38,0)"),
            Map.entry(BigInteger.TEN.pow(38), "FLOAT"),
            Map.entry(BigInteger.TEN.pow(37), "NUMBER(38,0)"),
            Map.entry(new BigDecimal("100"), "NUMBER(38,0)"),
            Map.entry(new BigDecimal("1.50"), "FLOAT"),
            Map.entry(1.5d, "FLOAT"),
            Map.entry(1.5f, "FLOAT"),
            Map.entry("s", "VARCHAR"),
            Map.entry(Boolean.TRUE, "BOOLEAN"),
            Map.entry(ByteBuffer.wrap(new byte[] {1}), "BINARY"),
            Map.entry(new java.util.Date(0), "TIMESTAMP_TZ(3)"),
            Map.entry(List.of(1, 2), "ARRAY"),
            Map.entry(java.util.Set.of(1), "ARRAY"),
            Map.entry(Map.of("a", 1), "VARIANT"));
    for (Map.Entry<Object, String> c : cases.entrySet()) {
      assertEquals(
          c.getValue(),
          ValueColumnTypes.ofConnect(c.getKey()).orElseThrow().sql(),
          c.getKey().getClass().getSimpleName() + " " + c.getKey());
    }
    assertEquals("BINARY", ValueColumnTypes.ofConnect(new byte[] {1, 2}).orElseThrow().sql());
    assertEquals("ARRAY", ValueColumnTypes.ofConnect(Arrays.asList(1, null)).orElseThrow().sql());
  }
}
