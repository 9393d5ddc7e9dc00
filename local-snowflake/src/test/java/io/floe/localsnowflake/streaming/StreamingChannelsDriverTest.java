package io.floe.localsnowflake.streaming;

import static io.floe.localsnowflake.streaming.StreamingClients.await;
import static io.floe.localsnowflake.streaming.StreamingClients.awaitCommitted;
import static io.floe.localsnowflake.streaming.StreamingClients.client;
import static io.floe.localsnowflake.streaming.StreamingClients.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.driver.DriverGeneration;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.snowflake.ingest.streaming.DropChannelRequest;
import net.snowflake.ingest.streaming.OpenChannelRequest;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClientFactory;
import net.snowflake.ingest.utils.SFException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Channel ownership through the real SDK: re-opening a channel fences the older instance (its later
 * rows are rejected with code 20 and never inserted, the SDK invalidates it), dropping a channel
 * forgets its offset token, an open can set the token, and a missing table is refused.
 */
class StreamingChannelsDriverTest {
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
    SNOWFLAKE.get().execute("create table db.public." + table + " (id number, v variant)");
  }

  @Test
  void reopeningFencesTheOlderInstanceWhoseLaterRowsAreNotInserted() throws Exception {
    LocalSnowflake sf = SNOWFLAKE.get();
    try (SnowflakeStreamingIngestClient zombieClient = client(sf, KEY, "zombie");
        SnowflakeStreamingIngestClient client = client(sf, KEY, "owner")) {
      SnowflakeStreamingIngestChannel zombie = open(zombieClient, table, "c");
      zombie.insertRow(Map.of("ID", 1), "1");
      awaitCommitted(zombie, "1");

      SnowflakeStreamingIngestChannel owner = open(client, table, "c");
      assertEquals("1", owner.getLatestCommittedOffsetToken());
      // The older instance still writes: the server refuses its chunk and the SDK invalidates it.
      zombie.insertRow(Map.of("ID", 2), "2");
      await(() -> !zombie.isValid(), "the fenced instance to be invalidated");
      assertThrows(SFException.class, zombie::getLatestCommittedOffsetToken);
      assertThrows(SFException.class, () -> zombie.insertRow(Map.of("ID", 4), "4"));

      owner.insertRow(Map.of("ID", 3), "3");
      awaitCommitted(owner, "3");
    }
    assertEquals(List.of("1", "3"), ids(sf, table));
    StreamingCalls.ChannelState state =
        sf.streamingChannel("db", "public", table, "c").orElseThrow();
    assertEquals(1, state.clientSequencer());
    assertEquals("3", state.offsetToken());
  }

  @Test
  void aReCreatedTableHasNoChannelsAndTheOldTablesWritersAreRefused() throws Exception {
    LocalSnowflake sf = SNOWFLAKE.get();
    try (SnowflakeStreamingIngestClient client = client(sf, KEY, "recreated")) {
      SnowflakeStreamingIngestChannel before = open(client, table, "c");
      before.insertRow(Map.of("ID", 1), "1");
      awaitCommitted(before, "1");
      sf.execute(
          "drop table db.public." + table, "create table db.public." + table + " (id number)");

      // The old instance's chunk names a channel that went with the dropped table.
      before.insertRow(Map.of("ID", 2), "2");
      await(() -> !before.isValid(), "the old table's channel to be invalidated");
      SnowflakeStreamingIngestChannel after = open(client, table, "c");
      assertNull(after.getLatestCommittedOffsetToken());
      after.insertRow(Map.of("ID", 3), "3");
      awaitCommitted(after, "3");
    }
    assertEquals(List.of("3"), ids(sf, table));
  }

  @Test
  void oneClientWritesSeveralTablesAtOnce() throws Exception {
    LocalSnowflake sf = SNOWFLAKE.get();
    String other = table + "_other";
    sf.execute("create table db.public." + other + " (id number, v variant)");
    try (SnowflakeStreamingIngestClient client = client(sf, KEY, "tables")) {
      SnowflakeStreamingIngestChannel first = open(client, table, "c");
      SnowflakeStreamingIngestChannel second = open(client, other, "c");
      first.insertRow(Map.of("ID", 1), "1");
      second.insertRow(Map.of("ID", 2), "2");
      awaitCommitted(first, "1");
      awaitCommitted(second, "2");
    }
    assertEquals(List.of("1"), ids(sf, table));
    assertEquals(List.of("2"), ids(sf, other));
  }

  @Test
  void droppingAChannelForgetsItsOffsetTokenButNotItsRows() throws Exception {
    LocalSnowflake sf = SNOWFLAKE.get();
    try (SnowflakeStreamingIngestClient client = client(sf, KEY, "dropper")) {
      SnowflakeStreamingIngestChannel channel = open(client, table, "c");
      channel.insertRow(Map.of("ID", 7), "7");
      awaitCommitted(channel, "7");
      channel.close().get();
      client.dropChannel(
          DropChannelRequest.builder("c")
              .setDBName("db")
              .setSchemaName("public")
              .setTableName(table)
              .build());

      assertTrue(sf.streamingChannel("db", "public", table, "c").isEmpty());
      SnowflakeStreamingIngestChannel again = open(client, table, "c");
      assertNull(again.getLatestCommittedOffsetToken());
      // Dropping an unknown channel is refused with the channel's code (25).
      SFException unknown =
          assertThrows(
              SFException.class,
              () ->
                  client.dropChannel(
                      DropChannelRequest.builder("never")
                          .setDBName("db")
                          .setSchemaName("public")
                          .setTableName(table)
                          .build()));
      assertTrue(
          unknown.getMessage().contains("does not exist or is not authorized"),
          unknown.getMessage());
    }
    assertEquals(List.of("7"), ids(sf, table));
  }

  @Test
  void anOpenCanSetTheOffsetToken() {
    try (SnowflakeStreamingIngestClient client = client(SNOWFLAKE.get(), KEY, "setter")) {
      SnowflakeStreamingIngestChannel channel =
          client.openChannel(
              OpenChannelRequest.builder("c")
                  .setDBName("db")
                  .setSchemaName("public")
                  .setTableName(table)
                  .setOnErrorOption(OpenChannelRequest.OnErrorOption.ABORT)
                  .setOffsetToken("100")
                  .build());
      assertEquals("100", channel.getLatestCommittedOffsetToken());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void openingAChannelOnAMissingTableIsRefused() throws Exception {
    try (SnowflakeStreamingIngestClient client = client(SNOWFLAKE.get(), KEY, "missing")) {
      SFException e = assertThrows(SFException.class, () -> open(client, "NOPE", "c"));
      assertTrue(
          e.getMessage().contains("The supplied table does not exist or is not authorized"),
          e.getMessage());
    }
  }

  @Test
  void aRoleWithoutInsertOnTheTableCannotOpenAChannel() throws Exception {
    LocalSnowflake sf = SNOWFLAKE.get();
    sf.execute(
        "create role if not exists reader",
        "grant usage on database db to role reader",
        "grant usage on schema db.public to role reader",
        "grant select on table db.public." + table + " to role reader",
        "grant role reader to user " + sf.user());
    Properties p = new Properties();
    p.put("url", sf.url());
    p.put("user", sf.user());
    p.put("private_key", Base64.getEncoder().encodeToString(KEY.getPrivate().getEncoded()));
    p.put("role", "READER");
    try (SnowflakeStreamingIngestClient client =
        SnowflakeStreamingIngestClientFactory.builder("reader").setProperties(p).build()) {
      SFException e = assertThrows(SFException.class, () -> open(client, table, "c"));
      assertTrue(e.getMessage().contains("does not exist or is not authorized"), e.getMessage());
    }
  }

  @Test
  void aClientWhoseKeyIsNotRegisteredIsRefused() {
    KeyPair stranger = RsaKeys.generate();
    // Building the client configures it: 401, a new JWT, 401 again, and the SDK gives up.
    assertThrows(Exception.class, () -> client(SNOWFLAKE.get(), stranger, "stranger").close());
  }

  static List<String> ids(LocalSnowflake sf, String table) throws Exception {
    try (Connection c = sf.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from db.public." + table + " order by id")) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }
}
