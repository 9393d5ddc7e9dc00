package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.driver.DriverGeneration;
import io.floe.localsnowflake.driver.StageStreams;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.connection.HistoryRangeResponse;
import net.snowflake.ingest.connection.HistoryResponse;
import net.snowflake.ingest.connection.IngestResponse;
import net.snowflake.ingest.utils.StagedFileWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local Snowflake with a data directory, killed with kill -9 and started again on it: databases,
 * tables, stages with their (encrypted) files, pipes, pipe load history and files still queued for
 * Snowpipe are all there afterwards, through the real driver and Snowpipe SDK.
 */
class PersistenceDriverTest {
  private static final KeyPair KEY = RsaKeys.generate();
  private static final byte[] LOADED = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] QUEUED = "{\"n\":2}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dataDir;

  @Test
  void tablesStagesAndStagedFilesSurviveAKill() throws Exception {
    try (LocalSnowflakeProcess first = start()) {
      try (Connection c = first.connect();
          Statement s = c.createStatement()) {
        s.execute("create database kept");
        s.execute("use schema kept.public");
        s.execute("create table t (v variant)");
        s.execute("insert into t select parse_json('{\"row\":1}')");
        s.execute("create stage s file_format = (type = json)");
        StageStreams.of(c).upload("s", "p", "a.json", new ByteArrayInputStream(LOADED), false);
      }
      first.kill();
    }
    assertNotStoredInPlain(LOADED);
    try (LocalSnowflakeProcess second = start();
        Connection c = second.connect();
        Statement s = c.createStatement()) {
      s.execute("use schema kept.public");
      assertEquals(List.of("1"), column(s, "select v:row from t"));
      try (ResultSet rs = s.executeQuery("show stages")) {
        rs.next();
        assertEquals("S", rs.getString("name"));
      }
      assertEquals(List.of("s/p/a.json"), column(s, "list @s"));
      try (InputStream in = StageStreams.of(c).download("s", "p/a.json", false)) {
        assertArrayEquals(LOADED, in.readAllBytes());
      }
      assertEquals("LOADED", column(s, "copy into t from @s", 2).get(0));
    }
  }

  @Test
  void pipesTheirLoadHistoryAndQueuedFilesSurviveAKill() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    Instant start = Instant.now().minusSeconds(1);
    try (LocalSnowflakeProcess first = start()) {
      try (Connection c = first.connect();
          Statement s = c.createStatement()) {
        s.execute("create database piped");
        s.execute("use schema piped.public");
        s.execute("create table t (v variant)");
        s.execute("create stage s file_format = (type = json)");
        s.execute("create pipe p as copy into t from @s");
        s.execute(
            "alter user "
                + first.user()
                + " set rsa_public_key = '"
                + Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded())
                + "'");
        StageStreams streams = StageStreams.of(c);
        streams.upload("s", "p", "loaded.json", new ByteArrayInputStream(LOADED), true);
        streams.upload("s", "p", "queued.json", new ByteArrayInputStream(QUEUED), true);
      }
      try (SimpleIngestManager ingest = ingest(first)) {
        ingest.ingestFile(new StagedFileWrapper("p/loaded.json.gz", null), null);
        assertEquals("{\"idle\":true}", first.control("/__local/snowpipe/await-idle"));
        first.control("/__local/snowpipe/pause");
        ingest.ingestFile(new StagedFileWrapper("p/queued.json.gz", null), null);
      }
      first.kill();
    }
    try (LocalSnowflakeProcess second = start();
        SimpleIngestManager ingest = ingest(second);
        Connection c = second.connect();
        Statement s = c.createStatement()) {
      s.execute("use schema piped.public");
      // The queued file is loaded after the restart (pausing is not kept: it is a test switch).
      assertEquals("{\"idle\":true}", second.control("/__local/snowpipe/await-idle"));
      assertEquals(List.of("1", "2"), column(s, "select v:n from t order by 1"));
      // A file loaded before the restart is still skipped after it.
      IngestResponse again =
          ingest.ingestFile(new StagedFileWrapper("p/loaded.json.gz", null), null, true);
      assertEquals(List.of("p/loaded.json.gz"), again.getSkippedFiles());
      assertEquals("{\"idle\":true}", second.control("/__local/snowpipe/await-idle"));
      assertEquals(List.of("1", "2"), column(s, "select v:n from t order by 1"));

      HistoryRangeResponse range =
          ingest.getHistoryRange(null, start.toString(), Instant.now().plusSeconds(1).toString());
      assertEquals(
          List.of("p/loaded.json.gz", "p/queued.json.gz"),
          range.files.stream().map(HistoryResponse.FileEntry::getPath).sorted().toList());
    }
  }

  private LocalSnowflakeProcess start() throws Exception {
    return LocalSnowflakeProcess.start("--data-dir", dataDir.toString());
  }

  private static SimpleIngestManager ingest(LocalSnowflakeProcess p) throws Exception {
    return new SimpleIngestManager(
        p.account(), p.user(), "PIPED.PUBLIC.P", KEY.getPrivate(), "http", "127.0.0.1", p.port());
  }

  /** No file under the data directory holds {@code content} as it was uploaded. */
  private void assertNotStoredInPlain(byte[] content) throws Exception {
    String needle = new String(content, StandardCharsets.ISO_8859_1);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir.resolve("stages"))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertFalse(files.isEmpty());
    for (Path f : files) {
      assertFalse(
          Files.readString(f, StandardCharsets.ISO_8859_1).contains(needle), f + " is plaintext");
    }
  }

  private static List<String> column(Statement s, String sql) throws SQLException {
    return column(s, sql, 1);
  }

  private static List<String> column(Statement s, String sql, int index) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(index));
      }
    }
    return out;
  }
}
