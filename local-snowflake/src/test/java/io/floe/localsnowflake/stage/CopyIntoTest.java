package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyIntoTest {
  private static final String KAFKA_COPY =
      "copy into t(RECORD_METADATA, RECORD_CONTENT) from (select $1:meta, $1:content from @s t)"
          + " file_format = (type = 'json')";
  private static final ObjectName KT = new ObjectName("DB", "PUBLIC", "T");
  private static final ObjectName V = new ObjectName("DB", "PUBLIC", "V");

  @TempDir Path dir;
  StageFixture f;

  @BeforeEach
  void setUp() {
    f = new StageFixture(dir);
    f.catalog.addTable(KT, "SYSADMIN", "RECORD_METADATA VARIANT", "RECORD_CONTENT VARIANT");
    f.catalog.addTable(V, "SYSADMIN", "V VARIANT");
    f.rows("CREATE STAGE s");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static String record(int offset, String content) {
    return "{\"meta\":{\"offset\":" + offset + ",\"topic\":\"t\"},\"content\":" + content + "}";
  }

  private List<Object> column(ObjectName table, String column) {
    return f.catalog.rows(table).stream().map(r -> r.get(column)).toList();
  }

  @Test
  void kafkaConnectorCopyLoadsMetaAndContent() {
    f.put(f.localFile("f1.json", record(0, "{\"a\":1}") + record(1, "{\"b\":[1,2]}")), "@s/p");
    StatementResult.Rows result = f.rows(KAFKA_COPY);

    assertEquals(CopyExecutor.COPY_STATEMENT_TYPE, result.statementTypeId());
    assertEquals(
        List.of(
            "file",
            "status",
            "rows_parsed",
            "rows_loaded",
            "error_limit",
            "errors_seen",
            "first_error",
            "first_error_line",
            "first_error_character",
            "first_error_column_name"),
        result.columns().stream().map(c -> c.name()).toList());
    assertEquals(
        List.of(
            Arrays.asList("s/p/f1.json.gz", "LOADED", "2", "2", "1", "0", null, null, null, null)),
        result.rows());
    assertEquals(List.of("{\"a\":1}", "{\"b\":[1,2]}"), column(KT, "RECORD_CONTENT"));
    assertEquals(
        List.of("{\"offset\":0,\"topic\":\"t\"}", "{\"offset\":1,\"topic\":\"t\"}"),
        column(KT, "RECORD_METADATA"));
  }

  @Test
  void plainCopyLoadsWholeDocumentsIntoTheVariantColumn() {
    f.stageFile("@s/d", "a.json", "{\"x\":1.50}\n{\"x\":2}\n");
    StatementResult.Rows result = f.rows("COPY INTO v FROM @s/d FILE_FORMAT = (TYPE = JSON)");
    assertEquals("s/d/a.json", result.rows().get(0).get(0));
    assertEquals(List.of("{\"x\":1.50}", "{\"x\":2}"), column(V, "V"));
  }

  @Test
  void alreadyLoadedFilesAreSkippedUnlessForcedOrChanged() {
    f.stageFile("@s", "a.json", "{\"x\":1}");
    f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)");
    StatementResult.Rows again = f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)");
    assertEquals(List.of(List.of("Copy executed with 0 files processed.")), again.rows());
    assertEquals("status", again.columns().get(0).name());
    assertEquals(1, column(V, "V").size());

    f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON) FORCE = TRUE");
    assertEquals(2, column(V, "V").size());

    f.stageFile("@s", "a.json", "{\"x\":2}"); // same name, new content: a new checksum
    StatementResult.Rows changed = f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)");
    assertEquals("LOADED", changed.rows().get(0).get(1));
    assertEquals(List.of("{\"x\":1}", "{\"x\":1}", "{\"x\":2}"), column(V, "V"));
  }

  @Test
  void loadMetadataIsPerTable() {
    f.catalog.addTable(new ObjectName("DB", "PUBLIC", "V2"), "SYSADMIN", "V VARIANT");
    f.stageFile("@s", "a.json", "{\"x\":1}");
    f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)");
    StatementResult.Rows other = f.rows("COPY INTO v2 FROM @s FILE_FORMAT = (TYPE = JSON)");
    assertEquals("LOADED", other.rows().get(0).get(1));
  }

  @Test
  void abortStatementFailsWithSnowflakesMessageAndLoadsNothing() {
    f.stageFile("@s", "a_good.json", "{\"x\":1}");
    f.stageFile("@s", "b_bad.json", "{\"x\":1}\n{\"x\":\n");
    SnowflakeError e = f.error("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)");
    assertEquals("100069", e.code());
    assertEquals("22P02", e.sqlState());
    assertEquals(
        "Error parsing JSON: incomplete object value\n"
            + "  File 's/b_bad.json', line 3, character 1\n"
            + "  Row 2 starts at line 2, column \"V\"[\"V\":1]\n"
            + "  "
            + LoadError.CONTINUE_HINT,
        e.getMessage());
    assertTrue(column(V, "V").isEmpty(), "the statement is atomic");
    // Nothing was recorded as loaded: after fixing, both files load.
    f.stageFile("@s", "b_bad.json", "{\"x\":2}");
    assertEquals(2, f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)").rows().size());
  }

  @Test
  void continueLoadsTheRowsBeforeASyntaxError() {
    f.stageFile("@s", "bad.json", "{\"x\":1}\n{\"x\":2}\n{\"x\" 3}\n{\"x\":4}\n");
    StatementResult.Rows r =
        f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON) ON_ERROR = CONTINUE");
    assertEquals(
        Arrays.asList(
            "s/bad.json",
            "PARTIALLY_LOADED",
            "3",
            "2",
            "3",
            "1",
            "Error parsing JSON: invalid character '3'",
            "3",
            "6",
            "\"V\"[\"V\":1]"),
        r.rows().get(0));
    assertEquals(List.of("{\"x\":1}", "{\"x\":2}"), column(V, "V"));
  }

  @Test
  void skipFileLoadsNothingFromAFileWithErrorsButLoadsTheOthers() {
    f.stageFile("@s", "a.json", "{\"x\":1}");
    f.stageFile("@s", "b.json", "{\"x\":1}\n]");
    StatementResult.Rows r =
        f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON) ON_ERROR = SKIP_FILE");
    assertEquals("LOADED", r.rows().get(0).get(1));
    List<String> bad = r.rows().get(1);
    assertEquals("s/b.json", bad.get(0));
    assertEquals("LOAD_FAILED", bad.get(1));
    assertEquals("0", bad.get(3));
    assertEquals("1", bad.get(4));
    assertEquals("Error parsing JSON: misplaced ]", bad.get(6));
    assertEquals(List.of("{\"x\":1}"), column(V, "V"));
    // A failed file is not recorded as loaded.
    f.stageFile("@s", "b.json", "{\"x\":5}");
    assertEquals(
        List.of(Arrays.asList("s/b.json", "LOADED", "1", "1", "1", "0", null, null, null, null)),
        f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)").rows());
  }

  @Test
  void conversionErrorsFailOnlyTheirRowsAndNameTheColumn() {
    ObjectName typed = new ObjectName("DB", "PUBLIC", "TYPED");
    f.catalog.addTable(
        typed, "SYSADMIN", "ID NUMBER(38,0) NOT NULL", "NAME VARCHAR(16777216)", "OK BOOLEAN");
    f.stageFile(
        "@s",
        "t.json",
        "{\"id\":1,\"name\":\"a\",\"ok\":true}\n{\"id\":\"x\",\"name\":\"b\"}\n"
            + "{\"id\":3,\"name\":{\"n\":1},\"ok\":\"no\"}\n{\"name\":\"d\"}\n");
    String copy =
        "COPY INTO typed FROM (SELECT $1:id, $1:name, $1:ok FROM @s)"
            + " FILE_FORMAT = (TYPE = JSON) ON_ERROR = SKIP_FILE_3";
    StatementResult.Rows r = f.rows(copy);
    assertEquals(
        Arrays.asList(
            "s/t.json",
            "PARTIALLY_LOADED",
            "4",
            "2",
            "3",
            "2",
            "Numeric value 'x' is not recognized",
            "2",
            "1",
            "\"TYPED\"[\"ID\":1]"),
        r.rows().get(0));
    List<Map<String, Object>> rows = f.catalog.rows(typed);
    assertEquals(new BigDecimal("1"), rows.get(0).get("ID"));
    assertEquals("a", rows.get(0).get("NAME"));
    assertEquals(Boolean.TRUE, rows.get(0).get("OK"));
    assertEquals("{\"n\":1}", rows.get(1).get("NAME"));
    assertEquals(Boolean.FALSE, rows.get(1).get("OK"));

    SnowflakeError abort =
        f.error(
            "COPY INTO typed FROM (SELECT $1:id, $1:name, $1:ok FROM @s)"
                + " FILE_FORMAT = (TYPE = JSON) FORCE = TRUE");
    assertEquals("100038", abort.code());
    assertTrue(
        abort
            .getMessage()
            .startsWith("Numeric value 'x' is not recognized\n  File 's/t.json', line 2"),
        abort.getMessage());
  }

  @Test
  void filesAndPatternSelectFiles() {
    f.stageFile("@s/p", "a.json", "{\"f\":\"a\"}");
    f.stageFile("@s/p", "b.json", "{\"f\":\"b\"}");
    f.stageFile("@s/p", "c.txt", "{\"f\":\"c\"}");
    f.rows("COPY INTO v FROM @s/p FILES = ('b.json') FILE_FORMAT = (TYPE = JSON)");
    assertEquals(List.of("{\"f\":\"b\"}"), column(V, "V"));
    StatementResult.Rows r =
        f.rows("COPY INTO v FROM @s PATTERN = '.*[.]json' FILE_FORMAT = (TYPE = JSON)");
    assertEquals(List.of("s/p/a.json"), r.rows().stream().map(x -> x.get(0)).toList());

    SnowflakeError missing =
        f.error("COPY INTO v FROM @s/p FILES = ('zzz.json') FILE_FORMAT = (TYPE = JSON)");
    assertTrue(
        missing.getMessage().startsWith("Remote file 's/p/zzz.json' was not found."),
        missing.getMessage());
    StatementResult.Rows skipped =
        f.rows(
            "COPY INTO v FROM @s/p FILES = ('zzz.json') FILE_FORMAT = (TYPE = JSON)"
                + " ON_ERROR = CONTINUE");
    assertEquals("LOAD_FAILED", skipped.rows().get(0).get(1));
  }

  @Test
  void fileFormatComesFromTheStageOrANamedFormat() {
    f.rows("CREATE STAGE arr FILE_FORMAT = (TYPE = JSON STRIP_OUTER_ARRAY = TRUE)");
    f.stageFile("@arr", "a.json", "[{\"i\":1},{\"i\":2}]");
    f.rows("COPY INTO v FROM @arr");
    assertEquals(List.of("{\"i\":1}", "{\"i\":2}"), column(V, "V"));

    f.rows("CREATE FILE FORMAT whole TYPE = JSON");
    f.rows("COPY INTO v FROM @arr FILE_FORMAT = (FORMAT_NAME = 'whole') FORCE = TRUE");
    assertEquals("[{\"i\":1},{\"i\":2}]", column(V, "V").get(2));

    SnowflakeError noFormat = f.error("COPY INTO v FROM @s");
    assertEquals("000002", noFormat.code());
    assertTrue(noFormat.getMessage().contains("CSV"), noFormat.getMessage());
    SnowflakeError missingFormat =
        f.error("COPY INTO v FROM @s FILE_FORMAT = (FORMAT_NAME = 'nope')");
    assertEquals("002003", missingFormat.code());
  }

  @Test
  void plainCopyNeedsASingleVariantColumn() {
    f.stageFile("@s", "a.json", "{}");
    SnowflakeError e = f.error("COPY INTO t FROM @s FILE_FORMAT = (TYPE = JSON)");
    assertTrue(e.getMessage().contains("one and only one column"), e.getMessage());
    f.rows("COPY INTO t(RECORD_CONTENT) FROM @s FILE_FORMAT = (TYPE = JSON)");
    assertEquals(Arrays.asList((Object) null), column(KT, "RECORD_METADATA"));
  }

  @Test
  void matchByColumnNameMapsTopLevelFields() {
    ObjectName typed = new ObjectName("DB", "PUBLIC", "PEOPLE");
    f.catalog.addTable(typed, "SYSADMIN", "NAME VARCHAR", "AGE NUMBER(38,0)");
    f.stageFile("@s", "p.json", "{\"Name\":\"ann\",\"age\":30,\"other\":1}");
    f.rows(
        "COPY INTO people FROM @s FILE_FORMAT = (TYPE = JSON)"
            + " MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE");
    assertEquals("ann", f.catalog.rows(typed).get(0).get("NAME"));
    assertEquals(new BigDecimal(30), f.catalog.rows(typed).get(0).get("AGE"));
  }

  @Test
  void copyNeedsInsertOnTheTable() {
    f.stageFile("@s", "a.json", "{}");
    SessionState reader = new SessionState("U", "READER", "DB", "PUBLIC", null);
    f.catalog.grant("READER", "READ", "STAGE", new ObjectName("DB", "PUBLIC", "S"));
    SnowflakeError e = f.error(reader, "COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)");
    assertEquals("003001", e.code());
    f.catalog.grant("READER", "INSERT", "TABLE", V);
    f.rows(reader, "COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)");
    assertEquals(1, column(V, "V").size());
  }

  @Test
  void aFailedInsertRecordsNothingAsLoaded() {
    f.stageFile("@s", "a.json", "{}");
    f.catalog.failNextInsert(new SnowflakeError("000603", "XX000", "disk full"));
    assertEquals(
        "disk full", f.error("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)").getMessage());
    assertEquals(
        "LOADED", f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)").rows().get(0).get(1));
  }

  @Test
  void purgeRemovesLoadedFiles() {
    f.stageFile("@s", "a.json", "{}");
    f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON) PURGE = TRUE");
    assertTrue(f.rows("LIST @s").rows().isEmpty());
  }

  @Test
  void metadataColumnsAndPathsInTransformations() {
    f.stageFile("@s", "m.json", "{\"a\":{\"b\":[10,{\"c\":\"deep\"}]},\"k y\":5}");
    f.rows(
        "COPY INTO t FROM (SELECT METADATA$FILENAME, x.$1:a.b[1].c::string FROM @s x)"
            + " FILE_FORMAT = (TYPE = JSON)");
    assertEquals(List.of("\"s/m.json\""), column(KT, "RECORD_METADATA"));
    assertEquals(List.of("\"deep\""), column(KT, "RECORD_CONTENT"));
    f.rows(
        "COPY INTO t FROM (SELECT $1:\"k y\", $1['a']['b'][0] FROM @s)"
            + " FILE_FORMAT = (TYPE = JSON) FORCE = TRUE");
    assertEquals("5", column(KT, "RECORD_METADATA").get(1));
    assertEquals("10", column(KT, "RECORD_CONTENT").get(1));
    assertNull(f.catalog.rows(KT).get(0).get("missing"));
  }

  @Test
  void concurrentCopiesOfTheSameFilesLoadThemOnce() throws Exception {
    for (int i = 0; i < 5; i++) {
      f.stageFile("@s", "f" + i + ".json", "{\"i\":" + i + "}");
    }
    var pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<StatementResult.Rows>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> f.rows("COPY INTO v FROM @s FILE_FORMAT = (TYPE = JSON)")));
      }
      for (var run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(5, column(V, "V").size());
  }

  @Test
  void tableStagesCanBeLoaded() {
    f.stageFile("@%v", "x.json", "{\"z\":1}");
    StatementResult.Rows r = f.rows("COPY INTO v FROM @%v FILE_FORMAT = (TYPE = JSON)");
    assertEquals("x.json", r.rows().get(0).get(0));
  }
}
