package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.Snowpipe.FileLoad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage, pipe and load metadata live in the DuckStore: a file-backed store keeps them. */
class PersistenceTest {
  private static final String COPY =
      "copy into t from (select $1:meta, $1:content from @s t) file_format = (type = json)";

  @TempDir Path dir;

  private StageFixture open() {
    StageFixture f = new StageFixture(dir, DuckStore.open(dir.resolve("store.duckdb")));
    f.catalog.addUser("ADMIN", "SYSADMIN");
    f.catalog.addTable(StageFixture.T, "SYSADMIN", "M VARIANT", "C VARIANT");
    return f;
  }

  @Test
  void definitionsFilesAndLoadMetadataSurviveARestart() {
    try (StageFixture f = open()) {
      f.rows("CREATE STAGE s FILE_FORMAT = (TYPE = JSON)");
      f.rows("CREATE PIPE p AS " + COPY);
      f.stageFile("@s", "a.json", "{\"meta\":1,\"content\":2}");
      f.stageFile("@s", "b.json", "{\"meta\":3,\"content\":4}");
      f.rows("COPY INTO t FROM (select $1:meta, $1:content from @s) FILES = ('a.json')");
      f.stages.snowpipe().insertFiles("DB.PUBLIC.P", "ADMIN", List.of("b.json"));
      assertTrue(f.stages.snowpipe().awaitIdle(Duration.ofSeconds(30)));
      f.stages.snowpipe().pauseLoading(true);
      f.stageFile("@s", "c.json", "{\"meta\":5,\"content\":6}");
      f.stages.snowpipe().insertFiles("DB.PUBLIC.P", "ADMIN", List.of("c.json"));
    }
    try (StageFixture f = open()) {
      assertEquals(1, f.rows("SHOW STAGES").rows().size());
      assertEquals(COPY, f.rows("DESC PIPE p").rows().get(0).get(4));
      assertEquals(3, f.rows("LIST @s").rows().size());
      // COPY remembers a.json for table T.
      assertEquals(
          List.of("s/b.json", "s/c.json"),
          f
              .rows("COPY INTO t FROM (select $1:meta, $1:content from @s) ON_ERROR = CONTINUE")
              .rows()
              .stream()
              .map(r -> r.get(0))
              .toList());
      // The pipe remembers b.json and still owes c.json its load.
      assertEquals(
          List.of("b.json"),
          f.stages.snowpipe().insertFiles("DB.PUBLIC.P", "ADMIN", List.of("b.json")));
      assertTrue(f.stages.snowpipe().awaitIdle(Duration.ofSeconds(30)));
      assertEquals(
          List.of("b.json", "c.json"),
          f.stages.snowpipe().insertReport("DB.PUBLIC.P", "ADMIN", null).files().stream()
              .map(FileLoad::path)
              .toList());
    }
  }
}
