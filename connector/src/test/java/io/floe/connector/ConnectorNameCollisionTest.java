package io.floe.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.config.FloeSinkConfig;
import io.floe.connector.snowflake.Connections;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.Retrier;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.table.TableManager;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.SimulatedWorker;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code orders-sink}, {@code orders_sink} and {@code Orders.Sink} give the same stage and pipe
 * names (only letters, digits and _ are kept). Sharing them would let each connector read the
 * other's staged offsets as its own high-water mark and skip records; the stage's comment names its
 * connector, so the second one is refused instead, by validate() and by the task.
 */
class ConnectorNameCollisionTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @Test
  void aSecondConnectorWhoseNameDiffersOnlyInPunctuationIsRefusedAndTheFirstCarriesOn() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "collide_run");
    TopicPartition tp = new TopicPartition("orders", 0);
    List<SinkRecord> log = FloeFixture.records(tp, 10);
    SimulatedWorker first = new SimulatedWorker(Map.of(tp, log));
    first.start(f.config("orders-sink", 5));
    first.poll(5);
    first.commitUntil(Map.of(tp, 5L));

    for (String name : List.of("orders_sink", "Orders.Sink")) {
      SimulatedWorker second = new SimulatedWorker(Map.of(tp, log));
      FloeException refused =
          assertThrows(FloeException.class, () -> second.start(f.config(name, 5)));
      assertEquals(ErrorCode.FLOE_2006, refused.code());
      assertTrue(
          refused.getMessage().contains("FLOE_ORDERS_SINK_STAGE_ORDERS"), refused.getMessage());
      assertTrue(
          refused.getMessage().contains("'orders-sink', not '" + name + "'"), refused.getMessage());
      // It never got as far as reading the first connector's offsets and seeking past them.
      assertEquals(Map.of(), second.context().takeSeeks());
    }

    first.poll(5);
    first.commitUntil(Map.of(tp, 10L));
    assertEquals(10, f.awaitRows("ORDERS", 10));
    first.stop();

    // A restart of the first connector is its own stage's owner, as before.
    SimulatedWorker restarted = new SimulatedWorker(Map.of(tp, log));
    restarted.start(f.config("orders-sink", 5));
    restarted.stop();
  }

  @Test
  void twoSuchConnectorsStartingAtOnceGetOneOwner() throws Exception {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "collide_race");
    ObjectRef table = ObjectRef.of(f.database(), "PUBLIC", "EVENTS");
    // The table exists already: the race that matters here is over the stage.
    SNOWFLAKE
        .get()
        .execute(
            "create table " + table.sql() + " (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT)");
    List<String> names = List.of("events-sink", "events_sink");
    ExecutorService pool = Executors.newFixedThreadPool(names.size());
    List<Connections> connections = new ArrayList<>();
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> outcomes = new ArrayList<>();
      for (String name : names) {
        Connections c =
            new Connections(new FloeSinkConfig(f.config(name, 5)).connectionSettings().session());
        connections.add(c);
        TableManager tables = new TableManager(new SnowflakeClient(c, Retrier.standard()), name);
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    tables.ensure(table);
                    return "owner";
                  } catch (FloeException e) {
                    return e.code().id();
                  }
                }));
      }
      start.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        results.add(outcome.get());
      }

      assertEquals(List.of("FLOE-2006", "owner"), results.stream().sorted().toList());
    } finally {
      pool.shutdownNow();
      connections.forEach(Connections::close);
    }
  }

  @Test
  void validateReportsTheCollisionOnTheConnectorName() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "collide_validate");
    TopicPartition tp = new TopicPartition("payments", 0);
    SimulatedWorker existing = new SimulatedWorker(Map.of(tp, FloeFixture.records(tp, 1)));
    existing.start(f.config("payments-sink", 5));
    existing.stop();

    Map<String, List<String>> clash = errors(f, "payments_sink");
    Map<String, List<String>> same = errors(f, "payments-sink");
    Map<String, List<String>> other = errors(f, "payments-sink-2");

    assertEquals(List.of("name"), List.copyOf(clash.keySet()), clash.toString());
    String message = clash.get("name").get(0);
    assertTrue(message.startsWith("FLOE-0030 Connector name 'payments_sink'"), message);
    assertTrue(message.contains("connector 'payments-sink'"), message);
    assertTrue(
        message.contains(f.database() + ".PUBLIC.FLOE_PAYMENTS_SINK_STAGE_PAYMENTS"), message);
    assertEquals(Map.of(), same);
    assertEquals(Map.of(), other);
  }

  private static Map<String, List<String>> errors(FloeFixture f, String name) {
    Map<String, String> config = new HashMap<>(f.config(name, 5));
    config.put("topics", "payments");
    Map<String, List<String>> out = new TreeMap<>();
    for (ConfigValue v : new SnowflakeSinkConnector().validate(config).configValues()) {
      if (!v.errorMessages().isEmpty()) {
        out.put(v.name(), v.errorMessages());
      }
    }
    return out;
  }
}
