package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageCommandsTest {
  @TempDir Path dir;
  StageFixture f;

  @BeforeEach
  void setUp() {
    f = new StageFixture(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private List<String> names(StatementResult.Rows rows) {
    return rows.rows().stream().map(r -> r.get(0)).toList();
  }

  @Test
  void createStageAnswersStatusAndShowsIt() {
    StatementResult.Rows created = f.rows("create stage if not exists identifier(?)", "MyStage");
    assertEquals("Stage area MYSTAGE successfully created.", created.rows().get(0).get(0));
    assertEquals(StatementResult.Rows.DDL, created.statementTypeId());

    StatementResult.Rows again = f.rows("CREATE STAGE IF NOT EXISTS mystage");
    assertEquals("MYSTAGE already exists, statement succeeded.", again.rows().get(0).get(0));

    StatementResult.Rows show = f.rows("SHOW STAGES LIKE 'my%'");
    assertEquals(1, show.rows().size());
    List<String> row = show.rows().get(0);
    assertEquals("MYSTAGE", row.get(1));
    assertEquals("DB", row.get(2));
    assertEquals("PUBLIC", row.get(3));
    assertEquals("SYSADMIN", row.get(7));
    assertEquals("INTERNAL", row.get(10));
    assertEquals("created_on", show.columns().get(0).name());
    assertEquals(f.clock.instant().getEpochSecond() + ".000", row.get(0));
    assertTrue(f.rows("SHOW STAGES LIKE 'other%'").rows().isEmpty());
  }

  @Test
  void createExistingStageFailsAndDropMissingStageFails() {
    f.rows("CREATE STAGE s");
    SnowflakeError exists = f.error("CREATE STAGE s");
    assertEquals("002002", exists.code());
    assertEquals("SQL compilation error:\nObject 'S' already exists.", exists.getMessage());

    assertEquals("S successfully dropped.", f.rows("DROP STAGE s").rows().get(0).get(0));
    SnowflakeError missing = f.error("DROP STAGE s");
    assertEquals("002003", missing.code());
    assertEquals("02000", missing.sqlState());
    assertEquals(
        "SQL compilation error:\nStage 'DB.PUBLIC.S' does not exist or not authorized.",
        missing.getMessage());
    assertEquals(
        "Drop statement executed successfully (S already dropped).",
        f.rows("DROP STAGE IF EXISTS s").rows().get(0).get(0));
  }

  @Test
  void createStageInMissingSchemaFails() {
    SnowflakeError e = f.error("CREATE STAGE db.nope.s");
    assertEquals("002003", e.code());
    assertEquals(
        "SQL compilation error:\nSchema 'DB.NOPE' does not exist or not authorized.",
        e.getMessage());
  }

  @Test
  void createStageNeedsCreateStagePrivilege() {
    SessionState loader = new SessionState("U", "LOADER", "DB", "PUBLIC", null);
    assertEquals("003001", f.error(loader, "CREATE STAGE s").code());
    f.catalog.grant("LOADER", "CREATE STAGE", "SCHEMA", new ObjectName(null, "DB", "PUBLIC"));
    f.rows(loader, "CREATE STAGE s");
    // Owned by LOADER, so another non-admin role can neither see nor use it.
    SessionState other = new SessionState("V", "OTHER", "DB", "PUBLIC", null);
    assertTrue(f.rows(other, "SHOW STAGES").rows().isEmpty());
    assertEquals("002003", f.error(other, "LIST @s").code());
    assertEquals(1, f.rows(loader, "SHOW STAGES").rows().size());
  }

  @Test
  void putAnswersLocalFsTransferIntoTheStageDirectory() throws Exception {
    f.rows("CREATE STAGE mystage");
    StatementResult.Transfer t =
        (StatementResult.Transfer)
            f.run(f.admin, "PUT file:///home/user/data/x.json.gz @mystage/some/prefix");
    assertEquals("UPLOAD", t.command());
    assertEquals(List.of("/home/user/data/x.json.gz"), t.sourceLocations());
    assertEquals("LOCAL_FS", t.locationType());
    assertTrue(t.location().endsWith("/some/prefix/"), t.location());
    assertTrue(Path.of(t.location()).isAbsolute());
    assertTrue(Files.isDirectory(Path.of(t.location())), "PUT creates the directory");
    assertEquals("mystage/some/prefix", t.stagePath());
    assertFalse(t.overwrite());
    assertTrue(t.autoCompress());
    assertNull(t.encryption());

    StatementResult.Transfer stream =
        (StatementResult.Transfer)
            f.run(f.admin, "put file:///tmp/placeholder @mystage/stream/prefix overwrite=true");
    assertEquals(List.of("/tmp/placeholder"), stream.sourceLocations());
    assertTrue(stream.overwrite());

    StatementResult.Transfer quoted =
        (StatementResult.Transfer)
            f.run(f.admin, "PUT 'file:///tmp/my file.json' '@mystage' AUTO_COMPRESS=FALSE");
    assertEquals(List.of("/tmp/my file.json"), quoted.sourceLocations());
    assertFalse(quoted.autoCompress());
    assertEquals("mystage", quoted.stagePath());
  }

  @Test
  void putToMissingStageFails() {
    SnowflakeError e = f.error("PUT file:///tmp/x.json @nope");
    assertEquals("002003", e.code());
    assertEquals(
        "SQL compilation error:\nStage 'DB.PUBLIC.NOPE' does not exist or not authorized.",
        e.getMessage());
  }

  @Test
  void listShowsStagedFilesWithSizeMd5AndRfc1123Time() throws Exception {
    f.rows("CREATE STAGE mystage");
    f.put(f.localFile("plain.json", "{\"a\":1}"), "@mystage/some/prefix");
    f.put(f.localFile("x.json.gz", StageFixture.gzip("{\"b\":2}")), "@mystage/some/prefix");
    f.stageFile("@mystage/other", "raw.json", "{}");

    StatementResult.Rows list = f.rows("LIST @mystage");
    assertEquals(
        List.of(
            "mystage/other/raw.json",
            "mystage/some/prefix/plain.json.gz",
            "mystage/some/prefix/x.json.gz"),
        names(list));
    assertEquals(
        List.of("name", "size", "md5", "last_modified"),
        list.columns().stream().map(c -> c.name()).toList());
    List<String> raw = list.rows().get(0);
    assertEquals("2", raw.get(1));
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest("{}".getBytes())),
        raw.get(2));
    Instant modified =
        ZonedDateTime.parse(raw.get(3), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    assertTrue(raw.get(3).endsWith(" GMT"), raw.get(3));
    assertTrue(Math.abs(modified.getEpochSecond() - Instant.now().getEpochSecond()) < 600);

    assertEquals(
        List.of("mystage/some/prefix/plain.json.gz", "mystage/some/prefix/x.json.gz"),
        names(f.rows("ls @mystage/some")));
    assertEquals(
        List.of("mystage/some/prefix/x.json.gz"),
        names(f.rows("LIST @mystage PATTERN = '.*x[.]json.*'")));
    assertTrue(f.rows("LIST @mystage/nothing").rows().isEmpty());
  }

  @Test
  void removeDeletesByPrefixAndReportsEachFile() {
    f.rows("CREATE STAGE mystage");
    f.stageFile("@mystage/stream/prefix", "a.json", "{}");
    f.stageFile("@mystage/stream/prefix", "b.json", "{}");
    f.stageFile("@mystage/streamer", "c.json", "{}");
    f.stageFile("@mystage/keep", "d.json", "{}");

    StatementResult.Rows removed = f.rows("REMOVE @mystage/stream/");
    assertEquals(
        List.of(
            List.of("mystage/stream/prefix/a.json", "removed"),
            List.of("mystage/stream/prefix/b.json", "removed")),
        removed.rows());
    assertEquals(List.of("name", "result"), removed.columns().stream().map(c -> c.name()).toList());
    // Without the trailing slash the prefix also matches streamer/.
    f.stageFile("@mystage/stream/prefix", "a.json", "{}");
    assertEquals(2, f.rows("rm @mystage/stream").rows().size());
    assertEquals(List.of("mystage/keep/d.json"), names(f.rows("LIST @mystage")));
    assertTrue(f.rows("RM @mystage/none").rows().isEmpty());
  }

  @Test
  void tableStageExistsForEveryTableAndListsBarePaths() {
    f.catalog.addTable(StageFixture.T, "SYSADMIN", "V VARIANT");
    f.stageFile("@%t/broken", "rec.json", "{}");
    assertEquals(List.of("broken/rec.json"), names(f.rows("LIST @%t")));
    assertEquals(List.of("broken/rec.json"), names(f.rows("LIST @db.public.%t/broken/")));

    SnowflakeError missing = f.error("LIST @%nope");
    assertEquals("002003", missing.code());
    // A role that does not own the table cannot use its stage.
    SessionState other = new SessionState("V", "OTHER", "DB", "PUBLIC", null);
    assertEquals("003001", f.error(other, "LIST @%t").code());
  }

  @Test
  void dropAndReplaceStageDeleteItsFiles() {
    f.rows("CREATE STAGE s");
    f.stageFile("@s", "a.json", "{}");
    f.rows("CREATE OR REPLACE STAGE s");
    assertTrue(f.rows("LIST @s").rows().isEmpty());
    f.stageFile("@s", "a.json", "{}");
    f.rows("DROP STAGE s");
    f.rows("CREATE STAGE s");
    assertTrue(f.rows("LIST @s").rows().isEmpty());
  }

  @Test
  void describeStageShowsItsFileFormatAndCopyOptions() {
    f.rows(
        "CREATE STAGE s FILE_FORMAT = (TYPE = JSON STRIP_OUTER_ARRAY = TRUE)"
            + " COPY_OPTIONS = (ON_ERROR = CONTINUE) COMMENT = 'kafka'");
    StatementResult.Rows desc = f.rows("DESC STAGE s");
    assertTrue(desc.rows().contains(List.of("STAGE_FILE_FORMAT", "TYPE", "String", "JSON", "CSV")));
    assertTrue(
        desc.rows()
            .contains(List.of("STAGE_FILE_FORMAT", "STRIP_OUTER_ARRAY", "String", "TRUE", "")));
    assertTrue(
        desc.rows()
            .contains(
                List.of(
                    "STAGE_COPY_OPTIONS", "ON_ERROR", "String", "CONTINUE", "ABORT_STATEMENT")));
    assertEquals("kafka", f.rows("SHOW STAGES").rows().get(0).get(8));
  }

  @Test
  void externalStagesAndUnknownOptionsAreRefusedClearly() {
    SnowflakeError external = f.error("CREATE STAGE s URL = 's3://bucket/x'");
    assertEquals("000002", external.code());
    assertTrue(external.getMessage().contains("external stages"), external.getMessage());
    SnowflakeError option = f.error("CREATE STAGE s FOO = 1");
    assertTrue(option.getMessage().contains("FOO"), option.getMessage());
  }

  @Test
  void userStageNeedsNoGrants() {
    SessionState other = new SessionState("V", "OTHER", "DB", "PUBLIC", null);
    f.put(other, f.localFile("u.json", "{}"), "@~/mine", "");
    assertEquals(List.of("mine/u.json.gz"), names(f.rows(other, "LIST @~")));
    assertTrue(f.rows("LIST @~").rows().isEmpty(), "each user has their own stage");
  }

  @Test
  void showStagesInSchemaScopesTheListing() {
    f.rows("CREATE STAGE a");
    f.rows("CREATE STAGE db.other.b");
    assertEquals(
        List.of("B", "A"), f.rows("SHOW STAGES").rows().stream().map(r -> r.get(1)).toList());
    assertEquals(
        List.of("B"),
        f.rows("SHOW STAGES IN SCHEMA db.other").rows().stream().map(r -> r.get(1)).toList());
    assertEquals(
        List.of("A"), f.rows("SHOW STAGES IN SCHEMA").rows().stream().map(r -> r.get(1)).toList());
  }

  @Test
  void getAnswersDownloadPlanForMatchingFiles() {
    f.rows("CREATE STAGE s");
    f.stageFile("@s/p", "x.json", "{}");
    f.stageFile("@s/p", "y.json", "{}");
    StatementResult.Transfer t =
        (StatementResult.Transfer)
            f.run(
                f.admin,
                "get @s/p file:///tmp/ /*jdbc download stream*/ PATTERN=\".*\\Qx.json\\E$\"");
    assertEquals("DOWNLOAD", t.command());
    assertEquals(List.of("p/x.json"), t.sourceLocations());
    assertEquals("/tmp/", t.localLocation());
    assertTrue(Files.exists(Path.of(t.location()).resolve("p/x.json")));
  }
}
