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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Works out, from Snowflake alone, how far a partition has been staged: its files on the stage, its
 * failed files on the table stage and Snowpipe's recent load history. Kafka's committed offset can
 * lag behind (a crash between upload and commit); resuming after the highest staged offset instead
 * means a re-created file can never overlap one that is already staged.
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

  /** What recovery found for one partition. */
  record State(long lastStaged, List<StagedFile> staged) {}

  /** A data file on the stage and, if Snowpipe's history knows it, its outcome. */
  record StagedFile(String path, long last, Optional<FileStatus> status) {}

  State recover(TableObjects objects, TopicPartition tp) {
    long lastStaged = -1;
    List<StagedFile> staged = new ArrayList<>();
    Map<String, FileStatus> history = history(objects);
    for (StagedObject o : client.list(objects.namedStage(), FileNames.prefix(tp))) {
      Optional<FileNames.Range> range = FileNames.range(tp, o.path());
      if (range.isPresent()) {
        lastStaged = Math.max(lastStaged, range.get().last());
        staged.add(
            new StagedFile(
                o.path(), range.get().last(), Optional.ofNullable(history.get(o.path()))));
      }
    }
    for (StagedObject o :
        client.list(objects.tableStage(), FileNames.failedPrefix(connector, tp))) {
      Optional<FileNames.Range> range = FileNames.range(tp, o.path());
      if (range.isPresent()) {
        lastStaged = Math.max(lastStaged, range.get().last());
      }
    }
    // Files loaded and already removed from the stage still count (normally the newest file is
    // kept on the stage, but a user may have cleaned it up).
    for (FileStatus s : history.values()) {
      Optional<FileNames.Range> range = FileNames.range(tp, s.path());
      if (range.isPresent()) {
        lastStaged = Math.max(lastStaged, range.get().last());
      }
    }
    return new State(lastStaged, staged);
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
