package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {
  private static final JsonFormat JSON =
      new JsonFormat(JsonFormat.Compression.AUTO, false, false, false, true);

  private static List<String> read(byte[] bytes, JsonFormat format) throws Exception {
    List<String> values = new ArrayList<>();
    try (JsonRecordReader r = JsonRecordReader.open(new ByteArrayInputStream(bytes), format)) {
      for (JsonRecordReader.Record<?> rec; (rec = r.next()) != null; ) {
        values.add(rec.value().toString());
      }
    }
    return values;
  }

  private static List<String> read(String text) throws Exception {
    return read(text.getBytes(StandardCharsets.UTF_8), JSON);
  }

  @Test
  void everyTopLevelValueIsOneRecord() throws Exception {
    assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), read("{\"a\":1}\n{\"b\":2}\n"));
    assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), read("{\"a\":1}{\"b\":2}"));
    assertEquals(List.of("[1,2]", "3", "\"x\""), read("[1,2] 3 \"x\""));
    assertEquals(List.of(), read(""));
  }

  @Test
  void gzipIsDetectedByMagicBytesAndBomIsSkipped() throws Exception {
    assertEquals(List.of("{\"a\":1}"), read(StageFixture.gzip("{\"a\":1}"), JSON));
    assertEquals(List.of("{\"a\":1}"), read("\uFEFF{\"a\":1}"));
  }

  @Test
  void stripOuterArrayMakesEachElementARecord() throws Exception {
    JsonFormat strip = new JsonFormat(JsonFormat.Compression.AUTO, true, false, false, true);
    assertEquals(
        List.of("{\"a\":1}", "{\"a\":2}"),
        read("[{\"a\":1},{\"a\":2}]".getBytes(StandardCharsets.UTF_8), strip));
  }

  @Test
  void numbersKeepTheirExactDecimalText() throws Exception {
    assertEquals(
        List.of("{\"n\":12345678901234567890.123456789,\"m\":0.10,\"i\":123456789012345678901}"),
        read("{\"n\":12345678901234567890.123456789,\"m\":0.10,\"i\":123456789012345678901}"));
  }

  @Test
  void stripNullValuesDropsNullFieldsAtAnyDepth() throws Exception {
    JsonFormat strip = new JsonFormat(JsonFormat.Compression.AUTO, false, true, false, true);
    assertEquals(
        List.of("{\"b\":{\"d\":1},\"e\":[1]}"),
        read(
            "{\"a\":null,\"b\":{\"c\":null,\"d\":1},\"e\":[null,1]}"
                .getBytes(StandardCharsets.UTF_8),
            strip));
  }

  @Test
  void syntaxErrorReportsRowLineAndCharacter() throws Exception {
    byte[] bytes = "{\"a\":1}\n{\"a\":2}\n{\"a\":\n".getBytes(StandardCharsets.UTF_8);
    List<String> seen = new ArrayList<>();
    try (JsonRecordReader r = JsonRecordReader.open(new ByteArrayInputStream(bytes), JSON)) {
      JsonRecordReader.ParseFailure f =
          assertThrows(
              JsonRecordReader.ParseFailure.class,
              () -> {
                for (JsonRecordReader.Record<?> rec; (rec = r.next()) != null; ) {
                  seen.add(rec.value().toString());
                }
              });
      assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), seen);
      assertEquals("Error parsing JSON: incomplete object value", f.reason());
      assertEquals(3, f.rowNumber());
      assertEquals(3, f.rowStartLine());
      assertEquals(4, f.line());
    }
  }

  @Test
  void duplicateKeysAndUnknownWordsAreErrors() throws Exception {
    JsonRecordReader.ParseFailure dup =
        assertThrows(JsonRecordReader.ParseFailure.class, () -> read("{\"a\":1,\"a\":2}"));
    assertEquals("Error parsing JSON: duplicate object attribute \"a\"", dup.reason());
    JsonRecordReader.ParseFailure word =
        assertThrows(JsonRecordReader.ParseFailure.class, () -> read("{\"a\":1}\nbad"));
    assertEquals("Error parsing JSON: unknown keyword \"bad\"", word.reason());
    assertEquals(2, word.rowNumber());
    assertEquals(2, word.line());

    JsonFormat allow = new JsonFormat(JsonFormat.Compression.AUTO, false, false, true, true);
    assertEquals(
        List.of("{\"a\":2}"), read("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8), allow));
  }

  @Test
  void corruptGzipIsAParseFailure() {
    byte[] gz = StageFixture.gzip("{\"a\":1}{\"b\":2}");
    byte[] truncated = Arrays.copyOf(gz, gz.length - 12);
    assertThrows(JsonRecordReader.ParseFailure.class, () -> read(truncated, JSON));
  }
}
