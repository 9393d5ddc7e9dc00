package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipeDdlTest {
  static final String COPY =
      "copy into T(RECORD_METADATA, RECORD_CONTENT) from (select $1:meta, $1:content from"
          + " @KAFKA_STAGE t) file_format = (type = 'json')";

  @TempDir Path dir;
  StageFixture f;

  @BeforeEach
  void setUp() {
    f = new StageFixture(dir);
    f.catalog.addTable(
        StageFixture.T, "SYSADMIN", "RECORD_METADATA VARIANT", "RECORD_CONTENT VARIANT");
    f.rows("create stage if not exists identifier(?)", "KAFKA_STAGE");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void descPipeReturnsTheDefinitionVerbatim() {
    StatementResult.Rows created =
        f.rows("create pipe if not exists identifier(?) as " + COPY + ";", "MY_PIPE");
    assertEquals("Pipe MY_PIPE successfully created.", created.rows().get(0).get(0));

    StatementResult.Rows desc = f.rows("desc pipe identifier(?)", "MY_PIPE");
    assertEquals(StageDdl.DESCRIBE_STATEMENT_TYPE, desc.statementTypeId());
    List<String> names = desc.columns().stream().map(c -> c.name()).toList();
    assertEquals(
        List.of(
            "created_on",
            "name",
            "database_name",
            "schema_name",
            "definition",
            "owner",
            "notification_channel",
            "comment"),
        names.subList(0, 8));
    List<String> row = desc.rows().get(0);
    assertEquals("MY_PIPE", row.get(1));
    assertEquals("DB", row.get(2));
    assertEquals("PUBLIC", row.get(3));
    assertEquals(COPY, row.get(names.indexOf("definition")));
    assertEquals("SYSADMIN", row.get(names.indexOf("owner")));
    assertNull(row.get(names.indexOf("notification_channel")));
  }

  @Test
  void showPipesFiltersByLikeAndScope() {
    f.rows("create pipe p_one as " + COPY);
    f.rows("create pipe other_pipe comment = 'x' as " + COPY);
    StatementResult.Rows like = f.rows("SHOW PIPES LIKE 'P\\_%' IN SCHEMA db.public");
    assertEquals(List.of("P_ONE"), like.rows().stream().map(r -> r.get(1)).toList());
    StatementResult.Rows all = f.rows("show pipes in database db");
    assertEquals(2, all.rows().size());
    assertEquals(
        "x",
        all.rows().stream()
            .filter(r -> r.get(1).equals("OTHER_PIPE"))
            .findFirst()
            .orElseThrow()
            .get(7));
    assertTrue(f.rows("SHOW PIPES IN SCHEMA db.other").rows().isEmpty());
  }

  @Test
  void createPipeValidatesItsCopy() {
    SnowflakeError noTable =
        f.error("create pipe p as copy into nope from @kafka_stage file_format = (type = json)");
    assertEquals("002003", noTable.code());
    SnowflakeError noStage = f.error("create pipe p as " + COPY.replace("KAFKA_STAGE", "NOPE"));
    assertEquals(
        "SQL compilation error:\nStage 'DB.PUBLIC.NOPE' does not exist or not authorized.",
        noStage.getMessage());
    SnowflakeError abort = f.error("create pipe p as " + COPY + " on_error = abort_statement");
    assertTrue(abort.getMessage().contains("not supported in a pipe"), abort.getMessage());
    SnowflakeError files = f.error("create pipe p as " + COPY + " files = ('a')");
    assertTrue(files.getMessage().contains("FILES"), files.getMessage());
    SnowflakeError userStage =
        f.error("create pipe p as copy into t from @~/x file_format = (type = json)");
    assertTrue(userStage.getMessage().contains("user stage"), userStage.getMessage());
    SnowflakeError autoIngest = f.error("create pipe p auto_ingest = true as " + COPY);
    assertEquals("000002", autoIngest.code());
  }

  @Test
  void createPipeNeedsPrivilegesAndExistingNamesConflict() {
    SessionState loader = new SessionState("U", "LOADER", "DB", "PUBLIC", null);
    assertEquals("003001", f.error(loader, "create pipe p as " + COPY).code());
    f.rows("create pipe p as " + COPY);
    assertEquals("002002", f.error("create pipe p as " + COPY).code());
    assertEquals(
        "P already exists, statement succeeded.",
        f.rows("create pipe if not exists p as " + COPY).rows().get(0).get(0));
    assertEquals(
        "Pipe P successfully created.",
        f.rows("create or replace pipe p as " + COPY).rows().get(0).get(0));
    // Not the owner and no grants: invisible.
    assertTrue(f.rows(loader, "show pipes").rows().isEmpty());
    assertEquals("002003", f.error(loader, "desc pipe p").code());
  }

  @Test
  void dropPipe() {
    f.rows("create pipe p as " + COPY);
    assertEquals("P successfully dropped.", f.rows("drop pipe p").rows().get(0).get(0));
    assertEquals(
        "SQL compilation error:\nPipe 'DB.PUBLIC.P' does not exist or not authorized.",
        f.error("drop pipe p").getMessage());
    assertEquals(
        "Drop statement executed successfully (P already dropped).",
        f.rows("drop pipe if exists p").rows().get(0).get(0));
    assertTrue(f.rows("show pipes").rows().isEmpty());
  }

  @Test
  void quotedNamesKeepTheirCase() {
    f.rows("create pipe \"lower_pipe\" as " + COPY);
    assertEquals("lower_pipe", f.rows("show pipes").rows().get(0).get(1));
    f.rows("desc pipe identifier('db.public.\"lower_pipe\"')");
    assertEquals("002003", f.error("desc pipe lower_pipe").code());
  }
}
