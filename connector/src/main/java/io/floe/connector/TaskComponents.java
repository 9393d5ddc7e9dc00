package io.floe.connector;

import io.floe.connector.apply.ApplyMetrics;
import io.floe.connector.apply.MirrorTables;
import io.floe.connector.config.CdcSettings;
import io.floe.connector.config.FloeSinkConfig;
import io.floe.connector.config.TopicRenames;
import io.floe.connector.conversion.ConversionSettings;
import io.floe.connector.conversion.RecordConversion;
import io.floe.connector.conversion.RecordConverter;
import io.floe.connector.loading.BrokenRecords;
import io.floe.connector.loading.Ingestion;
import io.floe.connector.loading.Loader;
import io.floe.connector.loading.LoaderFactory;
import io.floe.connector.loading.LoadingSettings;
import io.floe.connector.loading.TaskMetrics;
import io.floe.connector.loading.TaskThreads;
import io.floe.connector.snowflake.CallStats;
import io.floe.connector.snowflake.Connections;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.Retrier;
import io.floe.connector.snowflake.SessionSettings;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowpipeClient;
import io.floe.connector.streaming.StreamingLoader;
import io.floe.connector.streaming.StreamingLoaderFactory;
import io.floe.connector.streaming.StreamingSettings;
import io.floe.connector.table.TableManager;
import io.floe.connector.table.TableNameResolver;
import io.floe.connector.table.TableObjects;
import io.floe.connector.table.schema.TableSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Builds a task's collaborators from its configuration and owns their lifecycle, so the task itself
 * stays a thin adapter between Kafka Connect and the {@link Ingestion}: the {@link Loader} (staged
 * files and Snowpipe) or Snowpipe Streaming's loader.
 */
final class TaskComponents implements AutoCloseable {
  private final Connections connections;
  private final SnowpipeClient snowpipe;
  private final TaskMetrics metrics;
  private final RecordConversion converter;
  private final Ingestion ingestion;
  private final BrokenRecords brokenRecords;

  private TaskComponents(
      Connections connections,
      SnowpipeClient snowpipe,
      TaskMetrics metrics,
      RecordConversion converter,
      Ingestion ingestion,
      BrokenRecords brokenRecords) {
    this.connections = connections;
    this.snowpipe = snowpipe;
    this.metrics = metrics;
    this.converter = converter;
    this.ingestion = ingestion;
    this.brokenRecords = brokenRecords;
  }

