package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.localsnowflake.sql.VariantText;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streamed writer stores exactly what the tree path stores ({@code VariantText.canonical} of
 * the tree Jackson reads), for the values where printing could differ: numbers, escapes, key order.
 */
class CanonicalJsonWriterTest {
  private static final JsonFormat JSON =
      new JsonFormat(JsonFormat.Compression.AUTO, false, false, false, true);

  private static List<String> viaTree(String ndjson) throws Exception {
    List<String> out = new ArrayList<>();
    try (JsonRecordReader r = open(ndjson)) {
      for (JsonRecordReader.Record<?> rec; (rec = r.next()) != null; ) {
        out.add(VariantText.canonical(rec.value().toString()));
      }
    }
    return out;
  }

  private static List<String> streamed(String ndjson) throws Exception {
    List<String> out = new ArrayList<>();
    CanonicalJsonWriter writer = new CanonicalJsonWriter();
    try (JsonRecordReader r = open(ndjson)) {
      for (JsonRecordReader.Record<String> rec; (rec = r.next(writer::write)) != null; ) {
        out.add(rec.value());
      }
    }
    return out;
  }

  private static JsonRecordReader open(String text) throws Exception {
    return JsonRecordReader.open(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), JSON);
  }

  @Test
  void storesWhatTheTreePathStores() throws Exception {
    String ndjson =
        String.join(
            "\n",
            "{\"b\":1,\"a\":{\"z\":[3,{\"y\":null,\"x\":true}],\"c\":false},\"B\":\"\"}",
            "{\"n\":-0,\"m\":-0.0,\"d\":1.50,\"e\":1e400,\"f\":0.0000001,\"g\":0.000001,\"h\":2E-3}",
            "{\"i\":123456789012345678901,\"j\":-12345678901234567890.123456789,\"k\":0.10}",
            "{\"s\":\"tab\\t quote\\\" back\\\\ nl\\n \\u0001 \\u00e9 \\/ \\ud83d\\ude00 é\"}",
            "[1,\"two\",[],{}]",
            "\"just a string\"",
            "42",
            "null",
            "{\"k\\\"ey\":1,\"k ey\":2,\"\":3,\"é\":4,\"e\":5}");
    assertEquals(viaTree(ndjson), streamed(ndjson));
  }
}
