package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.CanonicalJson;
import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import io.floe.localsnowflake.core.TokenCursor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte-level reader gives what Jackson's streamed path gives, for every input: the same stored
 * bytes per column, the same rows, lines and characters of records, and the same failure (reason,
 * row, line, character) where the input is malformed, whichever of the two paths ends up reading
 * the record. Inputs are edge cases and generated JSON (valid and mutated), run through both the
 * pipes' projection ({@code $1:meta, $1:content}) and the whole document ({@code $1}).
 */
class Utf8ProjectionReaderTest {
  private static final JsonFormat JSON =
      new JsonFormat(JsonFormat.Compression.AUTO, false, false, false, true);

  private static final List<StreamedProjection> PROJECTIONS =
      List.of(projection("$1:meta", "$1:content"), projection("$1"));

  private static StreamedProjection projection(String... expressions) {
    List<LoadExpression> select = new ArrayList<>();
    List<ColumnInfo> columns = new ArrayList<>();
    for (String e : expressions) {
      select.add(LoadExpression.parse(new TokenCursor("q", e, List.of())));
      columns.add(new ColumnInfo("C" + columns.size(), "VARIANT", true));
    }
    return StreamedProjection.of(select, columns, JSON);
  }

  /** Everything a load takes from a file's records: values, rows, positions, the failure. */
  private static String viaJackson(byte[] file, StreamedProjection projection) {
    CanonicalJsonWriter writer = new CanonicalJsonWriter();
    return describe(
        () ->
            JsonRecordReader.open(new ByteArrayInputStream(file), JSON, true)
                .records(p -> projection.read(p, writer)));
  }

  private static String viaBytes(byte[] file, StreamedProjection projection) {
    return describe(
        () ->
            Utf8ProjectionReader.open(
                new ByteArrayInputStream(file), JSON, projection, new CanonicalJsonWriter()));
  }

  @FunctionalInterface
  private interface Opener {
    FileRecords<CanonicalJson[]> open() throws Exception;
  }

  private static String describe(Opener opener) {
    StringBuilder d = new StringBuilder();
    try (FileRecords<CanonicalJson[]> records = opener.open()) {
      for (JsonRecordReader.Record<CanonicalJson[]> r; (r = records.next()) != null; ) {
        d.append(r.rowNumber()).append(" @").append(r.line()).append(':').append(r.character());
        for (CanonicalJson v : r.value()) {
          // Hex, not text: bytes are what the appender stores.
          d.append(' ').append(v == null ? "NULL" : HexFormat.of().formatHex(v.utf8()));
        }
        d.append('\n');
      }
    } catch (JsonRecordReader.ParseFailure f) {
      d.append("FAIL ")
          .append(f.reason())
          .append(" row ")
          .append(f.rowNumber())
          .append(" from line ")
          .append(f.rowStartLine())
          .append(" at ")
          .append(f.line())
          .append(':')
          .append(f.character());
    } catch (Exception e) {
      d.append("THROWN ").append(e);
    }
    return d.toString();
  }

  private static void assertSame(byte[] file) {
    for (StreamedProjection projection : PROJECTIONS) {
      assertEquals(
          viaJackson(file, projection),
          viaBytes(file, projection),
          () -> "input: " + new String(file, StandardCharsets.UTF_8));
    }
  }