  /**
   * Builds everything a task runs with. When a step fails part way (a converter setting the config
   * check could not catch, the worker's context), what was already built — threads, Snowflake
   * sessions, MBeans — is closed before the failure goes to the worker, which may retry start() on
   * the same JVM many times.
   */
  static TaskComponents create(Map<String, String> props, SinkTaskContext context) {
    FloeSinkConfig config = new FloeSinkConfig(props);
    Deque<AutoCloseable> built = new ArrayDeque<>();
    try {
      return create(config, props, context, built);
    } catch (RuntimeException | Error e) {
      for (AutoCloseable c; (c = built.poll()) != null; ) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** Builds in order; {@code built} gets each part that needs closing, newest first. */
  private static TaskComponents create(
      FloeSinkConfig config,
      Map<String, String> props,
      SinkTaskContext context,
      Deque<AutoCloseable> built) {
    String connector = props.getOrDefault("name", "floe");
    SessionSettings session = config.connectionSettings().session();
    CallStats calls = new CallStats();
    Retrier retrier = Retrier.standard(calls);
    Connections connections = new Connections(session);
    built.push(connections::close);
    SnowflakeClient client = new SnowflakeClient(connections, retrier);
    CdcSettings cdc = config.cdc();
    // With change data capture the loader loads change tables, which have the two VARIANT
    // columns whatever snowflake.enable.schematization says; the targets are schematized.
    TableManager tables =
        new TableManager(client, connector, config.schematization() && !cdc.upsert());
    TableNameResolver resolver = config.tableNameResolver();
    Function<String, ObjectRef> targetForTopic =
        topic -> resolver.resolve(topic).toObjectRef(config.database(), config.schema());
    Function<String, ObjectRef> tableForTopic =
        cdc.upsert() ? ChangeCapture.changeTables(targetForTopic) : targetForTopic;
    TaskMetrics metrics = new TaskMetrics(calls, Clock.systemUTC());
    String task = props.getOrDefault("task.id", taskId(context));
    if (config.jmxEnabled()) {
      metrics.register(connector, task);
      built.push(metrics::unregister);
    }
    ErrantRecordReporter reporter = errantRecordReporter(context);
    BrokenRecords.Mode brokenMode =
        BrokenRecords.mode(
            props.get("errors.tolerance"),
            props.get("errors.deadletterqueue.topic.name"),
            reporter != null);
    MirrorTables mirrors = cdc.upsert() ? ChangeCapture.mirrors(client, connector, cdc) : null;
    RecordConversion converter =
        cdc.upsert()
            ? ChangeCapture.converter(ConversionSettings.from(config), cdc, mirrors, targetForTopic)
            : new RecordConverter(
                ConversionSettings.from(config),
                config.schematization() ? schemas(tables, tableForTopic) : null);
    if (config.streaming()) {
      // Channels need the table only: no stage, no pipe, and no generations of file names.
      BrokenRecords broken =
          new BrokenRecords(
              brokenMode,
              reporter,
              client,
              topic -> {
                ObjectRef table = tableForTopic.apply(topic);
                tables.ensureTableOnly(table);
                return TableObjects.of(connector, table);
              },
              connector,
              record -> 0,
              metrics);
      StreamingSettings settings =
          new StreamingSettings(
              connector,
              config.streamingSingleBuffer(),
              config.bufferCountRecords(),
              config.bufferSizeBytes(),
              config.bufferFlushTime(),
              Duration.ofSeconds(60),
              5,
              config.streamingMaxClientLag(),
              config.streamingMaxMemoryBytes(),
              config.streamingOverrides(),
              config.streamingSharedClient(),
              config.streamingAdoptsIncumbentOffsets());
      StreamingLoader loader =
          StreamingLoaderFactory.create(
              settings,
              session,
              task,
              tableForTopic,
              tables::ensureTableOnly,
              context,
              broken,
              metrics,
              // Created here, on the task thread, whose MDC Connect has set.
              new TaskThreads(connector, "task-" + task),
              config.schematization() ? tables::schema : null);
      built.push(loader);
      return new TaskComponents(connections, null, metrics, converter, loader, broken);
    }
    SnowpipeClient snowpipe = new SnowpipeClient(session, retrier);
    built.push(snowpipe);
    LoadingSettings settings =
        new LoadingSettings(
            connector,
            config.bufferCountRecords(),
            config.bufferSizeBytes(),
            config.bufferFlushTime(),
            config.uploadThreads(),
            config.loadTrackingInterval(),
            // A file insertReport has not mentioned yet is looked up in the load history after
            // this long. The apply step waits for loads, so change data capture looks sooner.
            cdc.upsert() ? Duration.ofSeconds(30) : Duration.ofMinutes(10),
            Duration.ofHours(24),
            config.offsetResetBehavior(),
            config.bufferMemoryMaxBytes(),
            config.tableFailuresMax(),
            TopicRenames.possible(props));
    // Created here, on the task thread, whose MDC Connect has set.
    TaskThreads threads = new TaskThreads(connector, "task-" + task);
    Loader loader =
        LoaderFactory.create(
            settings,
            client,
            snowpipe,
            tables,
            tableForTopic,
            context,
            metrics,
            threads,
            Clock.systemUTC());
    built.push(loader);
    Ingestion ingestion = loader;
    if (cdc.upsert()) {
      ApplyMetrics applyMetrics = new ApplyMetrics(Clock.systemUTC());
      if (config.jmxEnabled()) {
        applyMetrics.register(connector, task); // unregistered by ChangeCapture.close
      }
      ChangeCapture capture =
          ChangeCapture.start(
              loader, cdc, mirrors, client, connections, retrier, connector, threads, applyMetrics);
      built.remove(loader);
      built.push(capture); // closes the apply step, then the loader
      ingestion = capture;
    }
    BrokenRecords broken =
        new BrokenRecords(
            brokenMode,
            reporter,
            client,
            topic -> tables.ensure(tableForTopic.apply(topic)),
            connector,
            loader::generation,
            metrics);
    return new TaskComponents(connections, snowpipe, metrics, converter, ingestion, broken);
  }

  /**
   * Each record's table's columns. The loader has prepared the table by the time a record is
   * converted (it accepts records only for tables it ensured), so this only looks the table up.
   */
  private static Function<SinkRecord, TableSchema> schemas(
      TableManager tables, Function<String, ObjectRef> tableForTopic) {
    Map<String, ObjectRef> byTopic = new HashMap<>();
    return record -> tables.schema(byTopic.computeIfAbsent(record.topic(), tableForTopic));
  }

  private static ErrantRecordReporter errantRecordReporter(SinkTaskContext context) {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      // Workers older than Kafka 2.6 have no reporter; broken records then go to the table stage.
      return null;
    }
  }

  private static String taskId(SinkTaskContext context) {
    return Integer.toHexString(System.identityHashCode(context));
  }

  RecordConversion converter() {
    return converter;
  }

  Ingestion ingestion() {
    return ingestion;
  }

  BrokenRecords brokenRecords() {
    return brokenRecords;
  }

  @Override
  public void close() {
    try {
      ingestion.close();
    } finally {
      if (snowpipe != null) {
        snowpipe.close();
      }
      connections.close();
      metrics.unregister();
    }
  }
}
