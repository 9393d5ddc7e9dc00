package io.floe.localsnowflake.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The driver matrix is wired as intended: each surefire execution names the snowflake-jdbc it means
 * to run against (system property {@code floe.expected.jdbc}), and that is the one on the
 * classpath.
 */
class DriverMatrixDriverTest {

  @Test
  void theIntendedDriverIsOnTheClasspath() {
    String expected = System.getProperty("floe.expected.jdbc");
    assertEquals(expected, DriverGeneration.version());
    assertEquals(
        expected.startsWith("4.") ? DriverGeneration.JDBC_4 : DriverGeneration.JDBC_3,
        DriverGeneration.current());
  }
}
