package io.floe.connector.loading;

import io.floe.connector.config.FloeSinkConfig;
import io.floe.connector.config.OffsetResetBehavior;
import io.floe.connector.snowflake.CallStats;
import io.floe.connector.snowflake.Connections;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.Retrier;
import io.floe.connector.snowflake.SessionSettings;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowpipeClient;
import io.floe.connector.table.TableManager;
import io.floe.connector.table.TableObjects;
import io.floe.connector.testing.FloeFixture;
import io.floe.connector.testing.TaskContextStandIn;
import io.floe.localsnowflake.LocalSnowflake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.common.TopicPartition;

/**
 * The loading package's collaborators wired to the local Snowflake with real clients, for tests
 * that drive recovery, submission and tracking directly instead of through a task.
 */
final class LoadingFixture implements AutoCloseable {
  final FloeFixture floe;
  final String connector;
  final CallStats calls = new CallStats();
  final Connections connections;
  final SnowflakeClient client;
  final SnowpipeClient snowpipe;
  final TableManager tables;
  final TaskMetrics metrics = new TaskMetrics();
  final TaskThreads threads;
  final MutableClock clock = new MutableClock();
  final TaskContextStandIn context;
  final Ownership ownership = new Ownership();

  /** How long the loaders built here wait for a closed partition's uploads. */
  Duration closeTimeout = Duration.ofSeconds(30);

  LoadingFixture(LocalSnowflake snowflake, String database, String connector) {
    this.floe = new FloeFixture(snowflake, database);
    this.connector = connector;
    Map<String, String> config = floe.config(connector, 5);
    SessionSettings session = new FloeSinkConfig(config).connectionSettings().session();
    Retrier retrier = new Retrier(3, Duration.ofMillis(50), Duration.ofMillis(200), calls);
    this.connections = new Connections(session);
    this.client = new SnowflakeClient(connections, retrier);
    this.snowpipe = new SnowpipeClient(session, retrier);
    this.tables = new TableManager(client, connector);
    this.threads = new TaskThreads(connector, "test");
    this.context = new TaskContextStandIn(config);
  }

  ObjectRef table(String name) {
    return ObjectRef.of(floe.database(), "PUBLIC", name);
  }

  TableObjects objects(String table) {
    return tables.ensure(table(table));
  }

  LoadingSettings settings(int bufferRecords) {
    return settings(bufferRecords, Duration.ofMillis(200));
  }

  /** Flushing every {@code bufferRecords} records, tracking loads every {@code trackInterval}. */
  LoadingSettings settings(int bufferRecords, Duration trackInterval) {
    return new LoadingSettings(
        connector,
        bufferRecords,
        100_000_000,
        Duration.ofHours(1),
        2,
        trackInterval,
        Duration.ofMinutes(10),
        Duration.ofHours(24),
        OffsetResetBehavior.FAIL,
        128L << 20,
        3,
        false);
  }

  Submitter submitter(LoadTracker tracker) {
    return new Submitter(snowpipe, tracker, metrics, threads, ownership);
  }

  Recovery recovery() {
    return new Recovery(client, snowpipe, connector, clock, Duration.ofHours(24));
  }

  LoadTracker tracker(Duration markerDelay) {
    return new LoadTracker(
        client,
        snowpipe,
        connector,
        metrics,
        clock,
        Duration.ofMinutes(10),
        Duration.ofHours(24),
        markerDelay,
        3);
  }

  /**
   * A Loader with the real collaborators on this fixture's clients: each topic loads into the table
   * of its upper-cased name; its tracker polls every {@code settings.trackInterval()}.
   */
  Loader loader(LoadingSettings settings, LoadTracker tracker, Submitter submitter) {
    return loader(settings, tracker, submitter, tables);
  }

