package io.floe.localsnowflake.streaming;

import static io.floe.localsnowflake.streaming.StreamingClients.awaitCommitted;
import static io.floe.localsnowflake.streaming.StreamingClients.client;
import static io.floe.localsnowflake.streaming.StreamingClients.open;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.snowflake.ingest.streaming.InsertValidationResponse;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import net.snowflake.ingest.utils.SFException;
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
                + " d date, ntz timestamp_ntz, ltz timestamp_ltz, tz timestamp_tz, tm time,"
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
      row.put("TM", "13:14:15");
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
                    + " o:name::string, a[1]::string, v, tm from db.public."
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
      assertEquals(LocalTime.of(13, 14, 15), rs.getTime(15).toLocalTime());
      rs.next();
      assertEquals(2, rs.getLong(1));
      rs.getString(2);
      assertEquals(true, rs.wasNull());
      assertFalse(rs.next());
    }
  }

  @Test
  void binaryColumnsTakeBytesThatAreNotUtf8() throws Exception {
    LocalSnowflake sf = SNOWFLAKE.get();
    String bin = "BIN_" + table;
    // The SDK annotates BINARY Parquet columns as UTF-8 strings; the bytes must still arrive as
    // they were, beside a text column of the same Parquet type.
    sf.execute(
        "create table db.public." + bin + " (id number, b binary, small binary(4), name varchar)");
    byte[] notUtf8 = {(byte) 0xFF, 0x00, 0x01, (byte) 0x80, (byte) 0xC3};
    try (SnowflakeStreamingIngestClient client = client(sf, KEY, "binary")) {
      SnowflakeStreamingIngestChannel channel = open(client, bin, "c1");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("ID", 1);
      row.put("B", notUtf8);
      row.put("SMALL", new byte[] {(byte) 0xDE, (byte) 0xAD});
      row.put("NAME", "é");
      Map<String, Object> empty = new LinkedHashMap<>();
      empty.put("ID", 2);
      empty.put("B", new byte[0]);
      Map<String, Object> nulls = new LinkedHashMap<>();
      nulls.put("ID", 3);
      channel.insertRows(List.of(row, empty, nulls), "3");
      // BINARY(4): the SDK refuses five bytes (the channel aborts on errors).
      assertThrows(
          SFException.class, () -> channel.insertRow(Map.of("ID", 4, "SMALL", new byte[5]), "4"));
      awaitCommitted(channel, "3");
    }
    try (Connection c = sf.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select id, b, small, name from db.public." + bin + " order by id")) {
      rs.next();
      assertArrayEquals(notUtf8, rs.getBytes(2));
      assertEquals("FF000180C3", rs.getString(2));
      assertArrayEquals(new byte[] {(byte) 0xDE, (byte) 0xAD}, rs.getBytes(3));
      assertEquals("é", rs.getString(4));
      rs.next();
      assertArrayEquals(new byte[0], rs.getBytes(2));
      rs.next();
      assertNull(rs.getBytes(2));
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
