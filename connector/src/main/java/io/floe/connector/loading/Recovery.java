package io.floe.connector.loading;

import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowflakeClient.StagedObject;
import io.floe.connector.snowflake.SnowpipeClient;
import io.floe.connector.snowflake.SnowpipeClient.FileStatus;
import io.floe.connector.table.TableObjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Works out, from Snowflake alone, how far a partition has been staged: its files and markers on
 * the stage, its failed files on the table stage and Snowpipe's recent load history. Kafka's
 * committed offset can lag behind (a crash between upload and commit); resuming after the highest
 * staged offset instead means a re-created file can never overlap one that is already staged.
 */
final class Recovery {
  private final SnowflakeClient client;
  private final SnowpipeClient snowpipe;
  private final String connector;
  private final Clock clock;
  private final Duration historyLookback;
  private final Map<ObjectRef, Map<String, FileStatus>> historyByPipe = new HashMap<>();

  Recovery(
      SnowflakeClient client,
      SnowpipeClient snowpipe,
      String connector,
      Clock clock,
      Duration historyLookback) {
    this.client = client;
    this.snowpipe = snowpipe;
    this.connector = connector;
    this.clock = clock;
    this.historyLookback = historyLookback;
  }

  /**
   * What recovery found for one partition: the newest generation of its file names (0 when none has
   * been started), the highest offset staged in that generation (-1 for none), and its files on the
   * stage (of every generation: older ones may still wait to be loaded).
   */
  record State(
      int generation, long lastStaged, List<StagedFile> staged, List<StagedFile> markers) {}

  /**
   * A data file (or marker) on the stage and, if Snowpipe's history knows it, its outcome. A data
   * file whose marker exists is loaded, whatever the history says.
   */
  record StagedFile(
      String path, FileNames.Range range, Optional<FileStatus> status, boolean marked) {
    boolean loaded() {
      return marked || status.map(FileStatus::loaded).orElse(false);
    }

    boolean failed() {
      return !marked && status.map(FileStatus::failed).orElse(false);
    }
  }

  State recover(TableObjects objects, TopicPartition tp) {
    List<FileNames.Range> seen = new ArrayList<>();
    List<StagedFile> staged = new ArrayList<>();
    List<StagedFile> markers = new ArrayList<>();
    Map<String, FileStatus> history = history(objects);
    List<StagedObject> onStage = client.list(objects.namedStage(), FileNames.prefix(tp));
    for (StagedObject o : onStage) {
      Optional<FileNames.Range> marker = FileNames.markerRange(tp, o.path());
      if (marker.isPresent()) {
        seen.add(marker.get());
        markers.add(new StagedFile(o.path(), marker.get(), Optional.empty(), true));
      }
    }
    for (StagedObject o : onStage) {
      Optional<FileNames.Range> range = FileNames.range(tp, o.path());
      if (range.isPresent()) {
        seen.add(range.get());
        boolean marked = markers.stream().anyMatch(m -> m.range().equals(range.get()));
        staged.add(
            new StagedFile(
                o.path(), range.get(), Optional.ofNullable(history.get(o.path())), marked));
      }
    }
    staged = newestAttempts(objects, staged);
    for (StagedObject o :
        client.list(objects.tableStage(), FileNames.failedPrefix(connector, tp))) {
      FileNames.range(tp, o.path()).ifPresent(seen::add);
    }
    // Files loaded and already removed from the stage still count (normally the newest file is
    // kept on the stage, but a user may have cleaned it up).
    for (FileStatus s : history.values()) {
      FileNames.range(tp, s.path()).ifPresent(seen::add);
    }
    // Only the newest generation says where Kafka's current offsets are: an older one covers
    // offsets of a topic that was deleted and re-created since.
    int generation = 0;
    for (FileNames.Range r : seen) {
      generation = Math.max(generation, r.generation());
    }
    long lastStaged = -1;
    for (FileNames.Range r : seen) {
      if (r.generation() == generation) {
        lastStaged = Math.max(lastStaged, r.last());
      }
    }
    return new State(generation, lastStaged, staged, markers);
  }

  /**
   * Of several attempts of one range ({@link FileNames#nextAttempt}), keeps the newest and removes
   * the others: a retry is staged only once the attempt before it is known to have failed, and the
   * old path is removed right after, unless a crash came in between.
   */
  private List<StagedFile> newestAttempts(TableObjects objects, List<StagedFile> staged) {
    Map<FileNames.Range, StagedFile> newest = new LinkedHashMap<>();
    for (StagedFile f : staged) {
      StagedFile other = newest.get(f.range());
      StagedFile older = f;
      if (other == null || FileNames.attempt(f.path()) > FileNames.attempt(other.path())) {
        newest.put(f.range(), f);
        older = other;
      }
      if (older != null) {
        client.remove(objects.namedStage(), older.path());
      }
    }
    return new ArrayList<>(newest.values());
  }

  /** One history scan per pipe per recovery round. */
  private Map<String, FileStatus> history(TableObjects objects) {
    return historyByPipe.computeIfAbsent(
        objects.pipe(),
        pipe -> {
          Instant now = clock.instant();
          Map<String, FileStatus> byPath = new HashMap<>();
          for (FileStatus s : snowpipe.history(pipe, now.minus(historyLookback), now)) {
            byPath.put(s.path(), s);
          }
          return byPath;
        });
  }

  /** Forgets cached history so the next round reads it afresh. */
  void reset() {
    historyByPipe.clear();
  }
}
