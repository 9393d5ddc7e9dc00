package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as a user runs it: {@code java -jar floe-local-snowflake-<v>-standalone.jar
 * --port N --data-dir DIR}. It must start on its own (no Maven, no test classpath), take the real
 * JDBC driver, and keep its data across a restart. Prints how long the READY line took.
 */
class LocalSnowflakeJarIT {
  private static final Path JAR = Path.of(System.getProperty("floe.localsnowflake.jar", ""));

  @Test
  void runsFromTheJarAndKeepsItsDataDirectory(@TempDir Path dataDir) throws Exception {
    assertTrue(Files.isRegularFile(JAR), "no runnable jar at " + JAR + "; run `mvn package`");
    try (LocalSnowflakeProcess sf = startTimed("cold", "--port", "0", "--data-dir", dataDir)) {
      try (Connection c = sf.connect();
          Statement s = c.createStatement()) {
        s.execute("create database jar_db");
        s.execute("create table jar_db.public.t (v variant)");
        s.execute("insert into jar_db.public.t select parse_json('{\"a\": 12345678901234567890}')");
      }
    }
    try (LocalSnowflakeProcess sf = startTimed("warm", "--port", "0", "--data-dir", dataDir);
        Connection c = sf.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select v:a::varchar from jar_db.public.t")) {
      assertTrue(rs.next(), "the row written before the restart is gone");
      assertEquals("12345678901234567890", rs.getString(1));
    }
  }

  private static LocalSnowflakeProcess startTimed(String label, Object... args) throws Exception {
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = String.valueOf(args[i]);
    }
    long start = System.nanoTime();
    LocalSnowflakeProcess sf = LocalSnowflakeProcess.startJar(JAR, strings);
    System.out.printf(
        "local Snowflake jar (%s JVM start): READY after %d ms%n",
        label, (System.nanoTime() - start) / 1_000_000);
    return sf;
  }
}
