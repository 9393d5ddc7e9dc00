package io.floe.connector.testing;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.RsaKeys;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A local Snowflake prepared for Floe: the admin user gets an RSA key pair (Floe logs in with keys
 * only), and each test gets its own database. Builds connector configs and reads tables back.
 */
public final class FloeFixture {
  private static final KeyPair KEY = RsaKeys.generate();
  private final LocalSnowflake snowflake;
  private final String database;

  public FloeFixture(LocalSnowflake snowflake, String database) {
    this.snowflake = snowflake;
    this.database = database.toUpperCase();
    snowflake.registerPublicKey(snowflake.user(), KEY.getPublic());
    snowflake.execute("create or replace database " + this.database);
  }

  public LocalSnowflake snowflake() {
    return snowflake;
  }

  public String database() {
    return database;
  }

  /** The public half of the key {@link #privateKeyBody} logs in with, for other test users. */
  public static java.security.PublicKey publicKey() {
    return KEY.getPublic();
  }

  /** The PEM body of the private key, as users paste it into snowflake.private.key. */
  public static String privateKeyBody() {
    return Base64.getEncoder().encodeToString(KEY.getPrivate().getEncoded());
  }

  /** A connector config for this database, flushing every {@code bufferRecords} records. */
  public Map<String, String> config(String name, int bufferRecords) {
    Map<String, String> p = new HashMap<>();
    p.put("name", name);
    p.put("connector.class", "io.floe.connector.SnowflakeSinkConnector");
    p.put("snowflake.url.name", snowflake.url());
    p.put("snowflake.account.name", snowflake.account());
    p.put("snowflake.user.name", snowflake.user());
    p.put("snowflake.private.key", privateKeyBody());
    p.put("snowflake.database.name", database);
    p.put("snowflake.schema.name", "PUBLIC");
    p.put("buffer.count.records", String.valueOf(bufferRecords));
    p.put("buffer.flush.time", "3600");
    p.put("floe.load.tracking.interval.ms", "200");
    return p;
  }

  /** JSON-ish records (schemaless maps, as JsonConverter without schemas gives them). */
  public static List<SinkRecord> records(TopicPartition tp, int count) {
    List<SinkRecord> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> value = new HashMap<>();
      value.put("id", i);
      value.put("name", "item-" + i);
      out.add(
          new SinkRecord(
              tp.topic(),
              tp.partition(),
              Schema.STRING_SCHEMA,
              "key-" + i,
              null,
              value,
              i,
              1_700_000_000_000L + i,
              TimestampType.CREATE_TIME));
    }
    return out;
  }

  /** Runs a query as the admin user and returns the rows as text. */
  public List<List<String>> query(String sql) {
    return queryAsAdmin(snowflake, sql);
  }

  /** Runs a query as the admin user of {@code snowflake} and returns the rows as text. */
  public static List<List<String>> queryAsAdmin(LocalSnowflake snowflake, String sql) {
    try (Connection c = snowflake.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  public long count(String sql) {
    return Long.parseLong(query(sql).get(0).get(0));
  }

  /** Waits until the table holds {@code expected} rows (Snowpipe loads asynchronously). */
  public long awaitRows(String table, long expected) {
    return Poll.until(Duration.ofSeconds(60), () -> tableRows(table), n -> n >= expected);
  }

  private long tableRows(String table) {
    try {
      return count("select count(*) from " + database + ".PUBLIC." + table);
    } catch (AssertionError e) {
      return -1; // the table may not exist yet
    }
  }
}
