package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.driver.DriverGeneration;
import io.floe.localsnowflake.driver.StageStreams;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.connection.HistoryResponse;
import net.snowflake.ingest.connection.IngestResponseException;
import net.snowflake.ingest.utils.StagedFileWrapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snowpipe's REST calls name the pipe as the client wrote it; through the real Snowpipe SDK each
 * unquoted part resolves case-insensitively (as in SQL) and a quoted part exactly.
 */
class SnowpipeNamesDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final KeyPair KEY = RsaKeys.generate();
  private static final String COPY =
      " as copy into db.s.t(RECORD_METADATA, RECORD_CONTENT) from (select $1:meta, $1:content"
          + " from @db.s.st t) file_format = (type = 'json')";

  @BeforeAll
  static void objects() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    LocalSnowflake sf = SNOWFLAKE.get();
    sf.registerPublicKey(sf.user(), KEY.getPublic());
    sf.execute(
        "create database db",
        "create schema db.s",
        "create table db.s.t (record_metadata variant, record_content variant)",
        "create stage db.s.st");
    try (Connection c = sf.connect()) {
      // As the connectors create pipes: the name bound, in the case the user configured.
      for (String name : List.of("db.s.my_pipe", "DB.S.\"my_pipe\"")) {
        try (PreparedStatement p =
            c.prepareStatement("create pipe if not exists identifier(?)" + COPY)) {
          p.setString(1, name);
          p.execute();
        }
      }
      StageStreams streams = StageStreams.of(c);
      for (String file : List.of("upper", "lower", "quoted")) {
        streams.upload("@db.s.st", "p", file + ".json", json("{\"meta\":\"" + file + "\"}"), true);
      }
    }
  }

  @Test
  void unquotedPartsResolveCaseInsensitively() throws Exception {
    Instant start = Instant.now().minusSeconds(1);
    try (SimpleIngestManager lower = ingest("db.s.my_pipe");
        SimpleIngestManager upper = ingest("DB.S.MY_PIPE")) {
      assertEquals(
          "SUCCESS",
          lower.ingestFile(new StagedFileWrapper("p/lower.json.gz"), null).getResponseCode());
      assertEquals(
          "SUCCESS",
          upper.ingestFile(new StagedFileWrapper("p/upper.json.gz"), null).getResponseCode());
      assertTrue(SNOWFLAKE.get().awaitSnowpipeIdle(Duration.ofSeconds(30)));

      // Both names reach the one pipe MY_PIPE: each report holds both files.
      List<String> expected = List.of("p/lower.json.gz", "p/upper.json.gz");
      assertEquals(expected, paths(lower.getHistory(null, null, null)));
      assertEquals(expected, paths(upper.getHistory(null, null, null)));
      String end = Instant.now().plusSeconds(1).toString();
      assertEquals(2, lower.getHistoryRange(null, start.toString(), end).files.size());
      assertEquals(2, upper.getHistoryRange(null, start.toString(), end).files.size());
    }
    assertEquals(
        List.of("lower", "upper"),
        rows(
            "select record_metadata::string from db.s.t where record_metadata::string <>"
                + " 'quoted'"));
  }

  @Test
  void quotedPartsStayExact() throws Exception {
    try (SimpleIngestManager quoted = ingest("DB.S.\"my_pipe\"");
        SimpleIngestManager allQuoted = ingest("\"DB\".\"S\".\"MY_PIPE\"");
        SimpleIngestManager wrongCase = ingest("\"db\".\"s\".\"my_pipe\"")) {
      quoted.ingestFile(new StagedFileWrapper("p/quoted.json.gz"), null);
      assertTrue(SNOWFLAKE.get().awaitSnowpipeIdle(Duration.ofSeconds(30)));
      assertEquals(List.of("p/quoted.json.gz"), paths(quoted.getHistory(null, null, null)));
      // "DB"."S"."MY_PIPE" is the unquoted pipe; it never saw the quoted pipe's file.
      assertFalse(paths(allQuoted.getHistory(null, null, null)).contains("p/quoted.json.gz"));
      // No database "db" (lower case) exists.
      IngestResponseException missing =
          assertThrows(IngestResponseException.class, () -> wrongCase.getHistory(null, null, null));
      assertEquals(404, missing.getErrorCode());
    }
    assertEquals(
        List.of("quoted"),
        rows(
            "select record_metadata::string from db.s.t where record_metadata::string = 'quoted'"));
  }

  private static SimpleIngestManager ingest(String pipe) throws Exception {
    LocalSnowflake sf = SNOWFLAKE.get();
    return new SimpleIngestManager(
        sf.account(), sf.user(), pipe, KEY.getPrivate(), "http", "127.0.0.1", sf.port());
  }

  private static List<String> paths(HistoryResponse history) {
    return history.files.stream().map(HistoryResponse.FileEntry::getPath).sorted().toList();
  }

  private static List<String> rows(String sql) throws Exception {
    try (Connection c = SNOWFLAKE.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql + " order by 1")) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  private static ByteArrayInputStream json(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
