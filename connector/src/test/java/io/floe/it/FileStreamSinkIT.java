package io.floe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the Connect test machinery with Kafka's own FileStreamSinkConnector: distributed tasks,
 * JSON records through a real broker, a worker stopped while records flow, and config validation.
 * Floe's ITs use the same extension with {@link ConnectorClasses#FLOE}.
 */
class FileStreamSinkIT {
  private static final Duration LANDING_TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension
  static final ConnectClusterExtension connect = ConnectClusterExtension.withWorkers(2).build();

  @TempDir Path dir;

  @Test
  void twoTasksOnTwoWorkersWriteEveryRecordOnce() throws IOException {
    String topic = "orders-spread";
    Path sink = dir.resolve("sink.txt");
    connect.createTopic(topic, 4);
    connect.configureConnector("file-spread", fileSink(topic, sink, 2));
    connect.awaitStatus(
        "file-spread",
        "RUNNING with 2 tasks on 2 workers",
        s -> s.isRunning(2) && s.taskWorkerCount() == 2,
        true);

    List<String> produced = produceOrders(topic, 0, 200);

    List<String> written = awaitLines(sink, produced.size());
    // No worker failed, so the at-least-once file sink delivered each record exactly once.
    assertEquals(sorted(produced), sorted(written));
    assertEquals(Set.of(0, 1, 2, 3), partitionsWithCommits("file-spread", topic));
  }

  @Test
  void recordsFlowingWhileAWorkerStopsAllArrive() throws Exception {
    String topic = "orders-failover";
    Path sink = dir.resolve("sink.txt");
    connect.createTopic(topic, 4);
    connect.configureConnector("file-failover", fileSink(topic, sink, 2));
    connect.awaitStatus(
        "file-failover",
        "RUNNING with 2 tasks on 2 workers",
        s -> s.isRunning(2) && s.taskWorkerCount() == 2,
        true);
    List<String> before = produceOrders(topic, 0, 100);
    awaitLines(sink, before.size());

    // Keep producing from another thread while the worker running task 1 shuts down.
    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<List<String>> during =
        CompletableFuture.supplyAsync(
            () -> {
              List<String> values = new ArrayList<>();
              for (int start = 100; start < 1100; start += 20) {
                values.addAll(produceOrders(topic, start, 20));
                sent.addAndGet(20);
              }
              return values;
            });
    Await.until("the background producer to start", LANDING_TIMEOUT, () -> sent.get() >= 100);
    WorkerHandle victim = connect.workerRunningTask("file-failover", 1);
    URI stopped = connect.stopWorker(victim);
    List<String> after = produceOrders(topic, 1100, 100);

    URI survivor = connect.workers().get(0).url();
    ConnectorStatus status =
        connect.awaitStatus(
            "file-failover",
            "RUNNING with both tasks on the surviving worker",
            s -> s.isRunning(2) && s.tasks().stream().allMatch(t -> t.runsOn(survivor)),
            true);
    assertFalse(status.tasks().stream().anyMatch(t -> t.runsOn(stopped)), status::toString);

    Set<String> expected = new HashSet<>(before);
    expected.addAll(during.get(60, TimeUnit.SECONDS));
    expected.addAll(after);
    assertEquals(1200, expected.size());
    List<String> written =
        Await.until(
            "all 1200 records in " + sink,
            LANDING_TIMEOUT,
            () -> {
              List<String> lines = readLines(sink);
              return new HashSet<>(lines).containsAll(expected)
                  ? Await.Poll.done(lines)
                  : Await.Poll.notYet(lines.size() + " lines");
            });
    // At least once: a record the stopped task wrote but had not committed may appear twice,
    // but nothing that was not produced may appear.
    assertEquals(expected, new HashSet<>(written));
  }

  @Test
  void validationReportsErrorsPerKey() {
    ConfigValidation valid =
        connect.validate(ConnectorClasses.FILE_SINK, fileSink("t", dir.resolve("f"), 1));
    assertEquals(0, valid.errorCount(), valid::toString);
    assertTrue(valid.knows("file"), "the plugin's own keys are listed");

    Map<String, String> broken = new HashMap<>(fileSink("t", dir.resolve("f"), 0));
    broken.remove("topics");
    ConfigValidation invalid = connect.validate(ConnectorClasses.FILE_SINK, broken);
    assertFalse(invalid.errorsFor("tasks.max").isEmpty(), invalid::toString);
    assertTrue(
        invalid.errorsFor("topics").stream().anyMatch(e -> e.contains("topics.regex")),
        invalid::toString);
    assertEquals(
        invalid.errors().values().stream().mapToInt(List::size).sum(), invalid.errorCount());
  }

  private static Map<String, String> fileSink(String topic, Path file, int tasks) {
    return Map.of(
        "connector.class",
        ConnectorClasses.FILE_SINK,
        "tasks.max",
        String.valueOf(tasks),
        "topics",
        topic,
        "file",
        file.toString());
  }

  /**
   * Produces orders {@code first..first+count-1} round-robin over 4 partitions; returns the JSON.
   */
  private static List<String> produceOrders(String topic, int first, int count) {
    List<JsonRecord> records = new ArrayList<>();
    List<String> json = new ArrayList<>();
    for (int id = first; id < first + count; id++) {
      Map<String, Object> order = new LinkedHashMap<>();
      order.put("id", id);
      order.put("item", "widget-" + (id % 7));
      order.put("qty", id % 5 + 1);
      records.add(JsonRecord.of(topic, id % 4, "order-" + id, order));
      json.add(RecordWriter.json(order));
    }
    connect.produce(records);
    return json;
  }

  private Set<Integer> partitionsWithCommits(String connector, String topic) {
    return Await.until(
        "committed offsets for all 4 partitions",
        LANDING_TIMEOUT,
        () -> {
          Set<Integer> partitions = new HashSet<>();
          connect
              .committedOffsets(connector)
              .forEach(
                  (tp, offset) -> {
                    if (tp.topic().equals(topic) && offset > 0) {
                      partitions.add(tp.partition());
                    }
                  });
          return partitions.size() == 4
              ? Await.Poll.done(partitions)
              : Await.Poll.notYet("commits for partitions " + partitions);
        });
  }

  private static List<String> awaitLines(Path file, int count) {
    return Await.until(
        count + " lines in " + file,
        LANDING_TIMEOUT,
        () -> {
          List<String> lines = readLines(file);
          return lines.size() >= count
              ? Await.Poll.done(lines)
              : Await.Poll.notYet(lines.size() + " lines");
        });
  }

  /** The complete lines of the file: a line the sink is still writing is left for later. */
  private static List<String> readLines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String complete = text.substring(0, text.lastIndexOf('\n') + 1);
    return complete.isEmpty() ? List.of() : List.of(complete.split("\n"));
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }
}
