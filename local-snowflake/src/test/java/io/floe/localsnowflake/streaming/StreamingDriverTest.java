package io.floe.localsnowflake.streaming;

import static io.floe.localsnowflake.streaming.StreamingClients.awaitCommitted;
import static io.floe.localsnowflake.streaming.StreamingClients.client;
import static io.floe.localsnowflake.streaming.StreamingClients.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.driver.DriverGeneration;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.snowflake.ingest.streaming.InsertValidationResponse;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snowpipe Streaming through the real ingest SDK client: channels open with the table's columns,
 * rows inserted with offset tokens become rows of the table (read back through snowflake-jdbc), and
 * the committed offset token follows.
 */
class StreamingDriverTest {
  private static final KeyPair KEY = RsaKeys.generate();

  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static int tables;
  private String table;

  @BeforeAll
  static void key() {
    SNOWFLAKE.get().registerPublicKey(SNOWFLAKE.get().user(), KEY.getPublic());
    SNOWFLAKE.get().execute("create database if not exists db");
  }

  @BeforeEach
  void freshTable() {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    table = "T" + (++tables);
    SNOWFLAKE
        .get()
        .execute(
            "create table db.public."
                + table
                + " (id number(38,0), name varchar, amount number(10,2), ok boolean, f float,"
                + " d date, ntz timestamp_ntz, ltz timestamp_ltz, tz timestamp_tz,"
                + " v variant, o object, a array)");
  }

  @Test
  void insertedRowsBecomeTableRowsWithTheirValuesAndTheOffsetTokenIsCommitted() throws Exception {
    LocalSnowflake sf = SNOWFLAKE.get();
    try (SnowflakeStreamingIngestClient client = client(sf, KEY, "values")) {
      SnowflakeStreamingIngestChannel channel = open(client, table, "c1");
      assertEquals("C1", channel.getName());
      assertNull(channel.getLatestCommittedOffsetToken());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("ID", 1);
      row.put("NAME", "alice");
      row.put("AMOUNT", new BigDecimal("12.34"));
      row.put("OK", true);
      row.put("F", 1.5);
      row.put("D", "2024-01-02");
      row.put("NTZ", "2024-01-02T03:04:05.123456");
      row.put("LTZ", "2024-01-02T03:04:05.123456Z");
      row.put("TZ", "2024-01-02T05:04:05.123456+02:00");
      row.put("V", "{\"k\":[1,2],\"s\":\"x\"}");
      row.put("O", Map.of("name", "bob"));
      row.put("A", List.of(1, "two"));
      InsertValidationResponse response = channel.insertRow(row, "1");
      assertFalse(response.hasErrors(), () -> response.getInsertErrors().toString());
      Map<String, Object> sparse = new LinkedHashMap<>();
      sparse.put("ID", 2);
      channel.insertRows(List.of(sparse), "2");
      awaitCommitted(channel, "2");
      channel.close().get();
    }
    try (Connection c = sf.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select id, name, amount, ok, f, d, ntz, ltz, tz, v:k[1], v:s::string,"
                    + " o:name::string, a[1]::string, v from db.public."
                    + table
                    + " order by id")) {
      rs.next();
      assertEquals(1, rs.getLong(1));
      assertEquals("alice", rs.getString(2));
      assertEquals(new BigDecimal("12.34"), rs.getBigDecimal(3));
      assertEquals(true, rs.getBoolean(4));
      assertEquals(1.5, rs.getDouble(5));
      assertEquals(LocalDate.of(2024, 1, 2), rs.getDate(6).toLocalDate());
      assertEquals(
          LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456000), rs.getTimestamp(7).toLocalDateTime());
      assertEquals(Instant.parse("2024-01-02T03:04:05.123456Z"), rs.getTimestamp(8).toInstant());
      assertEquals(Instant.parse("2024-01-02T03:04:05.123456Z"), rs.getTimestamp(9).toInstant());
      assertEquals("2", rs.getString(10));
      assertEquals("x", rs.getString(11));
      assertEquals("bob", rs.getString(12));
      assertEquals("two", rs.getString(13));
      assertEquals("{\"k\":[1,2],\"s\":\"x\"}", rs.getString(14).replaceAll("\\s", ""));
      rs.next();
      assertEquals(2, rs.getLong(1));
      rs.getString(2);
      assertEquals(true, rs.wasNull());
      assertFalse(rs.next());
    }
  }

  @Test
  void manyRowsInSeveralFlushesArriveOnceEachAndTheLastTokenIsCommitted() throws Exception {
    LocalSnowflake sf = SNOWFLAKE.get();
    try (SnowflakeStreamingIngestClient client = client(sf, KEY, "many")) {
      SnowflakeStreamingIngestChannel channel = open(client, table, "c1");
      for (int batch = 0; batch < 3; batch++) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          rows.add(Map.of("ID", batch * 1000 + i, "V", "{\"n\":" + i + "}"));
        }
        channel.insertRows(rows, String.valueOf(batch * 1000 + 999));
        awaitCommitted(channel, String.valueOf(batch * 1000 + 999));
      }
    }
    assertEquals(List.of("3000", "3000", "0", "2999"), counts(sf, table));
  }

  /** count(*), count(distinct id), min(id), max(id) of the table. */
  static List<String> counts(LocalSnowflake sf, String table) throws Exception {
    try (Connection c = sf.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*), count(distinct id), min(id), max(id) from db.public." + table)) {
      rs.next();
      return List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }
  }
}
