package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Snowpipe.FileLoad;
import io.floe.localsnowflake.core.Snowpipe.Report;
import io.floe.localsnowflake.core.Snowpipe.SnowpipeError;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnowpipeServiceTest {
  private static final String PIPE = "DB.PUBLIC.MYPIPE";
  private static final String USER = "TESTER";
  private static final String COPY =
      "copy into t(RECORD_METADATA, RECORD_CONTENT) from (select $1:meta, $1:content from"
          + " @s/kafka t) file_format = (type = 'json')";

  @TempDir Path dir;
  StageFixture f;
  SnowpipeService snowpipe;
  SessionState loader = new SessionState(USER, "LOADER", "DB", "PUBLIC", null);

  @BeforeEach
  void setUp() {
    f = new StageFixture(dir);
    snowpipe = f.stages.snowpipe();
    f.catalog.addUser(USER, "LOADER");
    f.catalog.addTable(
        StageFixture.T, "LOADER", "RECORD_METADATA VARIANT", "RECORD_CONTENT VARIANT");
    ObjectName schema = new ObjectName(null, "DB", "PUBLIC");
    f.catalog.grant("LOADER", "CREATE STAGE", "SCHEMA", schema);
    f.catalog.grant("LOADER", "CREATE PIPE", "SCHEMA", schema);
    f.rows(loader, "create stage s");
    f.rows(loader, "create pipe mypipe as " + COPY);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private void stage(String path, String content) {
    int slash = path.lastIndexOf('/');
    String prefix = slash < 0 ? "" : "/" + path.substring(0, slash);
    f.put(
        loader,
        f.localFile(path.substring(slash + 1), StageFixture.gzip(content)),
        "@s/kafka" + prefix,
        "OVERWRITE=TRUE");
  }

  private static String records(int from, int count) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      b.append("{\"meta\":{\"offset\":")
          .append(i)
          .append("},\"content\":{\"v\":")
          .append(i)
          .append("}}");
    }
    return b.toString();
  }

  private void drain() {
    assertTrue(snowpipe.awaitIdle(Duration.ofSeconds(30)), "Snowpipe queue drained");
  }

  private List<Object> contents() {
    return f.catalog.rows(StageFixture.T).stream().map(r -> r.get("RECORD_CONTENT")).toList();
  }

  @Test
  void submittedFilesAreLoadedAndReported() {
    stage("p/a.json.gz", records(0, 2));
    stage("p/b.json.gz", records(2, 3));
    assertEquals(
        List.of(), snowpipe.insertFiles(PIPE, USER, List.of("p/a.json.gz", "p/b.json.gz")));
    drain();

    assertEquals(5, contents().size());
    Report report = snowpipe.insertReport(PIPE, USER, null);
    assertTrue(report.completeResult());
    assertEquals(
        List.of("p/a.json.gz", "p/b.json.gz"),
        report.files().stream().map(FileLoad::path).toList());
    FileLoad a = report.files().get(0);
    assertEquals("LOADED", a.status());
    assertEquals(2, a.rowsParsed());
    assertEquals(2, a.rowsInserted());
    assertEquals(0, a.errorsSeen());
    assertEquals(1, a.errorLimit());
    assertTrue(a.complete());
    assertNull(a.firstError());
    assertEquals(f.clock.instant(), a.timeReceived());
    assertEquals(f.clock.instant(), a.lastInsertTime());
    assertTrue(a.fileSize() > 20);
    assertEquals("stages/DB.PUBLIC.S/kafka/", a.stageLocation());
  }

  @Test
  void aPathIsLoadedOnceEvenIfResubmittedOrModified() {
    stage("a.json.gz", records(0, 1));
    snowpipe.insertFiles(PIPE, USER, List.of("a.json.gz"));
    drain();
    stage("a.json.gz", records(10, 4)); // modified: Snowpipe still ignores it
    assertEquals(List.of("a.json.gz"), snowpipe.insertFiles(PIPE, USER, List.of("a.json.gz")));
    // Twice in one request: the second is skipped too.
    stage("b.json.gz", records(1, 1));
    assertEquals(
        List.of("b.json.gz"), snowpipe.insertFiles(PIPE, USER, List.of("b.json.gz", "b.json.gz")));
    drain();
    assertEquals(2, contents().size());
  }

  @Test
  void queuedPathIsSkippedWhilePaused() {
    snowpipe.pauseLoading(true);
    stage("a.json.gz", records(0, 1));
    snowpipe.insertFiles(PIPE, USER, List.of("a.json.gz"));
    assertEquals(List.of("a.json.gz"), snowpipe.insertFiles(PIPE, USER, List.of("a.json.gz")));
    assertEquals(1, snowpipe.pendingFiles());
    assertEquals(1, snowpipe.insertReport(PIPE, USER, null).activeFiles());
    assertFalse(snowpipe.awaitIdle(Duration.ofMillis(50)));
    assertTrue(contents().isEmpty());
    assertTrue(snowpipe.insertReport(PIPE, USER, null).files().isEmpty());

    snowpipe.pauseLoading(false);
    drain();
    assertEquals(1, contents().size());
  }

  @Test
  void malformedFileFailsWithItsFirstError() {
    stage("bad.json.gz", records(0, 1) + "\n{\"meta\":{\"offset\":1},\"content\":");
    snowpipe.insertFiles(PIPE, USER, List.of("bad.json.gz"));
    drain();
    FileLoad bad = snowpipe.insertReport(PIPE, USER, null).files().get(0);
    assertEquals("LOAD_FAILED", bad.status());
    assertEquals(0, bad.rowsInserted());
    assertEquals(2, bad.rowsParsed());
    assertEquals(1, bad.errorsSeen());
    assertEquals(1, bad.errorLimit());
    assertEquals("Error parsing JSON: incomplete object value", bad.firstError());
    assertEquals(2L, bad.firstErrorLineNum());
    assertTrue(bad.firstErrorCharacterPos() > 0);
    assertEquals("\"T\"[\"RECORD_METADATA\":1]", bad.firstErrorColumnName());
    assertTrue(contents().isEmpty(), "SKIP_FILE is Snowpipe's default");
  }

  @Test
  void pipeOnErrorContinueLoadsPartially() {
    f.rows(loader, "create or replace pipe mypipe as " + COPY + " on_error = continue");
    stage("bad.json.gz", records(0, 2) + "}");
    snowpipe.insertFiles(PIPE, USER, List.of("bad.json.gz"));
    drain();
    FileLoad load = snowpipe.insertReport(PIPE, USER, null).files().get(0);
    assertEquals("PARTIALLY_LOADED", load.status());
    assertEquals(2, load.rowsInserted());
    assertEquals(3, load.rowsParsed());
    assertEquals(3, load.errorLimit());
  }

  @Test
  void missingFileIsReportedAsFailed() {
    snowpipe.insertFiles(PIPE, USER, List.of("nope.json.gz"));
    drain();
    FileLoad load = snowpipe.insertReport(PIPE, USER, null).files().get(0);
    assertEquals("LOAD_FAILED", load.status());
    assertEquals("nope.json.gz", load.path());
    assertTrue(
        load.firstError().startsWith("Remote file 's/kafka/nope.json.gz' was not found."),
        load.firstError());
  }

  @Test
  void beginMarkMakesReportsIncremental() {
    stage("a.json.gz", records(0, 1));
    snowpipe.insertFiles(PIPE, USER, List.of("a.json.gz"));
    drain();
    Report first = snowpipe.insertReport(PIPE, USER, null);
    assertEquals(1, first.files().size());
    assertTrue(first.nextBeginMark().matches("1_\\d+"), first.nextBeginMark());

    Report none = snowpipe.insertReport(PIPE, USER, first.nextBeginMark());
    assertTrue(none.files().isEmpty());
    assertEquals(first.nextBeginMark(), none.nextBeginMark());

    stage("b.json.gz", records(1, 1));
    snowpipe.insertFiles(PIPE, USER, List.of("b.json.gz"));
    drain();
    Report second = snowpipe.insertReport(PIPE, USER, first.nextBeginMark());
    assertEquals(List.of("b.json.gz"), second.files().stream().map(FileLoad::path).toList());
    assertTrue(second.completeResult());
    assertEquals(2, snowpipe.insertReport(PIPE, USER, null).files().size());

    // Events are kept 10 minutes: a report without mark then shows nothing; one whose mark is
    // older than what was dropped says it is incomplete.
    f.clock.advance(Duration.ofMinutes(11));
    assertTrue(snowpipe.insertReport(PIPE, USER, null).files().isEmpty());
    Report stale = snowpipe.insertReport(PIPE, USER, first.nextBeginMark());
    assertFalse(stale.completeResult());
    assertTrue(stale.files().isEmpty());
  }

  @Test
  void loadHistoryScanCoversAHalfOpenRange() {
    Instant t0 = f.clock.instant();
    stage("a.json.gz", records(0, 1));
    snowpipe.insertFiles(PIPE, USER, List.of("a.json.gz"));
    drain();
    f.clock.advance(Duration.ofMinutes(30));
    Instant t1 = f.clock.instant();
    stage("b.json.gz", records(1, 1));
    snowpipe.insertFiles(PIPE, USER, List.of("b.json.gz"));
    drain();
    f.clock.advance(Duration.ofHours(2)); // older than insertReport's window, still in history

    assertEquals(
        List.of("a.json.gz", "b.json.gz"),
        snowpipe.loadHistory(PIPE, USER, t0, null).files().stream().map(FileLoad::path).toList());
    assertEquals(
        List.of("a.json.gz"),
        snowpipe.loadHistory(PIPE, USER, t0, t1).files().stream().map(FileLoad::path).toList());
    assertEquals(
        List.of("b.json.gz"),
        snowpipe.loadHistory(PIPE, USER, t1, t1.plusSeconds(1)).files().stream()
            .map(FileLoad::path)
            .toList());
    assertEquals(
        400,
        assertThrows(SnowpipeError.class, () -> snowpipe.loadHistory(PIPE, USER, null, null))
            .httpStatus());
  }

  @Test
  void recreatingThePipeForgetsItsHistory() {
    stage("a.json.gz", records(0, 1));
    snowpipe.insertFiles(PIPE, USER, List.of("a.json.gz"));
    drain();
    f.rows(loader, "create or replace pipe mypipe as " + COPY);
    assertTrue(snowpipe.insertReport(PIPE, USER, null).files().isEmpty());
    assertEquals(List.of(), snowpipe.insertFiles(PIPE, USER, List.of("a.json.gz")));
    drain();
    assertEquals(2, contents().size(), "the recreated pipe loads the file again");
  }

  @Test
  void pipeHistoryIsSeparateFromCopyHistory() {
    stage("a.json.gz", records(0, 1));
    f.rows(loader, COPY);
    snowpipe.insertFiles(PIPE, USER, List.of("a.json.gz"));
    drain();
    assertEquals(2, contents().size());
  }

  @Test
  void pipeNamesResolveAsInSqlAndArePrivateToTheirRole() {
    // Unquoted parts are case-insensitive, quoted ones exact.
    assertEquals(0, snowpipe.insertReport("db.public.mypipe", USER, null).files().size());
    assertEquals(0, snowpipe.insertReport("\"DB\".Public.\"MYPIPE\"", USER, null).activeFiles());
    assertEquals(
        404,
        assertThrows(
                SnowpipeError.class,
                () -> snowpipe.insertFiles("DB.PUBLIC.\"mypipe\"", USER, List.of("a")))
            .httpStatus());
    assertEquals(
        404,
        assertThrows(
                SnowpipeError.class,
                () -> snowpipe.insertFiles("DB.PUBLIC.NOPE", USER, List.of("a")))
            .httpStatus());
    assertEquals(
        404,
        assertThrows(SnowpipeError.class, () -> snowpipe.insertFiles("MYPIPE", USER, List.of("a")))
            .httpStatus());
    assertEquals(
        404,
        assertThrows(SnowpipeError.class, () -> snowpipe.insertReport(PIPE, "UNKNOWN_USER", null))
            .httpStatus());

    f.catalog.addUser("OUTSIDER", "OTHER");
    assertEquals(
        404,
        assertThrows(
                SnowpipeError.class, () -> snowpipe.insertFiles(PIPE, "OUTSIDER", List.of("a")))
            .httpStatus());
    // OPERATE lets another role submit; the load itself runs as the pipe's owner, so OTHER needs
    // no INSERT on the table.
    f.catalog.grant("OTHER", "OPERATE", "PIPE", new ObjectName("DB", "PUBLIC", "MYPIPE"));
    stage("x.json.gz", records(0, 1));
    assertEquals(List.of(), snowpipe.insertFiles(PIPE, "OUTSIDER", List.of("x.json.gz")));
    drain();
    assertEquals(1, contents().size());
    f.catalog.addUser("ADMINUSER", "ACCOUNTADMIN");
    assertEquals(
        List.of("x.json.gz"),
        snowpipe.insertReport(PIPE, "ADMINUSER", null).files().stream()
            .map(FileLoad::path)
            .toList());
  }

  @Test
  void requestLimitsAreBadRequests() {
    List<String> tooMany = Collections.nCopies(5001, "a");
    assertEquals(
        400,
        assertThrows(SnowpipeError.class, () -> snowpipe.insertFiles(PIPE, USER, tooMany))
            .httpStatus());
    assertEquals(
        400,
        assertThrows(
                SnowpipeError.class,
                () -> snowpipe.insertFiles(PIPE, USER, List.of("x".repeat(1025))))
            .httpStatus());
    assertEquals(
        400,
        assertThrows(SnowpipeError.class, () -> snowpipe.insertReport(PIPE, USER, "garbage"))
            .httpStatus());
  }

  @Test
  void aFailingInsertIsRecordedAsLoadFailed() {
    ObjectName other = new ObjectName("DB", "PUBLIC", "OTHER_T");
    f.catalog.addTable(other, "SYSADMIN", "V VARIANT");
    f.catalog.grant("LOADER", "INSERT", "TABLE", other);
    f.rows(loader, "create pipe p2 as copy into other_t from @s/kafka file_format = (type = json)");
    stage("a.json.gz", "{}");
    f.catalog.failNextInsert(SnowflakeError.insufficientPrivileges("table 'OTHER_T'"));
    snowpipe.insertFiles("DB.PUBLIC.P2", USER, List.of("a.json.gz"));
    drain();
    FileLoad load = snowpipe.insertReport("DB.PUBLIC.P2", USER, null).files().get(0);
    assertEquals("LOAD_FAILED", load.status());
    assertTrue(load.firstError().contains("Insufficient privileges"), load.firstError());
  }
}