  private static void assertSame(String file) {
    assertSame(file.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void edgeCasesReadAsJacksonReadsThem() {
    List<String> files =
        List.of(
            "",
            "\n\n  \n",
            "{}",
            "[]",
            "{\"meta\":{},\"content\":[]}",
            "{\"meta\":{\"b\":1,\"a\":2},\"content\":{\"z\":[3,{\"y\":null,\"x\":true}],\"c\":false}}",
            "{\"content\":1,\"meta\":2,\"other\":{\"q\":[1,2,{\"r\":\"s\"}]}}",
            "{\"meta\":{\"n\":-0,\"m\":-0.0,\"d\":1.50,\"e\":1e400,\"f\":0.0000001,\"g\":0.000001}}",
            "{\"meta\":[2E-3,1E+5,-1.5e-7,0e0,-0,0,10,123456789012345678901234567890,1.0E-5]}",
            "{\"meta\":[-0.5,0.0000,0.00000001,0.000012,1.25e2,12.5E-1,-0e-0]}",
            "{\"meta\":\"tab\\t quote\\\" back\\\\ nl\\n \\u0001 \\u00e9 \\/ \\ud83d\\ude00 é\"}",
            "{\"meta\":\"\\u001f\\u001F\\u0000\\b\\f\\r"
                + "\\u0008\\u000c\\u0022\\u005c\\u005C\\u007f\"}",
            "{\"meta\":\"\\uD83D\\uDE00 \\ud800\\udc00 \\udbff\\udfff \\uffff \\u0800 \\u07ff\"}",
            "{\"meta\":\"lone \\ud800 high\"}",
            "{\"meta\":\"lone \\udc00 low\"}",
            "{\"meta\":\"\\ud800\\u0041\"}",
            "{\"meta\":\"é 日本 \ud83d\ude00 \uffff \u0800\"}",
            "{\"é\":1,\"e\":2,\"\uffff\":3,\"\ud83d\ude00\":4,\"日本\":5,\"ÿ\":6,\"meta\":7}",
            "{\"meta\":{\"\uffff\":1,\"\ud83d\ude00\":2,\"\ue000\":3,\"\ud7ff\":4,\"a\":5}}",
            "{\"meta\":{\"\ud83d\ude00\":1,\"\uffff\":2}}",
            "{\"meta\":{\"k\\\"q\":1,\"k\\\\b\":2,\"k\\nn\":3,\"k\\u0001c\":4,\"k\\/s\":5}}",
            "{\"me\\u0074a\":{\"a\":1}}",
            "{\"meta\":{\"ab\":1,\"aa\":2,\"a\":3,\"\":4,\"A\":5,\"_\":6,\"~\":7}}",
            "  {\"meta\" : { \"a\" : 1 ,\n\t\"b\" : [ 1 , 2 ] } ,\r\n \"content\" : null }  ",
            "{\"a\":1}{\"b\":2}  {\"meta\":3}\n[1]\n[{\"a\":1,\"a\":2}]",
            "{\"a\":1}\r{\"b\":2}\r\n{\"c\":3}\n\r{\"meta\":4}\r\r{\"x\":\"y\"}",
            "\uFEFF{\"meta\":1}\n{\"meta\":2}",
            "1\n{\"meta\":1}",
            "{\"meta\":1}\n\"text\"\n{\"meta\":2}",
            "{\"meta\":1} 2 3",
            "{\"meta\":1}\nnull\ntrue\n{\"meta\":2}",
            // Duplicates, everywhere.
            "{\"meta\":{\"a\":1},\"meta\":{\"a\":2}}",
            "{\"meta\":1}\n{\"meta\":{\"b\":1,\"a\":2,\"b\":3}}",
            "{\"content\":{\"x\":[{\"é\":1,\"é\":2}]}}",
            "{\"other\":{\"c\":{\"d\":1,\"d\":1}},\"meta\":{}}",
            "[{\"a\":1},{\"z\":1,\"y\":2,\"z\":3}]",
            "{\"a\":1,\"b\":2,\"a\":3}",
            "{\"a\":1,\"a\":1}",
            // Malformed.
            "{",
            "{\"meta\":",
            "{\"meta\":1",
            "{\"meta\":1,}",
            "{\"meta\":[1,]}",
            "{\"meta\":[1 2]}",
            "{\"meta\":01}",
            "{\"meta\":-}",
            "{\"meta\":1.}",
            "{\"meta\":.5}",
            "{\"meta\":1e}",
            "{\"meta\":+1}",
            "{\"meta\":NaN}",
            "{\"meta\":tru}",
            "{\"meta\":truex}",
            "{\"meta\":nul}",
            "{\"meta\":\"unterminated}",
            "{\"meta\":\"raw\ttab\"}",
            "{\"meta\":\"bad \\x escape\"}",
            "{\"meta\":\"bad \\u12g4 escape\"}",
            "{\"meta\" 1}",
            "{meta:1}",
            "{'meta':1}",
            "{\"meta\":1}}",
            "{\"meta\":1}]",
            "]",
            "}\n{\"meta\":1}",
            "{\"meta\":1}\n{\"meta\":2}\n{\"meta\":[}\n{\"meta\":3}",
            "{\"meta\":1}\n  {\"content\":{\"a\":\n1,\n\"b\":}}",
            "{\"meta\":1}\n\u0001",
            "{\"meta\":1}\n{\"meta\":\"a\u0000b\"}",
            "{\u0000\"meta\":1}",
            "[\u0000]",
            "{\"meta\":1}\n" + "[".repeat(70) + "]".repeat(70),
            "{\"meta\":" + "[".repeat(1100) + "]".repeat(1100) + "}",
            "{\"meta\":" + "1".repeat(1200) + "}",
            "{\"meta\":" + "1".repeat(300) + "." + "5".repeat(300) + "}",
            "{\"meta\":1e99999}",
            "{\"meta\":1e12345678901}");
    for (String file : files) {
      assertSame(file);
    }
  }

  @Test
  void invalidUtf8AndOtherEncodingsReadAsJacksonReadsThem() {
    List<byte[]> files =
        List.of(
            bytes("{\"meta\":\"", 0xc3, "\"}"),
            bytes("{\"meta\":\"", 0xc0, 0x80, "\"}"),
            bytes("{\"meta\":\"", 0xed, 0xa0, 0x80, "\"}"),
            bytes("{\"meta\":\"", 0xf4, 0x90, 0x80, 0x80, "\"}"),
            bytes("{\"meta\":\"", 0xe2, 0x82, "\"}"),
            bytes("{\"meta\":\"", 0xff, "\"}"),
            bytes("{\"m", 0xe9, "ta\":1}"),
            bytes(0xef, 0xbb, 0xbf, "{\"meta\":1}"),
            bytes(0xfe, 0xff, 0, '{', 0, '}'),
            bytes('{', 0, '}', 0),
            bytes(0, '{', 0, '}'),
            "{\"meta\":1}".getBytes(StandardCharsets.UTF_16LE),
            StageFixture.gzip("{\"meta\":1}\n{\"content\":{\"b\":1,\"a\":2}}"));
    for (byte[] file : files) {
      assertSame(file);
    }
    JsonFormat keepBom = new JsonFormat(JsonFormat.Compression.AUTO, false, false, false, false);
    byte[] bom = bytes(0xef, 0xbb, 0xbf, "{\"meta\":1}\n{\"meta\":2}");
    CanonicalJsonWriter writer = new CanonicalJsonWriter();
    StreamedProjection p = PROJECTIONS.get(0);
    assertEquals(
        describe(
            () ->
                JsonRecordReader.open(new ByteArrayInputStream(bom), keepBom, true)
                    .records(q -> p.read(q, writer))),
        describe(
            () ->
                Utf8ProjectionReader.open(
                    new ByteArrayInputStream(bom), keepBom, p, new CanonicalJsonWriter())));
  }

  private static byte[] bytes(Object... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else if (part instanceof Character c) {
        out.write(c);
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }

  /**
   * Files larger than the reader's window (records cut by refills, a record longer than the window)
   * with an unusual record late in them: Jackson takes over there with the file's rows, lines and
   * characters.
   */
  @Test
  void longFilesAndLongRecordsReadAsJacksonReadsThem() {
    Random random = new Random(7);
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      file.append(GeneratedJson.record(random, false)).append(i % 7 == 0 ? "\r\n" : "\n");
    }
    String valid = file.toString();
    assertSame(valid);
    assertSame(StageFixture.gzip(valid));
    String longString = "{\"meta\":\"" + "é0123456789".repeat(60_000) + "\",\"content\":1}\n";
    assertSame(valid + longString + valid);
    assertSame(valid + "{\"meta\":{\"k\\u0065y\":1}}\n" + valid);
    assertSame(valid + "  {\"meta\":{\"a\":1,\"a\":2}}\n" + valid);
    assertSame(valid + "{\"meta\":[1,2,}\n" + valid);
    assertSame(StageFixture.gzip(valid + "{\"content\":{\"x\":\"\\q\"}}" + valid));
  }

  /**
   * The byte path reads the common case itself, Floe's records among them, and everything that only
   * looks unusual: escapes in values, non-ASCII keys, numbers to print differently, keys in any
   * order, whitespace anywhere.
   */
  @Test
  void theBytePathReadsTheCommonCaseItself() throws Exception {
    Random random = new Random(11);
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      file.append(GeneratedJson.record(random, false)).append('\n');
    }
    file.append(
        "{\"meta\":{\"é\":\"\\u00e9\\n\\/\",\"b\":1e5,\"a\":-0},\"content\":[ 1.50 ,\r\n{}]}");
    byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
    assertSame(bytes);
    for (StreamedProjection projection : PROJECTIONS) {
      try (Utf8ProjectionReader reader =
          (Utf8ProjectionReader)
              Utf8ProjectionReader.open(
                  new ByteArrayInputStream(bytes), JSON, projection, new CanonicalJsonWriter())) {
        int rows = 0;
        while (reader.next() != null) {
          rows++;
        }
        assertEquals(501, rows);
        assertEquals(false, reader.handedOver());
      }
    }
  }

  /**
   * A gzip file cut short fails after the same rows, at the same row and line, as on Jackson's
   * path: the bytes are read in Jackson's requests, and the rows before the failure load.
   */
  @Test
  void truncatedGzipFailsAfterTheSameRows() {
    Random random = new Random(3);
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      file.append(GeneratedJson.record(random, false)).append('\n');
    }
    byte[] gzip = StageFixture.gzip(file.toString());
    byte[] withBom = StageFixture.gzip("\uFEFF" + file);
    for (int cut : new int[] {30, gzip.length / 3, gzip.length / 2 + 7, gzip.length - 20}) {
      String failure = viaJackson(Arrays.copyOf(gzip, cut), PROJECTIONS.get(0));
      assertTrue(failure.contains("FAIL Invalid data encountered during decompression"), failure);
      assertSame(Arrays.copyOf(gzip, cut));
      assertSame(Arrays.copyOf(withBom, cut));
    }
  }

  /** Generated records, valid and mutated (cut short, a byte replaced, inserted or doubled). */
  @Test
  void generatedJsonReadsAsJacksonReadsIt() {
    Random random = new Random(20261207);
    int stillValid = 0;
    for (int file = 0; file < 400; file++) {
      StringBuilder text = new StringBuilder();
      int records = 1 + random.nextInt(6);
      for (int i = 0; i < records; i++) {
        text.append(GeneratedJson.record(random, true));
        text.append(List.of("\n", "\r\n", " ", "", "\n\n", "\t\n ").get(random.nextInt(6)));
      }
      String valid = text.toString();
      assertSame(valid);
      String mutated = GeneratedJson.mutate(random, valid);
      assertSame(mutated);
      if (!viaJackson(mutated.getBytes(StandardCharsets.UTF_8), PROJECTIONS.get(0))
          .contains("FAIL")) {
        stillValid++;
      }
    }
    // Not a tautology: most mutations break the file, some leave it valid.
    assertTrue(stillValid > 0 && stillValid < 400, "mutations left valid: " + stillValid);
  }
}
