package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.snowflake.SnowpipeClient.FileStatus;
import org.junit.jupiter.api.Test;

/** Which load errors are about the table (keep the file, count towards FLOE-3030), which data. */
class FailedLoadsTest {
  @Test
  void errorsOfTheTableOrTheRoleAreNotAboutTheData() {
    assertTrue(
        aboutTheTable(
            "SQL compilation error:\nTable 'DB.PUBLIC.T' does not exist or not authorized.", null));
    assertTrue(
        aboutTheTable(
            "SQL access control error:\nInsufficient privileges to operate on table 'T'", null));
    assertTrue(aboutTheTable("NULL result in a non-nullable column 'MUST_HAVE'", null));
    assertTrue(aboutTheTable(null, "the pipe could not run"), "a system error");
  }

  @Test
  void parseErrorsAreAboutTheData() {
    assertFalse(aboutTheTable("Error parsing JSON: unknown keyword \"this\"", null));
    assertFalse(aboutTheTable("Invalid UTF8 detected in string '0xFF'", null));
    assertFalse(aboutTheTable(null, null));
  }

  private static boolean aboutTheTable(String firstError, String systemError) {
    return FailedLoads.aboutTheTable(
        new FileStatus("t/0/0_4.json.gz", "LOAD_FAILED", 1, 0, firstError, 1L, systemError));
  }
}
