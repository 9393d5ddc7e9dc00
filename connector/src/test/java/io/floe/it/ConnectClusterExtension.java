package io.floe.it;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Kafka Connect cluster (N distributed workers, one KRaft broker, all in this JVM) per test
 * class, with the built Floe jar deployed in {@code plugin.path}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ConnectClusterExtension connect = ConnectClusterExtension.withWorkers(2).build();
 * }</pre>
 *
 * <p>ITs reach Floe only through Connect, as a user's worker does: failsafe leaves Floe's classes
 * off their classpath (a worker would otherwise run that copy instead of the jar's), so an IT may
 * use the local Snowflake and any test class, but no class of {@code src/main}.
 *
 * <p>Starting a cluster takes 5–7 s, so tests of a class share it; after each test the extension
 * deletes every connector and brings the worker count back to where it started, so a test that
 * stops a worker or leaves a failed connector behind does not leak into the next.
 */
public final class ConnectClusterExtension
    implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  /** How long a connector may take to reach a state (rebalances are slow on a loaded machine). */
  public static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);

  private final int workerCount;
  private final Map<String, String> workerProps;
  private final Properties brokerProps;
  private EmbeddedConnectCluster cluster;
  private RecordWriter writer;

  private ConnectClusterExtension(Builder b) {
    this.workerCount = b.workers;
    this.workerProps = b.workerProps;
    this.brokerProps = b.brokerProps;
  }

  public static Builder withWorkers(int workers) {
    return new Builder(workers);
  }

  /** Worker and broker settings; the defaults suit tests that watch data arrive. */
  public static final class Builder {
    private final int workers;
    private final Map<String, String> workerProps = new LinkedHashMap<>();
    private final Properties brokerProps = new Properties();

    private Builder(int workers) {
      this.workers = workers;
      // Without service_load the worker scans the whole test classpath by reflection (+10 s).
      workerProps.put("plugin.discovery", "service_load");
      // A stopped worker's tasks move at once instead of after the 5-minute default delay.
      workerProps.put("scheduled.rebalance.max.delay.ms", "0");
      // Sink offsets are committed every second (default 60 s), so commits are observable.
      workerProps.put("offset.flush.interval.ms", "1000");
    }

    public Builder workerProperty(String key, String value) {
      workerProps.put(key, value);
      return this;
    }

    public Builder brokerProperty(String key, String value) {
      brokerProps.put(key, value);
      return this;
    }

    public ConnectClusterExtension build() {
      return new ConnectClusterExtension(this);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Path pluginPath = PluginPath.stage();
    // The cluster adds its own settings to this map, so it must be a fresh, mutable one.
    Map<String, String> props = new HashMap<>(workerProps);
    props.put("plugin.path", pluginPath.toString());
    cluster =
        new EmbeddedConnectCluster.Builder()
            .name(context.getRequiredTestClass().getSimpleName())
            .numWorkers(workerCount)
            .numBrokers(1)
            .workerProps(props)
            .brokerProps(brokerProps)
            .build();
    cluster.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (String name : cluster.connectors()) {
      cluster.deleteConnector(name);
    }
    Await.until(
        "all connectors to be deleted", STATE_TIMEOUT, () -> cluster.connectors().isEmpty());
    while (cluster.workers().size() < workerCount) {
      cluster.addWorker();
    }
    awaitHealthyWorkers(workerCount);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (writer != null) {
        writer.close();
      }
    } finally {
      if (cluster != null) {
        cluster.stop();
      }
    }
  }

  /** The underlying cluster, for anything these helpers do not cover. */
  public EmbeddedConnectCluster cluster() {
    return cluster;
  }

  public EmbeddedKafkaCluster kafka() {
    return cluster.kafka();
  }

  public String bootstrapServers() {
    return cluster.kafka().bootstrapServers();
  }

  // ---- topics and records ----

  public void createTopic(String topic, int partitions) {
    cluster.kafka().createTopic(topic, partitions);
  }

  /** Produces the records (JSON values) and returns where each landed, in order. */
  public List<RecordMetadata> produce(List<JsonRecord> records) {
    return writer().sendJson(records);
  }

  public RecordMetadata produceJson(String topic, Integer partition, String key, Object value) {
    return writer().sendJson(List.of(JsonRecord.of(topic, partition, key, value))).get(0);
  }

  /** Produces a value as raw bytes, e.g. a payload that is not valid JSON. */
  public RecordMetadata produceRaw(String topic, Integer partition, String key, byte[] value) {
    return writer().sendRaw(topic, partition, key, value);
  }

  private synchronized RecordWriter writer() {
    if (writer == null) {
      writer = new RecordWriter(cluster.kafka());
    }
    return writer;
  }

  // ---- connectors ----

  /** Creates or updates a connector ({@code PUT /connectors/{name}/config}). */
  public void configureConnector(String name, Map<String, String> config) {
    cluster.configureConnector(name, config);
  }

  /** Deletes a connector and waits until the cluster no longer lists it. */
  public void deleteConnector(String name) {
    cluster.deleteConnector(name);
    Await.until(
        "connector " + name + " to be deleted",
        STATE_TIMEOUT,
        () -> !cluster.connectors().contains(name));
  }

  /** The connector's current status; fails if the cluster does not know it. */
  public ConnectorStatus status(String name) {
    return new ConnectorStatus(cluster.connectorStatus(name));
  }

  /**
   * Waits until the connector and exactly {@code tasks} tasks are RUNNING. Fails at once, with the
   * stack trace, if the connector or a task FAILED.
   */
  public ConnectorStatus awaitRunning(String name, int tasks) {
    return awaitStatus(name, "RUNNING with " + tasks + " task(s)", s -> s.isRunning(tasks), true);
  }

  /** Waits until task {@code taskId} has FAILED and returns the status (with its trace). */
  public ConnectorStatus awaitTaskFailed(String name, int taskId) {
    return awaitStatus(
        name,
        "task " + taskId + " FAILED",
        s ->
            s.tasks().stream()
                .anyMatch(t -> t.id() == taskId && ConnectorStatus.FAILED.equals(t.state())),
        false);
  }

  /**
   * Waits until the connector's status matches {@code condition}.
   *
   * @param failFast end the wait at once, with the failure's trace, when anything FAILED
   */
  public ConnectorStatus awaitStatus(
      String name, String what, Predicate<ConnectorStatus> condition, boolean failFast) {
    return Await.until(
        "connector " + name + " " + what,
        STATE_TIMEOUT,
        () -> {
          ConnectorStatus s;
          try {
            s = status(name);
          } catch (ConnectRestException e) {
            return Await.Poll.notYet("no status yet (HTTP " + e.statusCode() + ")");
          }
          if (condition.test(s)) {
            return Await.Poll.done(s);
          }
          if (failFast && s.failure().isPresent()) {
            throw new AssertionError(
                "While waiting for connector " + name + " " + what + ": " + s.failure().get());
          }
          return Await.Poll.notYet(s.toString());
        });
  }

  /** The offsets the worker has committed for a sink connector ({@code GET .../offsets}). */
  public Map<TopicPartition, Long> committedOffsets(String name) {
    Map<TopicPartition, Long> out = new HashMap<>();
    for (ConnectorOffset o : cluster.connectorOffsets(name).offsets()) {
      TopicPartition tp =
          new TopicPartition(
              (String) o.partition().get("kafka_topic"),
              ((Number) o.partition().get("kafka_partition")).intValue());
      out.put(tp, ((Number) o.offset().get("kafka_offset")).longValue());
    }
    return out;
  }

  /**
   * Validates a configuration as the worker's UI/CLI does: {@code PUT
   * /connector-plugins/{class}/config/validate}. Adds {@code connector.class} and {@code name} when
   * missing.
   */
  public ConfigValidation validate(String connectorClass, Map<String, String> config) {
    Map<String, String> withClass = new HashMap<>(config);
    withClass.putIfAbsent("connector.class", connectorClass);
    // Connect itself requires a name; a test validating plugin keys should not have to care.
    withClass.putIfAbsent("name", "validation");
    return new ConfigValidation(cluster.validateConnectorConfig(connectorClass, withClass));
  }

  // ---- workers ----

  /** Running workers, ordered by REST port. */
  public List<WorkerHandle> workers() {
    return cluster.workers().stream()
        .sorted(Comparator.comparingInt(w -> w.url().getPort()))
        .toList();
  }

  /** The worker that currently runs task {@code taskId} of {@code connector}. */
  public WorkerHandle workerRunningTask(String connector, int taskId) {
    ConnectorStatus.TaskStatus task = status(connector).task(taskId);
    return workers().stream()
        .filter(w -> task.runsOn(w.url()))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("No running worker matches " + task + " among " + urls()));
  }

  /**
   * Stops a worker the way an operator's shutdown does (it leaves the group, its tasks stop and
   * commit) and waits until the others answer; the next rebalance moves its work to them.
   *
   * @return the REST URL the worker had (a stopped handle no longer knows it), to match the worker
   *     ids in connector statuses
   */
  public URI stopWorker(WorkerHandle worker) {
    URI url = worker.url();
    cluster.removeWorker(worker);
    awaitHealthyWorkers(cluster.workers().size());
    return url;
  }

  /** Starts one more worker and waits until it answers. */
  public WorkerHandle addWorker() {
    WorkerHandle w = cluster.addWorker();
    awaitHealthyWorkers(cluster.workers().size());
    return w;
  }

  private void awaitHealthyWorkers(int count) {
    Await.until(
        count + " healthy worker(s)",
        STATE_TIMEOUT,
        () -> {
          Set<WorkerHandle> healthy = cluster.healthyWorkers();
          return healthy.size() == count
              ? Await.Poll.done(healthy)
              : Await.Poll.notYet(healthy.size() + " healthy of " + urls());
        });
  }

  private String urls() {
    return cluster.workers().stream()
        .map(WorkerHandle::url)
        .map(URI::toString)
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
