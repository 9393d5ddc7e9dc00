package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line local Snowflake as bin/local-snowflake runs it: a separate process whose first
 * stdout line is READY with a JDBC URL the real driver uses as is, taking its options. (Restarts
 * and kill -9 are {@link PersistenceDriverTest}'s.)
 */
class LocalSnowflakeMainTest {

  @Test
  void printsAUsableReadyLineAndTakesItsOptions(@TempDir Path dir) throws Exception {
    Path dataDir = dir.resolve("data");
    Path local = Files.writeString(dir.resolve("plain.json"), "{\"shared\":\"file system\"}");
    try (LocalSnowflakeProcess p =
            LocalSnowflakeProcess.start(
                "--data-dir", dataDir.toString(), "--account", "acme", "--local-fs");
        Connection c = p.connect();
        Statement s = c.createStatement()) {
      assertEquals("ACME", p.account());
      assertEquals(LocalSnowflake.DEFAULT_USER, p.user());
      s.execute("create database cli");
      s.execute("create stage cli.public.s");
      try (ResultSet rs =
          s.executeQuery("put file://" + local + " @cli.public.s auto_compress = false")) {
        rs.next();
        assertEquals("UPLOADED", rs.getString("status"));
      }
    }
    // --local-fs: the driver copied the file into the data directory itself, as it was.
    try (Stream<Path> files = Files.walk(dataDir.resolve("stages"))) {
      Path staged =
          files.filter(f -> f.getFileName().toString().equals("plain.json")).findFirst().get();
      assertEquals(
          "{\"shared\":\"file system\"}", Files.readString(staged, StandardCharsets.UTF_8));
    }
  }
}
