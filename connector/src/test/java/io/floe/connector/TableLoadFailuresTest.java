package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.Poll;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files that fail to load because of the table, not their data — the table dropped, a NOT NULL
 * column added, INSERT revoked — are never moved to the table stage: they wait on Floe's stage
 * under a retry name. Three in a row (floe.load.table.failures.max) fail the task with FLOE-3030;
 * once the table is fixed and the task restarted, every record loads, once.
 */
class TableLoadFailuresTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final TopicPartition TP = new TopicPartition("orders", 0);

  @Test
  void aDroppedTableFailsTheTaskAndTheRecordsSinceLoadAfterARestart() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "table_dropped");
    SimulatedWorker worker = new SimulatedWorker(Map.of(TP, FloeFixture.records(TP, 30)));
    worker.start(f.config("dropped", 5));
    worker.poll(5);
    worker.commitUntil(Map.of(TP, 5L));
    f.awaitRows("ORDERS", 5);
    SNOWFLAKE.get().execute("drop table " + f.database() + ".public.orders");

    FloeException e = failure(worker, 15);
    assertEquals(ErrorCode.FLOE_3030, e.code());
    assertTrue(e.getMessage().contains(f.database() + ".PUBLIC.ORDERS"), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist or not authorized"), e.getMessage());
    worker.stop();

    // The restarted task creates the table again and loads every record produced since the drop.
    worker.start(f.config("dropped", 5));
    worker.drain(10);
    worker.commitUntil(Map.of(TP, 30L));
    f.awaitRows("ORDERS", 25);
    assertEquals(List.of("25", "25", "5", "29"), rowsDistinctMinMax(f));
    assertEquals(List.of(), failedFiles(f), "nothing set aside on the table stage");
    worker.stop();
  }

  @Test
  void aNotNullColumnFailsTheTaskAndEveryRecordLoadsOnceItIsDropped() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "not_null");
    SimulatedWorker worker = new SimulatedWorker(Map.of(TP, FloeFixture.records(TP, 30)));
    worker.start(f.config("not_null", 5));
    SNOWFLAKE
        .get()
        .execute(
            "alter table " + f.database() + ".public.orders add column must_have number not null");

    FloeException e = failure(worker, 15);
    assertEquals(ErrorCode.FLOE_3030, e.code());
    assertTrue(e.getMessage().contains("non-nullable column"), e.getMessage());
    assertTrue(e.getMessage().contains("orders/0/"), "names the file: " + e.getMessage());
    worker.stop();
    assertEquals(0, f.count("select count(*) from " + f.database() + ".public.orders"));

    SNOWFLAKE.get().execute("alter table " + f.database() + ".public.orders drop column must_have");
    worker.start(f.config("not_null", 5));
    worker.drain(10);
    worker.commitUntil(Map.of(TP, 30L));
    f.awaitRows("ORDERS", 30);
    assertEquals(List.of("30", "30", "0", "29"), rowsDistinctMinMax(f));
    assertEquals(List.of(), failedFiles(f));
    worker.stop();
  }

  @Test
  void oneFileFailingBecauseOfTheTableLoadsOnceTheTableIsFixedWithoutARestart() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "fixed_in_time");
    SimulatedWorker worker = new SimulatedWorker(Map.of(TP, FloeFixture.records(TP, 25)));
    worker.start(f.config("fixed", 5));
    SNOWFLAKE
        .get()
        .execute(
            "alter table " + f.database() + ".public.orders add column must_have number not null");
    worker.poll(5);
    worker.commitUntil(Map.of(TP, 5L));
    // Held under its retry name once Snowpipe reported the failure.
    Poll.until(
        Duration.ofSeconds(30),
        () -> names("list @" + f.database() + ".public.FLOE_FIXED_STAGE_ORDERS"),
        names -> names.size() == 1 && names.get(0).endsWith("orders/0/0_4_r1.json.gz"));

    SNOWFLAKE.get().execute("alter table " + f.database() + ".public.orders drop column must_have");
    worker.drain(10);
    worker.commitUntil(Map.of(TP, 25L));
    f.awaitRows("ORDERS", 25);
    assertEquals(List.of("25", "25", "0", "24"), rowsDistinctMinMax(f));
    assertEquals(List.of(), failedFiles(f));
    worker.stop();
  }

  @Test
  void aRevokedPrivilegeFailsTheTaskAndTheRecordsLoadOnceGrantedAgain() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "revoked");
    String db = f.database();
    SNOWFLAKE
        .get()
        .execute(
            "create role loader",
            "grant usage on database " + db + " to role loader",
            "grant usage on schema " + db + ".public to role loader",
            "grant create table, create stage, create pipe on schema "
                + db
                + ".public to role loader",
            "create user loader_user default_role = loader",
            "grant role loader to user loader_user");
    SNOWFLAKE.get().registerPublicKey("LOADER_USER", FloeFixture.publicKey());
    Map<String, String> config = f.config("revoked", 5);
    config.put("snowflake.user.name", "LOADER_USER");
    config.put("snowflake.role.name", "LOADER");
    SimulatedWorker worker = new SimulatedWorker(Map.of(TP, FloeFixture.records(TP, 20)));
    worker.start(config);
    SNOWFLAKE.get().execute("revoke usage on schema " + db + ".public from role loader");

    FloeException e = failure(worker, 15);
    assertEquals(ErrorCode.FLOE_3030, e.code(), e.getMessage());
    worker.stop();

    SNOWFLAKE.get().execute("grant usage on schema " + db + ".public to role loader");
    worker.start(config);
    worker.drain(10);
    worker.commitUntil(Map.of(TP, 20L));
    f.awaitRows("ORDERS", 20);
    assertEquals(List.of("20", "20", "0", "19"), rowsDistinctMinMax(f));
    worker.stop();
  }

  /**
   * Delivers {@code records} records, then keeps the task busy until it fails: Snowpipe's reports
   * reach the task at its next put() or commit.
   */
  private static FloeException failure(SimulatedWorker worker, int records) {
    worker.poll(records);
    return Poll.until(
        Duration.ofSeconds(60),
        () -> {
          try {
            worker.poll(0);
            worker.commit();
            return null;
          } catch (FloeException e) {
            return e;
          }
        },
        e -> e != null);
  }

  /** Rows, distinct offsets, lowest and highest offset. */
  private static List<String> rowsDistinctMinMax(FloeFixture f) {
    return f.query(
            "select count(*), count(distinct record_metadata:offset::number),"
                + " min(record_metadata:offset::number), max(record_metadata:offset::number) from "
                + f.database()
                + ".public.orders")
        .get(0);
  }

  private static List<String> failedFiles(FloeFixture f) {
    return names("list @" + f.database() + ".public.%orders/floe_failed/");
  }

  private static List<String> names(String listSql) {
    List<String> out = new ArrayList<>();
    FloeFixture.queryAsAdmin(SNOWFLAKE.get(), listSql).forEach(r -> out.add(r.get(0)));
    return out;
  }
}
