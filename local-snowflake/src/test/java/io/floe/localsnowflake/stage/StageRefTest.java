package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SnowflakeError;
import org.junit.jupiter.api.Test;

class StageRefTest {

  @Test
  void namedStagesWithQualifiersQuotesAndPaths() {
    assertEquals(
        new StageRef(StageRef.Kind.NAMED, new ObjectName(null, null, "MYSTAGE"), ""),
        StageRef.parse("@mystage"));
    assertEquals(
        new StageRef(StageRef.Kind.NAMED, new ObjectName("DB", "SCH", "S"), "Some/Path/x.gz"),
        StageRef.parse("@db.sch.s/Some/Path/x.gz"));
    assertEquals(
        new StageRef(StageRef.Kind.NAMED, new ObjectName(null, "SCH", "my stage.v2"), "p/"),
        StageRef.parse("@sch.\"my stage.v2\"/p/"));
  }

  @Test
  void tableAndUserStages() {
    assertEquals(
        new StageRef(StageRef.Kind.TABLE, new ObjectName(null, null, "T"), "broken"),
        StageRef.parse("@%t/broken"));
    assertEquals(
        new StageRef(StageRef.Kind.TABLE, new ObjectName("DB", "S", "Mixed"), ""),
        StageRef.parse("@db.s.%\"Mixed\""));
    assertEquals(new StageRef(StageRef.Kind.USER, null, "a/b"), StageRef.parse("@~/a/b"));
  }

  @Test
  void dotSegmentsAreRefused() {
    assertEquals(
        "000002", assertThrows(SnowflakeError.class, () -> StageRef.parse("@s/../escape")).code());
    assertEquals("001003", assertThrows(SnowflakeError.class, () -> StageRef.parse("@")).code());
  }
}
