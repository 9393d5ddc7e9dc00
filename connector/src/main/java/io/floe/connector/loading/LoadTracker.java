package io.floe.connector.loading;

import io.floe.connector.loading.PipeFiles.Marker;
import io.floe.connector.loading.PipeFiles.Tracked;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowpipeClient;
import io.floe.connector.snowflake.SnowpipeClient.FileStatus;
import io.floe.connector.table.TableObjects;
import java.nio.charset.StandardCharsets;
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
 * stage, and files that failed to load go to {@link FailedLoads}. A partition's newest loaded file
 * is replaced by a marker ({@link FileNames#markerFile}) that keeps its high-water mark for
 * recovery: a data file left there would be submitted again on every start, and once Snowpipe's
 * 14-day memory of it has passed, loaded twice. Runs on its own thread; a Snowflake hiccup delays
 * it, never the task.
 */
final class LoadTracker {
  private static final Logger LOG = LoggerFactory.getLogger(LoadTracker.class);

  private final SnowflakeClient client;
  private final SnowpipeClient snowpipe;
  private final String connector;
  private final TaskMetrics metrics;
  private final Clock clock;
  private final Duration statusTimeout;
  private final Duration giveUpAfter;
  private final Duration markerDelay;
  private final FailedLoads failedLoads;
  private final Map<ObjectRef, PipeFiles> pipes = new ConcurrentHashMap<>();

  private final LoadedOffsets offsets = new LoadedOffsets();

  /** Held while writing a marker, so that {@link #forget} cannot interleave. */
  private final Object stageWrites = new Object();

  LoadTracker(
      SnowflakeClient client,
      SnowpipeClient snowpipe,
      String connector,
      TaskMetrics metrics,
      Clock clock,
      Duration statusTimeout,
      Duration giveUpAfter,
      Duration markerDelay,
      int tableFailuresMax) {
    this.client = client;
    this.snowpipe = snowpipe;
    this.connector = connector;
    this.metrics = metrics;
    this.clock = clock;
    this.statusTimeout = statusTimeout;
    this.giveUpAfter = giveUpAfter;
    this.markerDelay = markerDelay;
    this.failedLoads = new FailedLoads(client, connector, metrics, tableFailuresMax);
  }

  /**
   * Set once a table failed too many files in a row for reasons other than their data (FLOE-3030):
   * the task thread fails the task with it.
   */
  RuntimeException failure() {
    return failedLoads.failure();
  }

  /** A submitted file whose outcome is not known yet. */
  void track(TableObjects objects, TopicPartition tp, String path, FileNames.Range range) {
    pipeFiles(objects).files.put(path, new Tracked(tp, path, range, clock.instant()));
  }

  /** A file tracked just before its submission, which then failed (it is submitted again later). */
  void untrack(TableObjects objects, String path) {
    pipeFiles(objects).files.remove(path);
  }

  /**
   * The files-awaiting-load gauges: how many, and since when the oldest. Once a round, not per
   * tracked file: a round walks every file anyway.
   */
  private void publishAwaiting() {
    int count = 0;
    Instant oldest = null;
    for (PipeFiles p : pipes.values()) {
      for (Tracked t : p.files.values()) {
        if (!t.loaded) {
          count++;
          oldest = oldest == null || t.since.isBefore(oldest) ? t.since : oldest;
        }
      }
    }
    metrics.awaitingLoad(count, oldest);
  }

  /**
   * A file found on the stage that is loaded already (its marker exists, or the history says so).
   */
  void trackLoaded(TableObjects objects, TopicPartition tp, String path, FileNames.Range range) {
    Tracked t = new Tracked(tp, path, range, clock.instant());
    t.loaded(clock.instant());
    pipeFiles(objects).files.put(path, t);
  }

  /** A file whose outcome recovery found in Snowpipe's history: settled at the next round. */
  void trackOutcome(
      TableObjects objects, TopicPartition tp, String path, FileNames.Range range, FileStatus s) {
    PipeFiles p = pipeFiles(objects);
    p.files.put(path, new Tracked(tp, path, range, clock.instant()));
    p.known.add(s);
  }

  /** A marker found on the stage; of several for one partition, only the newest is kept. */
  void marker(TableObjects objects, TopicPartition tp, String path, FileNames.Range range) {
    PipeFiles p = pipeFiles(objects);
    Marker m = new Marker(path, range);
    Marker old = p.markers.get(tp);
    if (old == null || range.after(old.range())) {
      p.markers.put(tp, m);
      if (old != null) {
        p.staleMarkers.add(old.path());
      }
    } else {
      p.staleMarkers.add(path);
    }
  }

  /**
   * Everything of {@code tp} below {@code offset} is in files submitted to {@code objects}' pipe
   * (the offset Kafka may commit). Called by the task thread; read at the end of each round.
   */
  void submitted(TableObjects objects, TopicPartition tp, long offset) {
    offsets.submitted(objects.table(), tp, offset);
  }

  /** What change data capture may apply: see {@link LoadedOffsets#loadedThrough}. */
  Map<ObjectRef, Map<TopicPartition, Long>> loadedThrough() {
    return offsets.loadedThrough();
  }

  /** Bounds the loaded offsets by the files of each table not loaded yet. */
  private void settleLoaded() {
    Map<ObjectRef, PipeFiles> byTable = new HashMap<>();
    pipes.values().forEach(p -> byTable.put(p.objects.table(), p));
    offsets.settle(
        table -> {
          PipeFiles p = byTable.get(table);
          List<LoadedOffsets.Unloaded> out = new ArrayList<>();
          if (p != null) {
            for (Tracked t : p.files.values()) {
              if (!t.loaded) {
                out.add(new LoadedOffsets.Unloaded(t.tp, t.range.first()));
              }
            }
            for (FailedLoads.Held h : failedLoads.held(p.objects.pipe())) {
              out.add(new LoadedOffsets.Unloaded(h.tp(), h.range().first()));
            }
          }
          return out;
        });
  }

  /**
   * Stops following a partition's files (its new owner follows them after recovery). Waits for a
   * marker upload of the partition under way: after it, the tracker writes nothing of it.
   */
  void forget(TopicPartition tp) {
    synchronized (stageWrites) {
      pipes
          .values()
          .forEach(
              p -> {
                p.files.values().removeIf(t -> t.tp.equals(tp));
                p.markers.remove(tp);
              });
      offsets.forget(tp);
    }
    failedLoads.forget(tp);
  }

  private PipeFiles pipeFiles(TableObjects objects) {
    return pipes.computeIfAbsent(objects.pipe(), p -> new PipeFiles(objects));
  }

  /** One round: read reports, settle outcomes, clean the stage. */
  void poll() {
    try {
      pollPipes();
    } finally {
      settleLoaded();
    }
  }

  private void pollPipes() {
    for (PipeFiles p : pipes.values()) {
      if (p.files.isEmpty() && p.staleMarkers.isEmpty()) {
        continue;
      }
      try {
        poll(p);
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return; // the task is stopping (Loader.close()): not a problem to report
        }
        LOG.warn(
            "Could not check Snowpipe loads for pipe {} (will retry): {}",
            p.objects.pipe(),
            e.getMessage());
      }
    }
    publishAwaiting();
  }

  private void poll(PipeFiles p) {
    for (String path; (path = p.staleMarkers.peek()) != null; p.staleMarkers.remove()) {
      client.remove(p.objects.namedStage(), path);
    }
    List<FileStatus> known = new ArrayList<>();
    for (FileStatus s; (s = p.known.poll()) != null; ) {
      known.add(s);
    }
    apply(p, known, false);
    if (!known.isEmpty()) {
      // Outcomes recovery found: a table fixed since then loads the retries now.
      submitHeld(p);
    }
    SnowpipeClient.Report report = snowpipe.report(p.objects.pipe(), p.beginMark);
    p.beginMark = report.nextBeginMark();
    apply(p, report.files(), true);
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
              p.objects.pipe(), oldestStale.minus(Duration.ofMinutes(5)), clock.instant()),
          true);
      giveUp(p);
    }
    purgeLoaded(p);
  }

  /**
   * Settles reported outcomes. {@code live} is false for outcomes recovery found in the history
   * (from before this task started): they do not count towards failing the task, as the table may
   * have been fixed since.
   */
  private void apply(PipeFiles p, List<FileStatus> statuses, boolean live) {
    for (FileStatus s : statuses) {
      Tracked t = p.files.get(s.path());
      if (t == null || t.loaded) {
        continue;
      }
      if (s.loaded()) {
        t.loaded(clock.instant());
        metrics.fileLoaded();
        submitHeld(p);
      } else if (s.failed()) {
        failedLoads.failed(p.objects, t.tp, t.path, t.range, s, live);
        p.files.remove(t.path);
        if (!FailedLoads.aboutTheTable(s)) {
          submitHeld(p); // the table works: the file could be read and failed on its own data
        }
      }
    }
  }

  /** Submits again the files of this table held after failures that were not about their data. */
  private void submitHeld(PipeFiles p) {
    List<FailedLoads.Held> held = failedLoads.tableWorks(p.objects.pipe());
    if (held.isEmpty()) {
      return;
    }
    try {
      snowpipe.insertFiles(p.objects.pipe(), held.stream().map(FailedLoads.Held::path).toList());
    } catch (RuntimeException e) {
      failedLoads.holdAgain(p.objects.pipe(), held);
      throw e;
    }
    for (FailedLoads.Held h : held) {
      p.files.put(h.path(), new Tracked(h.tp(), h.path(), h.range(), clock.instant()));
    }
    LOG.info(
        "Table {} loads again: submitted {} held file(s) to {}",
        p.objects.table(),
        held.size(),
        p.objects.pipe());
  }

  /**
   * Stops following files that neither insertReport nor the load history has mentioned for {@code
   * giveUpAfter}: Snowpipe reports nothing for a submitted path it skips because it loaded (or
   * failed to load) that path before, longer ago than the history Floe read. The file stays on the
   * stage, where it still marks how far the partition got.
   */
  private void giveUp(PipeFiles p) {
    Instant giveUpBefore = clock.instant().minus(giveUpAfter);
    for (Tracked t : List.copyOf(p.files.values())) {
      if (!t.loaded && t.since.isBefore(giveUpBefore)) {
        p.files.remove(t.path);
        LOG.warn(
            "Snowpipe has not reported file {} of pipe {} in the {} since it was submitted: it"
                + " skips a path it has seen before, so it loaded or rejected this file earlier."
                + " No longer following it; it stays on the stage.",
            t.path,
            p.objects.pipe(),
            giveUpAfter);
      }
    }
  }

  /**
   * Removes loaded files. A partition's newest file (newest generation, then highest offset) is its
   * high-water mark: once loaded it is replaced by a marker, unless a newer marker exists — after
   * {@code markerDelay}, so that a busy partition, whose next file is usually submitted by then,
   * costs no marker at all.
   */
  private void purgeLoaded(PipeFiles p) {
    Instant markBefore = clock.instant().minus(markerDelay);
    // One snapshot for both passes: the task thread adds files while this runs (open() tracks a
    // new partition's loaded files), and one seen only by the second pass has no newest.
    List<Tracked> files = List.copyOf(p.files.values());
    Map<TopicPartition, Tracked> newest = new HashMap<>();
    for (Tracked t : files) {
      newest.merge(t.tp, t, (a, b) -> b.range.after(a.range) ? b : a);
    }
    for (Tracked t : files) {
      if (!t.loaded || p.files.get(t.path) != t) {
        continue; // not loaded yet, or its partition was closed since the snapshot
      }
      Marker marker = p.markers.get(t.tp);
      boolean superseded =
          newest.get(t.tp).range.after(t.range)
              || (marker != null && !t.range.after(marker.range()));
      if (!superseded) {
        if (t.loadedAt.isAfter(markBefore)) {
          continue;
        }
        if (!replaceWithMarker(p, t, marker)) {
          continue;
        }
      }
      client.remove(p.objects.namedStage(), t.path);
      p.files.remove(t.path);
      metrics.filePurged();
    }
  }

  /**
   * Marker first, then the data file goes: a crash in between leaves both, which is harmless. False
   * when the partition was closed meanwhile: its next owner writes the marker.
   */
  private boolean replaceWithMarker(PipeFiles p, Tracked t, Marker old) {
    String prefix = FileNames.prefix(t.tp);
    String name = FileNames.markerFile(t.range);
    synchronized (stageWrites) {
      if (p.files.get(t.path) != t) {
        return false;
      }
      client.upload(
          p.objects.namedStage(),
          prefix.substring(0, prefix.length() - 1),
          name,
          ("loaded: " + t.path + "\n").getBytes(StandardCharsets.UTF_8));
      p.markers.put(t.tp, new Marker(prefix + name, t.range));
    }
    if (old != null) {
      p.staleMarkers.add(old.path());
    }
    return true;
  }
}