  /** As above, with tables checked afresh (as by a new task) through {@code tables}. */
  Loader loader(
      LoadingSettings settings, LoadTracker tracker, Submitter submitter, TableManager tables) {
    Function<String, ObjectRef> tableForTopic =
        topic -> table(topic.toUpperCase(java.util.Locale.ROOT));
    Takeover takeover =
        new Takeover(
            tables,
            tableForTopic,
            new Recovery(client, snowpipe, connector, clock, settings.historyLookback()),
            tracker,
            submitter,
            settings.flushPolicy(),
            metrics);
    return new Loader(
        settings,
        context,
        metrics,
        clock,
        new Uploader(client, settings.uploadThreads(), metrics, threads, ownership),
        tracker,
        takeover,
        submitter,
        ownership,
        closeTimeout,
        Executors.newSingleThreadScheduledExecutor(),
        new Writers(takeover, tables, tableForTopic));
  }

  /**
   * What a task finds after a restart of a busy connector, for {@code partitions} partitions of
   * {@code topic}: even partitions were loaded up to offset 4 (only the marker is left) and have a
   * file 5_9 staged whose outcome is unknown; odd ones have their newest file 0_4 loaded (in
   * Snowpipe's history) and still on the stage. Uploads run on {@code parallel} threads.
   */
  void stageRestart(TableObjects objects, String topic, int partitions, int parallel)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> done = new ArrayList<>();
      List<String> loaded = Collections.synchronizedList(new ArrayList<>());
      for (int p = 0; p < partitions; p++) {
        TopicPartition tp = new TopicPartition(topic, p);
        done.add(
            pool.submit(
                () -> {
                  String prefix = FileNames.prefix(tp);
                  String folder = prefix.substring(0, prefix.length() - 1);
                  if (tp.partition() % 2 == 0) {
                    client.upload(
                        objects.namedStage(),
                        folder,
                        FileNames.markerFile(new FileNames.Range(0, 0, 4)),
                        "loaded".getBytes(StandardCharsets.UTF_8));
                    stage(objects, tp, 5, 9);
                  } else {
                    stage(objects, tp, 0, 4);
                    loaded.add(FileNames.path(tp, 0, 0, 4));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      snowpipe.insertFiles(objects.pipe(), loaded);
      floe.snowflake().snowpipe().awaitIdle(Duration.ofMinutes(2));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Stages a data file of {@code rows} JSON lines for offsets first..last, as Floe names it. */
  SealedFile stage(TableObjects objects, TopicPartition tp, long first, long last) {
    SealedFile file = file(tp, first, last);
    String prefix = FileNames.prefix(tp);
    client.upload(
        objects.namedStage(),
        prefix.substring(0, prefix.length() - 1),
        FileNames.dataFile(0, first, last),
        file.bytes());
    return file;
  }

  /** A sealed file of one JSON line per offset, not staged. */
  static SealedFile file(TopicPartition tp, long first, long last) {
    StringBuilder lines = new StringBuilder();
    for (long o = first; o <= last; o++) {
      lines
          .append("{\"meta\":{\"topic\":\"")
          .append(tp.topic())
          .append("\",\"partition\":")
          .append(tp.partition())
          .append(",\"offset\":")
          .append(o)
          .append("},\"content\":{\"id\":")
          .append(o)
          .append("}}\n");
    }
    return new SealedFile(tp, 0, first, last, last - first + 1, gzip(lines.toString()));
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** File names below the partition's folder on the table's stage. */
  List<String> onStage(TableObjects objects, TopicPartition tp) {
    return client.list(objects.namedStage(), FileNames.prefix(tp)).stream()
        .map(o -> o.path().substring(o.path().lastIndexOf('/') + 1))
        .sorted()
        .toList();
  }

  long rows(String table) {
    return floe.count("select count(*) from " + floe.database() + ".PUBLIC." + table);
  }

  @Override
  public void close() {
    snowpipe.close();
    connections.close();
  }

  /** The wall clock, plus what a test advanced it by (the local Snowflake's clock moves alike). */
  static final class MutableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration d) {
      offset = offset.plus(d);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
