package io.floe.connector.loading;

import io.floe.connector.ErrorCode;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowpipeClient;
import io.floe.connector.snowflake.SnowpipeClient.FileStatus;
import io.floe.connector.table.TableObjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows submitted files until Snowpipe has dealt with them: loaded files are removed from the
 * stage (except each partition's newest, kept as its high-water mark for recovery), and files that
 * failed to load are moved to the table's stage with a log line naming file, table and first error.
 * Runs on its own thread; a Snowflake hiccup delays it, never the task.
 */
final class LoadTracker {
  private static final Logger LOG = LoggerFactory.getLogger(LoadTracker.class);

  private final SnowflakeClient client;
  private final SnowpipeClient snowpipe;
  private final String connector;
  private final TaskMetrics metrics;
  private final Clock clock;
  private final Duration statusTimeout;
  private final Map<ObjectRef, PipeFiles> pipes = new ConcurrentHashMap<>();

  LoadTracker(
      SnowflakeClient client,
      SnowpipeClient snowpipe,
      String connector,
      TaskMetrics metrics,
      Clock clock,
      Duration statusTimeout) {
    this.client = client;
    this.snowpipe = snowpipe;
    this.connector = connector;
    this.metrics = metrics;
    this.clock = clock;
    this.statusTimeout = statusTimeout;
  }

  /** A submitted file whose outcome is not known yet. */
  void track(TableObjects objects, TopicPartition tp, String path, FileNames.Range range) {
    pipeFiles(objects).files.put(path, new Tracked(tp, path, range, clock.instant()));
  }

  /** A file found on the stage that Snowpipe's history says is loaded already. */
  void trackLoaded(TableObjects objects, TopicPartition tp, String path, FileNames.Range range) {
    Tracked t = new Tracked(tp, path, range, clock.instant());
    t.loaded = true;
    pipeFiles(objects).files.put(path, t);
  }

  /** Stops following a partition's files (its new owner follows them after recovery). */
  void forget(TopicPartition tp) {
    pipes.values().forEach(p -> p.files.values().removeIf(t -> t.tp.equals(tp)));
  }

  private PipeFiles pipeFiles(TableObjects objects) {
    return pipes.computeIfAbsent(objects.pipe(), p -> new PipeFiles(objects));
  }

  /** One round: read reports, settle outcomes, clean the stage. */
  void poll() {
    for (PipeFiles p : pipes.values()) {
      if (p.files.isEmpty()) {
        continue;
      }
      try {
        poll(p);
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not check Snowpipe loads for pipe {} (will retry): {}",
            p.objects.pipe(),
            e.getMessage());
      }
    }
  }

  private void poll(PipeFiles p) {
    SnowpipeClient.Report report = snowpipe.report(p.objects.pipe(), p.beginMark);
    p.beginMark = report.nextBeginMark();
    apply(p, report.files());
    Instant staleBefore = clock.instant().minus(statusTimeout);
    Instant oldestStale = null;
    for (Tracked t : p.files.values()) {
      if (!t.loaded
          && t.since.isBefore(staleBefore)
          && (oldestStale == null || t.since.isBefore(oldestStale))) {
        oldestStale = t.since;
      }
    }
    if (oldestStale != null) {
      // insertReport only keeps 10 minutes of events; the history scan covers the rest.
      apply(
          p,
          snowpipe.history(
              p.objects.pipe(), oldestStale.minus(Duration.ofMinutes(5)), clock.instant()));
    }
    purgeLoaded(p);
  }

  private void apply(PipeFiles p, List<FileStatus> statuses) {
    for (FileStatus s : statuses) {
      Tracked t = p.files.get(s.path());
      if (t == null || t.loaded) {
        continue;
      }
      if (s.loaded()) {
        t.loaded = true;
        metrics.fileLoaded();
      } else if (s.failed()) {
        moveFailed(p, t, s);
      }
    }
  }

  /**
   * Removes loaded files, keeping each partition's newest file (newest generation, then highest
   * offset) as its high-water mark.
   */
  private void purgeLoaded(PipeFiles p) {
    Map<TopicPartition, Tracked> newest = new HashMap<>();
    for (Tracked t : p.files.values()) {
      newest.merge(t.tp, t, (a, b) -> b.range.after(a.range) ? b : a);
    }
    List<Tracked> purge = new ArrayList<>();
    for (Tracked t : p.files.values()) {
      if (t.loaded && newest.get(t.tp).range.after(t.range)) {
        purge.add(t);
      }
    }
    for (Tracked t : purge) {
      client.remove(p.objects.namedStage(), t.path);
      p.files.remove(t.path);
      metrics.filePurged();
    }
  }

  private void moveFailed(PipeFiles p, Tracked t, FileStatus s) {
    String name = t.path.substring(t.path.lastIndexOf('/') + 1);
    String target = FileNames.failedPrefix(connector, t.tp);
    byte[] bytes = client.download(p.objects.namedStage(), t.path);
    client.upload(p.objects.tableStage(), target.substring(0, target.length() - 1), name, bytes);
    client.remove(p.objects.namedStage(), t.path);
    p.files.remove(t.path);
    metrics.fileFailed();
    LOG.error(
        "{} File {} for table {} was {} ({} of {} rows loaded); first error: {}{}. It was"
            + " moved to {}/{}{}.",
        ErrorCode.FLOE_3003.id(),
        t.path,
        p.objects.table(),
        s.status(),
        s.rowsInserted(),
        s.rowsParsed(),
        s.firstError(),
        s.firstErrorLine() == null ? "" : " (line " + s.firstErrorLine() + ")",
        p.objects.tableStage(),
        target,
        name);
  }

  private static final class PipeFiles {
    final TableObjects objects;
    final Map<String, Tracked> files = new ConcurrentHashMap<>();
    volatile String beginMark;

    PipeFiles(TableObjects objects) {
      this.objects = objects;
    }
  }

  private static final class Tracked {
    final TopicPartition tp;
    final String path;
    final FileNames.Range range;
    final Instant since;
    volatile boolean loaded;

    Tracked(TopicPartition tp, String path, FileNames.Range range, Instant since) {
      this.tp = tp;
      this.path = path;
      this.range = range;
      this.since = since;
    }
  }
}
