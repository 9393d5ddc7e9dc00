package io.floe.connector.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.apply.ChangeGenerator.Form;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.http.Faults;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply step's connection drops in the middle of its transaction: the progress is already moved
 * inside it and the MERGE is on its way when Snowflake goes away (the local Snowflake stops and
 * starts again on its data directory, which keeps tables, stages and pipes but no session). The
 * server rolls back what the lost session did; the task's applier gets an error for the MERGE,
 * opens a new session, finds the progress unmoved and applies the same range again: the target
 * converges on the source, each change applied once.
 */
class ApplyConnectionDropTest {
  private static final String TOPIC = "pg.public.items";
  private static final int PARTITIONS = 3;

  @TempDir Path dataDir;

  @Test
  void aConnectionLostDuringTheMergeRollsBackAndTheTargetConverges() throws Exception {
    int port = freePort();
    ChangeGenerator gen = new ChangeGenerator(TOPIC, PARTITIONS, Form.ENVELOPE, 51);
    gen.generate(120, 20);
    SimulatedWorker worker =
        new SimulatedWorker(ChangeRecords.log(TOPIC, PARTITIONS, gen.changes(), true));
    LocalSnowflake restarted = null;
    LocalSnowflake first = LocalSnowflake.builder().port(port).dataDir(dataDir).start();
    try {
      FloeFixture f = new FloeFixture(first, "cdc_drop");
      Map<String, String> config = CdcTaskConfig.upsert(f, TOPIC, "cdc-drop");
      // Nothing loads until the progress rows exist (the task inserts them with a MERGE of its
      // own); then the first apply's MERGE is held at the server's door, its transaction open.
      first.pauseSnowpipe();
      worker.start(config);
      worker.drain(13);
      worker.commitUntil(gen.ends());
      String database = f.database();
      LocalSnowflake sf1 = first;
      Poll.until(Duration.ofSeconds(30), () -> progress(sf1, database).size(), n -> n == 3);
      Faults faults = first.faults();
      faults.add(
          Faults.Endpoint.QUERY,
          "MERGE",
          1,
          new Faults.Fault(Faults.Kind.STALL, Duration.ofSeconds(3)));
      first.resumeSnowpipe();
      Poll.until(Duration.ofSeconds(60), faults::pending, n -> n == 0);
      List<List<String>> progressBefore = progress(first, f.database());
      first.close();
      first = null;
      restarted = LocalSnowflake.builder().port(port).dataDir(dataDir).start();
      LocalSnowflake sf = restarted;

      Poll.until(
          Duration.ofSeconds(120),
          () -> {
            worker.drain(10);
            worker.commit();
            return rows(sf, f.database());
          },
          gen.finalState()::equals);
      assertEquals(
          List.of(List.of("0")),
          FloeFixture.queryAsAdmin(
              sf, "select count(*) from " + f.database() + ".PUBLIC.ITEMS_FLOE_CHANGES"));
      long[] last = gen.lastOffsets();
      List<List<String>> progress = progress(sf, f.database());
      for (int p = 0; p < PARTITIONS; p++) {
        assertEquals(List.of(String.valueOf(p), String.valueOf(last[p])), progress.get(p));
      }
      // The MERGE held at the drop was the first: nothing was applied before it.
      assertEquals(
          List.of("-1"),
          progressBefore.stream().map(r -> r.get(1)).distinct().toList(),
          "progress when the connection dropped: " + progressBefore);
      worker.stop();
    } finally {
      if (first != null) {
        first.close();
      }
      if (restarted != null) {
        restarted.close();
      }
    }
  }

  private static List<List<String>> progress(LocalSnowflake sf, String database) {
    return FloeFixture.queryAsAdmin(
        sf,
        "select KAFKA_PARTITION, APPLIED_OFFSET from "
            + database
            + ".PUBLIC.FLOE_CDC_PROGRESS order by KAFKA_PARTITION");
  }

  private static List<String> rows(LocalSnowflake sf, String database) {
    try {
      return FloeFixture.queryAsAdmin(
              sf, "select ID, NAME, QTY from " + database + ".PUBLIC.ITEMS order by ID")
          .stream()
          .map(r -> String.join("|", r))
          .toList();
    } catch (AssertionError e) {
      return List.of();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
