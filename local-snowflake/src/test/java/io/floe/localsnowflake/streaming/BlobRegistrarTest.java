package io.floe.localsnowflake.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.LocalClock;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.StatementRouter;
import io.floe.localsnowflake.sql.DuckCatalog;
import io.floe.localsnowflake.sql.SqlHandler;
import io.floe.localsnowflake.streaming.StreamingCalls.Blob;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelKey;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelStatus;
import io.floe.localsnowflake.streaming.StreamingCalls.Chunk;
import io.floe.localsnowflake.streaming.StreamingCalls.ChunkChannel;
import io.floe.localsnowflake.streaming.StreamingCalls.Opened;
import io.floe.localsnowflake.streaming.StreamingCalls.StatusQuery;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk's rows and its channel's new offset token commit in one transaction: when the insert
 * fails after writing, neither the rows nor the token remain; registered again, the chunk inserts
 * once. Blobs are made here as the SDK makes them (Parquet, AES/CTR under the table's key).
 */
class BlobRegistrarTest {
  private static final String BLOB = "2026/1/1/0/0/test_prefix_1_0.bdec";

  @TempDir Path blobs;

  private DuckStore store;
  private StatementRouter sql;
  private StreamingService service;
  private final AtomicBoolean failAfterInsert = new AtomicBoolean();

  @BeforeEach
  void setUp() {
    store = DuckStore.open(null);
    DuckCatalog duck = new DuckCatalog(store);
    duck.bootstrap("ADMIN", "secret");
    sql = new StatementRouter(List.of(new SqlHandler(duck)));
    run("create database db");
    run("create table db.public.t (id number, v variant)");
    // The catalog as is, except that an insert may fail after it has written its rows.
    Catalog catalog =
        (Catalog)
            Proxy.newProxyInstance(
                Catalog.class.getClassLoader(),
                new Class<?>[] {Catalog.class},
                (proxy, method, args) -> {
                  Object result;
                  try {
                    result = method.invoke(duck, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                  if (method.getName().equals("insert") && failAfterInsert.get()) {
                    throw new SnowflakeError("100072", "22000", "injected after the insert");
                  }
                  return result;
                });
    service = new StreamingService(store, catalog, new LocalClock(Clock.systemUTC()), blobs);
  }

  @AfterEach
  void tearDown() {
    service.close();
    store.close();
  }

  @Test
  void aFailedInsertLeavesNeitherRowsNorTokenAndARetryInsertsOnce() throws Exception {
    Opened opened = service.open("ADMIN", "ACCOUNTADMIN", "db", "public", "t", "c", null);
    Blob blob = blob(opened, 1, "10");

    failAfterInsert.set(true);
    assertEquals(StreamingCode.MISSING_COLUMN_IN_EP_INFO, outcome(blob));
    assertEquals("0", count());
    assertNull(status(opened).offsetToken());
    assertEquals(0, status(opened).rowSequencer());

    failAfterInsert.set(false);
    assertEquals(StreamingCode.SUCCESS, outcome(blob));
    assertEquals("2", count());
    assertEquals("10", status(opened).offsetToken());
    // The same chunk again (a re-sent registration): success, nothing inserted.
    assertEquals(StreamingCode.SUCCESS, outcome(blob));
    assertEquals("2", count());
  }

  @Test
  void aChunkAfterAMissingOneIsRefusedAsOutOfOrder() throws Exception {
    Opened opened = service.open("ADMIN", "ACCOUNTADMIN", "db", "public", "t", "c", null);
    // Row sequencer 1 never arrived (its upload failed): 2 would commit offset 20 without 1's rows.
    assertEquals(StreamingCode.CHANNEL_HAS_INVALID_ROW_SEQUENCER, outcome(blob(opened, 2, "20")));
    assertEquals("0", count());
    assertNull(status(opened).offsetToken());
    assertEquals(StreamingCode.SUCCESS, outcome(blob(opened, 1, "10")));
    assertEquals("10", status(opened).offsetToken());
  }

  @Test
  void aChunkOfAnInstanceOpenedBeforeTheLastOpenIsRefusedAndNotInserted() throws Exception {
    Opened old = service.open("ADMIN", "ACCOUNTADMIN", "db", "public", "t", "c", null);
    Opened current = service.open("ADMIN", "ACCOUNTADMIN", "db", "public", "t", "c", null);
    assertEquals(old.clientSequencer() + 1, current.clientSequencer());
    assertEquals(StreamingCode.CHANNEL_HAS_INVALID_CLIENT_SEQUENCER, outcome(blob(old, 1, "10")));
    assertEquals("0", count());
    assertEquals(
        StreamingCode.CHANNEL_HAS_INVALID_CLIENT_SEQUENCER,
        service.status("ADMIN", "ACCOUNTADMIN", List.of(query(old))).get(0).code());
  }

  @Test
  void oneRefusedChannelRefusesTheWholeChunkItsOtherChannelsGet22() throws Exception {
    Opened healthy = service.open("ADMIN", "ACCOUNTADMIN", "db", "public", "t", "c1", null);
    Opened fenced = service.open("ADMIN", "ACCOUNTADMIN", "db", "public", "t", "c2", null);
    service.open("ADMIN", "ACCOUNTADMIN", "db", "public", "t", "c2", null);
    Chunk one = blob(healthy, 1, "10").chunks().get(0);
    Chunk chunk =
        new Chunk(
            one.database(),
            one.schema(),
            one.table(),
            one.startOffset(),
            one.length(),
            one.md5(),
            List.of(
                new ChunkChannel("C1", healthy.clientSequencer(), 1, "10"),
                new ChunkChannel("C2", fenced.clientSequencer(), 1, "20")));
    List<StreamingCalls.ChannelOutcome> outcomes =
        service
            .register("ADMIN", "ACCOUNTADMIN", List.of(new Blob(BLOB, List.of(chunk))))
            .get(0)
            .get(0)
            .channels();
    assertEquals(StreamingCode.OTHER_CHANNEL_IN_CHUNK_HAS_ISSUE, outcomes.get(0).code());
    assertEquals(StreamingCode.CHANNEL_HAS_INVALID_CLIENT_SEQUENCER, outcomes.get(1).code());
    assertEquals("0", count());
    assertNull(status(healthy).offsetToken());
  }

  /** A blob of one chunk holding two rows for the opened channel. */
  private Blob blob(Opened opened, long rowSequencer, String offsetToken) throws Exception {
    Path parquet = blobs.resolve("chunk.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "COPY (SELECT 1::DECIMAL(38,0) AS ID, '{\"a\":1}' AS V UNION ALL"
              + " SELECT 2::DECIMAL(38,0), '{\"a\":2}') TO '"
              + parquet
              + "' (FORMAT PARQUET)");
    }
    // AES/CTR: encrypting is the same operation as decrypting.
    byte[] encrypted =
        ChunkReader.decrypt(Files.readAllBytes(parquet), opened.encryptionKey(), BLOB, 0);
    Path file = blobs.resolve(BLOB);
    Files.createDirectories(file.getParent());
    Files.write(file, encrypted);
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(encrypted));
    Chunk chunk =
        new Chunk(
            "DB",
            "PUBLIC",
            "T",
            0,
            encrypted.length,
            md5,
            List.of(new ChunkChannel("C", opened.clientSequencer(), rowSequencer, offsetToken)));
    return new Blob(BLOB, List.of(chunk));
  }

  private StreamingCode outcome(Blob blob) {
    return service
        .register("ADMIN", "ACCOUNTADMIN", List.of(blob))
        .get(0)
        .get(0)
        .channels()
        .get(0)
        .code();
  }

  private ChannelStatus status(Opened opened) {
    return service.status("ADMIN", "ACCOUNTADMIN", List.of(query(opened))).get(0);
  }

  private static StatusQuery query(Opened opened) {
    return new StatusQuery(new ChannelKey("DB", "PUBLIC", "T", "C"), opened.clientSequencer());
  }

  private String count() {
    return ((StatementResult.Rows) run("select count(*) from db.public.t")).rows().get(0).get(0);
  }

  private StatementResult run(String statement) {
    return sql.execute(
        new SessionState("ADMIN", "ACCOUNTADMIN", null, null, null),
        UUID.randomUUID().toString(),
        statement,
        List.of());
  }
}
