package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import io.floe.localsnowflake.core.TokenCursor;
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

  /** How a file fails: Snowflake's reason, the row, and where (line and character). */
  private static String failure(JsonRecordReader.ParseFailure f) {
    return f.reason() + " row " + f.rowNumber() + " at " + f.line() + ":" + f.character();
  }

  private static String treeFailure(String ndjson) {
    return failure(
        assertThrows(
            JsonRecordReader.ParseFailure.class,
            () -> {
              try (JsonRecordReader r = open(ndjson)) {
                while (r.next() != null) {}
              }
            }));
  }

  /** The pipes' projection ($1:meta, $1:content) over a parser that leaves duplicates to it. */
  private static String streamedFailure(String ndjson) {
    List<LoadExpression> select = new ArrayList<>();
    for (String e : List.of("$1:meta", "$1:content")) {
      select.add(LoadExpression.parse(new TokenCursor("q", e, List.of())));
    }
    List<ColumnInfo> columns =
        List.of(new ColumnInfo("M", "VARIANT", true), new ColumnInfo("C", "VARIANT", true));
    StreamedProjection projection = StreamedProjection.of(select, columns, JSON);
    CanonicalJsonWriter writer = new CanonicalJsonWriter();
    return failure(
        assertThrows(
            JsonRecordReader.ParseFailure.class,
            () -> {
              try (JsonRecordReader r =
                  JsonRecordReader.open(
                      new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                      JSON,
                      true)) {
                while (r.next(p -> projection.read(p, writer)) != null) {}
              }
            }));
  }

  @Test
  void rejectsDuplicateKeysWhereverTheyAreAsTheStrictParserDoes() {
    StringBuilder wide = new StringBuilder("{\"meta\":{");
    for (int i = 0; i < 40; i++) {
      wide.append("\"k").append(40 - i).append("\":").append(i).append(',');
    }
    wide.append("\"k7\":0}}");
    List<String> files =
        List.of(
            "{\"meta\":{\"a\":1},\"meta\":{\"a\":2}}",
            "{\"meta\":{\"b\":1,\"a\":2,\"b\":3}}",
            "{\"meta\":{\"a\":1}}\n{\"content\":{\"x\":[{\"é\":1,\"é\":2}]}}",
            "{\"other\":{\"c\":{\"d\":1,\"d\":1}},\"meta\":{}}",
            "[{\"a\":1},{\"z\":1,\"y\":2,\"z\":3}]",
            "  {\"meta\":{\n  \"a\" : 1,\n  \"a\" : 2}}",
            wide.toString());
    for (String file : files) {
      String expected = treeFailure(file);
      assertEquals(expected, streamedFailure(file), file);
      assertEquals(true, expected.startsWith("Error parsing JSON: duplicate object attribute"));
    }
  }

  /** MATCH_BY_COLUMN_NAME's streamed projection: a VARIANT and a VARCHAR column. */
  private static String byNameFailure(String ndjson) {
    StreamedByName projection =
        StreamedByName.of(
            List.of(new ColumnInfo("META", "VARIANT", true), new ColumnInfo("S", "VARCHAR", true)),
            JSON,
            false);
    CanonicalJsonWriter writer = new CanonicalJsonWriter();
    return failure(
        assertThrows(
            JsonRecordReader.ParseFailure.class,
            () -> {
              try (JsonRecordReader r =
                  JsonRecordReader.open(
                      new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                      JSON,
                      true)) {
                while (r.next(p -> projection.read(p, writer)) != null) {}
              }
            }));
  }

  @Test
  void matchingByNameRejectsDuplicateKeysAsTheStrictParserDoes() {
    List<String> files =
        List.of(
            "{\"meta\":{\"a\":1},\"meta\":{\"a\":2}}",
            "{\"s\":1,\"other\":2,\"other\":3}",
            "{\"meta\":{\"b\":1,\"a\":2,\"b\":3}}",
            "{\"s\":{\"x\":[{\"é\":1,\"é\":2}]}}",
            "{\"other\":{\"c\":{\"d\":1,\"d\":1}},\"meta\":{}}",
            "[{\"a\":1},{\"z\":1,\"y\":2,\"z\":3}]");
    for (String file : files) {
      String expected = treeFailure(file);
      assertEquals(expected, byNameFailure(file), file);
      assertEquals(true, expected.startsWith("Error parsing JSON: duplicate object attribute"));
    }
  }

  @Test
  void keysInAnyOrderWithoutDuplicatesAreFine() throws Exception {
    String ndjson = "{\"c\":1,\"b\":2,\"a\":{\"y\":1,\"x\":2,\"z\":3}}\n{\"a\":1,\"b\":2}";
    assertEquals(viaTree(ndjson), streamed(ndjson));
  }

  /**
   * What the appender receives on the streamed path (the writer's UTF-8) is byte for byte what the
   * tree path's canonical text encodes to, for objects whose keys need sorting at every depth and
   * in every way String order and byte order disagree: a supplementary character sorts before
   * U+FFFF as a String (its surrogates are U+D83D…) but after it in UTF-8. The tree path's text
   * reached DuckDB as {@code String.getBytes(UTF_8)}.
   */
  @Test
  void storedBytesAreWhatTheTreePathStores() throws Exception {
    StringBuilder wide = new StringBuilder("{");
    for (int i = 40; i > 0; i--) {
      wide.append("\"k").append(i).append("\":").append(i).append(i > 1 ? "," : "}");
    }
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      deep.append("{\"z\":").append(i).append(",\"a\":");
    }
    deep.append("null").append("}".repeat(20));
    String ndjson =
        String.join(
            "\n",
            "{\"topic\":\"t\",\"offset\":1,\"partition\":0,\"CreateTime\":2,\"key\":\"k\"}",
            "{\"b\":{\"d\":[{\"y\":1,\"x\":{\"q\":1,\"p\":2}}],\"c\":0},\"a\":[],\"B\":{}}",
            "{\"ab\":1,\"aa\":2,\"a\":3,\"\":4,\"A\":5,\"_\":6,\"~\":7}",
            "{\"\uffff\":1,\"\ud83d\ude00\":2,\"é\":3,\"e\":4,\"日本\":5,\"ÿ\":6}",
            "{\"k\\\"q\":1,\"k\\\\b\":2,\"k\\nn\":3,\"k\\u0001c\":4,\"k\\/s\":5}",
            "{\"s\":\"é 日本 \ud83d\ude00 \\u00e9 \\ud83d\\ude00 \\t \\\""
                + " \\u001f\",\"lone\":\"\\ud800 x \\udc00\"}",
            "{\"\\ud800\":1,\"\\udbff\\udfff\":2,\"a\":3}",
            "{\"long\":\"" + "é0123456789".repeat(300) + "\",\"after\":1}",
            wide.toString(),
            deep.toString(),
            "[{\"b\":1,\"a\":2},\"x\",1.50,-0,1e400]",
            "\"top-level é\"");
    List<byte[]> streamed = new ArrayList<>();
    CanonicalJsonWriter writer = new CanonicalJsonWriter();
    try (JsonRecordReader r = open(ndjson)) {
      for (JsonRecordReader.Record<byte[]> rec; (rec = r.next(writer::writeUtf8)) != null; ) {
        streamed.add(rec.value());
      }
    }
    List<String> tree = viaTree(ndjson);
    assertEquals(tree.size(), streamed.size());
    for (int i = 0; i < tree.size(); i++) {
      // Bytes, not Strings: an unpaired surrogate is '?' in both encodings but not as a String.
      assertArrayEquals(
          tree.get(i).getBytes(StandardCharsets.UTF_8),
          streamed.get(i),
          "record " + (i + 1) + ": " + tree.get(i));
    }
  }
}
