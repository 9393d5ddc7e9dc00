package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.LocalClock;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.StatementRouter;
import io.floe.localsnowflake.driver.DriverGeneration;
import io.floe.localsnowflake.http.Faults;
import io.floe.localsnowflake.http.HttpFront;
import io.floe.localsnowflake.sql.DuckCatalog;
import io.floe.localsnowflake.sql.SqlHandler;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.connection.HistoryRangeResponse;
import net.snowflake.ingest.connection.HistoryResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snowpipe's report limits through the Snowpipe SDK, for a pipe with 10,001 load events in the last
 * minute: loadHistoryScan lists at most 10,000 a call and says the range is incomplete, so clients
 * page on from rangeEndTime; insertReport keeps only the 10,000 most recent events. Loading that
 * many files would take long, so the events are written into the pipe's load metadata before the
 * server starts on it, as a data directory with a busy pipe would have them.
 */
class LoadHistoryLimitsDriverTest {
  private static final int EVENTS = 10_001;
  private static final KeyPair KEY = RsaKeys.generate();
  private static final LocalClock CLOCK = new LocalClock(Clock.systemUTC());

  @TempDir static Path dir;
  private static DuckStore store;
  private static LocalStages stages;
  private static HttpFront front;
  private static Instant firstLoad;

  @BeforeAll
  static void start() throws Exception {
    store = DuckStore.open(null);
    DuckCatalog catalog = new DuckCatalog(store);
    catalog.bootstrap("ADMIN", "admin");
    LocalStages setup = LocalStages.open(store, catalog, dir.resolve("stages"), CLOCK);
    StatementRouter sql = new StatementRouter(List.of(setup.handler(), new SqlHandler(catalog)));
    SessionState admin = new SessionState("ADMIN", "ACCOUNTADMIN", null, null, null);
    for (String statement :
        List.of(
            "create database busy",
            "create table busy.public.t (v variant)",
            "create stage busy.public.s file_format = (type = json)",
            "create pipe busy.public.p as copy into busy.public.t from @busy.public.s",
            "alter user admin set rsa_public_key = '"
                + Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded())
                + "'")) {
      sql.execute(admin, UUID.randomUUID().toString(), statement, List.of());
    }
    setup.close();
    firstLoad = CLOCK.instant().minusSeconds(60);
    seedLoadEvents(new ObjectName("BUSY", "PUBLIC", "P"), firstLoad);

    stages = LocalStages.open(store, catalog, dir.resolve("stages"), CLOCK);
    front =
        new HttpFront(
            0,
            "LOCAL",
            catalog,
            new StatementRouter(List.of(stages.handler(), new SqlHandler(catalog))),
            stages.snowpipe(),
            null,
            new Faults(),
            Duration.ofHours(1),
            CLOCK);
    front.start();
  }

  @AfterAll
  static void stop() {
    front.close();
    stages.close();
    store.close();
  }

  @Test
  void loadHistoryScanListsAtMost10000EntriesAndClientsPageOnFromTheRangeEnd() throws Exception {
    try (SimpleIngestManager ingest = ingest()) {
      String end = CLOCK.instant().plusSeconds(1).toString();
      HistoryRangeResponse first =
          ingest.getHistoryRange(null, firstLoad.minusSeconds(1).toString(), end);
      assertFalse(first.isCompleteResult());
      assertEquals(10_000, first.files.size());
      // The range covered runs from the oldest to the newest entry listed.
      assertEquals(lastInsert(first.files.get(0)), Instant.parse(first.getRangeStartTime()));
      assertEquals(lastInsert(first.files.get(9_999)), Instant.parse(first.getRangeEndTime()));

      Set<String> paths = new HashSet<>(paths(first.files));
      HistoryRangeResponse page = first;
      int calls = 1;
      while (!page.isCompleteResult()) {
        page = ingest.getHistoryRange(null, page.getRangeEndTime(), end);
        paths.addAll(paths(page.files));
        assertTrue(++calls < 5, "paging ends");
      }
      assertEquals(EVENTS, paths.size());
    }
  }

  @Test
  void insertReportKeepsThe10000MostRecentEvents() throws Exception {
    try (SimpleIngestManager ingest = ingest()) {
      HistoryResponse recent = ingest.getHistory(null, null, null);
      assertEquals(10_000, recent.files.size());
      assertEquals("f1.json", recent.files.get(0).getPath(), "the oldest event was dropped");
      assertEquals("f10000.json", recent.files.get(9_999).getPath());
      assertTrue(recent.isCompleteResult());
      assertEquals("1_" + EVENTS, recent.getNextBeginMark());

      // A mark from before the first event: that one is no longer reported.
      HistoryResponse fromStart = ingest.getHistory(null, null, "1_0");
      assertFalse(fromStart.isCompleteResult());
      assertEquals(10_000, fromStart.files.size());
      HistoryResponse fromSecond = ingest.getHistory(null, null, "1_1");
      assertTrue(fromSecond.isCompleteResult());
      assertEquals(10_000, fromSecond.files.size());
    }
  }

  /**
   * Events f0.json … f10000.json, LOADED, 5 ms apart from {@code start}, numbered 1 … 10,001 as the
   * loader numbers them.
   */
  private static void seedLoadEvents(ObjectName pipe, Instant start) {
    MetadataTables tables = new MetadataTables(store);
    long pipeId =
        new PipeRegistry(new SchemaObjects(store, tables), new PipeFileHistory(store, tables))
            .find(pipe)
            .orElseThrow()
            .id();
    long micros = PipeFileHistory.micros(start);
    store.withConnection(
        c ->
            DuckStore.update(
                c,
                "INSERT INTO "
                    + tables.pipeFiles()
                    + " (pipe_id, path, submitted_by, time_received, status, file_size,"
                    + " stage_location, last_insert_time, rows_inserted, rows_parsed, errors_seen,"
                    + " error_limit, event_seq)"
                    + " SELECT ?, 'f' || i || '.json', 'ADMIN', ? + i * 5000 - 1000, 'LOADED', 8,"
                    + " 'busy.public.s/', ? + i * 5000, 1, 1, 0, 1, i + 1 FROM range(?) r(i)",
                pipeId,
                micros,
                micros,
                EVENTS));
  }

  private static Instant lastInsert(HistoryResponse.FileEntry f) {
    return f.getLastInsertTime().toInstant(ZoneOffset.UTC);
  }

  private static List<String> paths(List<HistoryResponse.FileEntry> files) {
    return files.stream().map(HistoryResponse.FileEntry::getPath).toList();
  }

  private static SimpleIngestManager ingest() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    return new SimpleIngestManager(
        "LOCAL", "ADMIN", "BUSY.PUBLIC.P", KEY.getPrivate(), "http", "127.0.0.1", front.port());
  }
}
