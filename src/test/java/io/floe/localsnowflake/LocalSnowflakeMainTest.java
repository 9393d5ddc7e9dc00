package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line local Snowflake as bin/local-snowflake runs it: a separate process whose first
 * stdout line is READY with a JDBC URL the real driver uses as is, and which keeps its data in
 * --data-dir across a kill -9.
 */
class LocalSnowflakeMainTest {
  private static final Pattern READY =
      Pattern.compile("READY (\\S+) account=(\\S+) user=(\\S+) password=(\\S+)");

  @Test
  void printsAUsableReadyLineAndKeepsDataAcrossAKill(@TempDir Path dataDir) throws Exception {
    Process first = launch(dataDir);
    try {
      Matcher ready = awaitReady(first);
      try (Connection c = DriverManager.getConnection(ready.group(1), login(ready));
          Statement s = c.createStatement()) {
        s.execute("create database kept");
        s.execute("create table kept.public.t (v variant)");
        s.execute("insert into kept.public.t select parse_json('{\"a\":1}')");
      }
    } finally {
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    Process second = launch(dataDir);
    try {
      Matcher ready = awaitReady(second);
      try (Connection c = DriverManager.getConnection(ready.group(1), login(ready));
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select v:a::number from kept.public.t")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static Process launch(Path dataDir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            LocalSnowflakeMain.class.getName(),
            "--data-dir",
            dataDir.toString());
    pb.redirectError(Files.createTempFile("local-snowflake", ".log").toFile());
    return pb.start();
  }

  private static Matcher awaitReady(Process p) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    Matcher m = READY.matcher(String.valueOf(line));
    assertTrue(m.matches(), "first stdout line: " + line);
    return m;
  }

  private static Properties login(Matcher ready) {
    Properties p = new Properties();
    p.put("user", ready.group(3));
    p.put("password", ready.group(4));
    p.put("disablePlatformDetection", "true");
    return p;
  }

}
