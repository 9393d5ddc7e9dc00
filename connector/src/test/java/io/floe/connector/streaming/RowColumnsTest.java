package io.floe.connector.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowColumnsTest {
  private static Map<String, Object> of(String line) {
    return RowColumns.of(line.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsMetadataFromContentWhateverTheMetadataHolds() {
    Map<String, Object> row =
        of(
            "{\"meta\":{\"key\":\"}{\\\"]\",\"headers\":{\"h\":[1,{\"x\":\"\\\\\"}]},\"offset\":3},"
                + "\"content\":{\"a\":[1,2],\"b\":\"é\"}}");
    assertEquals(
        "{\"key\":\"}{\\\"]\",\"headers\":{\"h\":[1,{\"x\":\"\\\\\"}]},\"offset\":3}",
        row.get(RowColumns.METADATA));
    assertEquals("{\"a\":[1,2],\"b\":\"é\"}", row.get(RowColumns.CONTENT));
  }

  @Test
  void withoutMetadataOnlyContent() {
    Map<String, Object> row = of("{\"content\":[true,null]}");
    assertEquals("[true,null]", row.get(RowColumns.CONTENT));
    assertFalse(row.containsKey(RowColumns.METADATA));
  }
}
