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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
  private final Map<ObjectRef, History> historyByPipe = new HashMap<>();

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
   * been started), the highest offset staged in that generation (-1 for none), its files on the
   * stage (of every generation: older ones may still wait to be loaded) and markers, and the staged
   * files left out because they overlap another (never submitted, and not counted as staged).
   */
  record State(
      int generation,
      long lastStaged,
      List<StagedFile> staged,
      List<StagedFile> markers,
      List<Overlap> overlaps) {}

  /** A staged file of unknown outcome whose offsets overlap {@code other}'s, in one generation. */
  record Overlap(String skipped, String other) {}

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

  /**
   * Recovers partitions of one table at once, with one LIST of the stage and one of the table stage
   * per topic, whatever the number of partitions (a rebalance of 1,000 partitions runs inside the
   * consumer's poll timeout), and one history scan per pipe per round.
   */
  Map<TopicPartition, State> recover(TableObjects objects, Collection<TopicPartition> partitions) {
    Map<String, List<TopicPartition>> byTopic = new LinkedHashMap<>();
    for (TopicPartition tp : partitions) {
      byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp);
    }
    History history = history(objects);
    Map<TopicPartition, State> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<TopicPartition>> e : byTopic.entrySet()) {
      String topic = e.getKey();
      List<TopicPartition> tps = e.getValue();
      // A single partition (one moved by a rebalance) lists only its own folder.
      Map<Integer, List<String>> onStage =
          byPartition(
              client.list(
                  objects.namedStage(),
                  tps.size() == 1 ? FileNames.prefix(tps.get(0)) : FileNames.topicPrefix(topic)),
              FileNames.topicPrefix(topic));
      String failedPrefix = FileNames.failedTopicPrefix(connector, topic);
      Map<Integer, List<String>> failed =
          byPartition(
              client.list(
                  objects.tableStage(),
                  tps.size() == 1 ? FileNames.failedPrefix(connector, tps.get(0)) : failedPrefix),
              failedPrefix);
      for (TopicPartition tp : tps) {
        out.put(
            tp,
            recover(
                objects,
                tp,
                onStage.getOrDefault(tp.partition(), List.of()),
                failed.getOrDefault(tp.partition(), List.of()),
                history));
      }
    }
    return out;
  }

  private State recover(
      TableObjects objects,
      TopicPartition tp,
      List<String> listed,
      List<String> failedFiles,
      History history) {
    List<String> onStage = newestAttempts(objects, tp, listed);
    List<StagedFile> markers = new ArrayList<>();
    for (String path : onStage) {
      FileNames.markerRange(tp, path)
          .ifPresent(r -> markers.add(new StagedFile(path, r, Optional.empty(), true)));
    }
    // Files whose outcome is known, or that Snowpipe has seen: markers, loaded and failed files,
    // failed files on the table stage, and the history's (loaded files already removed from the
    // stage still count, which a user may have cleaned up).
    List<Seen> known = new ArrayList<>();
    markers.forEach(m -> known.add(new Seen(m.path(), m.range())));
    List<StagedFile> unknown = new ArrayList<>();
    List<StagedFile> staged = new ArrayList<>();
    for (String path : onStage) {
      Optional<FileNames.Range> range = FileNames.range(tp, path);
      if (range.isPresent()) {
        boolean marked = markers.stream().anyMatch(m -> m.range().equals(range.get()));
        StagedFile f =
            new StagedFile(
                path, range.get(), Optional.ofNullable(history.byPath.get(path)), marked);
        if (f.loaded() || f.failed()) {
          staged.add(f);
          known.add(new Seen(path, f.range()));
        } else {
          unknown.add(f);
        }
      }
    }
    for (String path : failedFiles) {
      FileNames.range(tp, path).ifPresent(r -> known.add(new Seen(path, r)));
    }
    for (FileStatus s : history.byPartition.getOrDefault(tp, List.of())) {
      FileNames.range(tp, s.path()).ifPresent(r -> known.add(new Seen(s.path(), r)));
    }
    // A file of unknown outcome is submitted only if it overlaps none of those, nor one kept
    // before it (widest first among files starting at the same offset): two overlapping ranges
    // come from two writers of one partition, and loading both would load their shared records
    // twice.
    unknown.sort(
        Comparator.comparingInt((StagedFile f) -> f.range().generation())
            .thenComparingLong(f -> f.range().first())
            .thenComparing(f -> -f.range().last()));
    List<Seen> kept = new ArrayList<>(known);
    List<Overlap> overlaps = new ArrayList<>();
    for (StagedFile f : unknown) {
      Optional<Seen> other = kept.stream().filter(k -> overlaps(k.range(), f.range())).findFirst();
      if (other.isPresent()) {
        overlaps.add(new Overlap(f.path(), other.get().path()));
      } else {
        staged.add(f);
        kept.add(new Seen(f.path(), f.range()));
      }
    }
    // Only the newest generation says where Kafka's current offsets are: an older one covers
    // offsets of a topic that was deleted and re-created since. A skipped file does not count:
    // its records not in a kept file are read from Kafka again.
    int generation = 0;
    for (Seen k : kept) {
      generation = Math.max(generation, k.range().generation());
    }
    long lastStaged = -1;
    for (Seen k : kept) {
      if (k.range().generation() == generation) {
        lastStaged = Math.max(lastStaged, k.range().last());
      }
    }
    return new State(generation, lastStaged, staged, markers, overlaps);
  }

  /** Two different ranges of one generation that share an offset. */
  private static boolean overlaps(FileNames.Range a, FileNames.Range b) {
    return a.generation() == b.generation()
        && !a.equals(b)
        && a.first() <= b.last()
        && b.first() <= a.last();
  }

  /** A file or marker of the partition, with its range. */
  private record Seen(String path, FileNames.Range range) {}

  /** Listed paths grouped by the partition folder below {@code topicPrefix}. */
  private static Map<Integer, List<String>> byPartition(
      List<StagedObject> listed, String topicPrefix) {
    Map<Integer, List<String>> out = new HashMap<>();
    for (StagedObject o : listed) {
      OptionalInt partition = FileNames.partitionBelow(topicPrefix, o.path());
      if (partition.isPresent()) {
        out.computeIfAbsent(partition.getAsInt(), p -> new ArrayList<>()).add(o.path());
      }
    }
    return out;
  }

  /** A pipe's load history, by path and by the partition the path names. */
  private record History(
      Map<String, FileStatus> byPath, Map<TopicPartition, List<FileStatus>> byPartition) {}

  /**
   * Of several attempts of one range ({@link FileNames#nextAttempt}), keeps the newest and removes
   * the others from the stage: a retry is staged only once the attempt before it is known to have
   * failed, and the old path is removed right after, unless a crash came in between.
   */
  private List<String> newestAttempts(TableObjects objects, TopicPartition tp, List<String> paths) {
    Map<FileNames.Range, String> newest = new LinkedHashMap<>();
    List<String> out = new ArrayList<>();
    for (String path : paths) {
      Optional<FileNames.Range> range = FileNames.range(tp, path);
      if (range.isEmpty()) {
        out.add(path); // a marker, or a name Floe does not write
        continue;
      }
      String other = newest.get(range.get());
      String older = path;
      if (other == null || FileNames.attempt(path) > FileNames.attempt(other)) {
        newest.put(range.get(), path);
        older = other;
      }
      if (older != null) {
        client.remove(objects.namedStage(), older);
      }
    }
    out.addAll(newest.values());
    return out;
  }

  /** One history scan per pipe per recovery round. */
  private History history(TableObjects objects) {
    return historyByPipe.computeIfAbsent(
        objects.pipe(),
        pipe -> {
          Instant now = clock.instant();
          Map<String, FileStatus> byPath = new HashMap<>();
          Map<TopicPartition, List<FileStatus>> byPartition = new HashMap<>();
          for (FileStatus s : snowpipe.history(pipe, now.minus(historyLookback), now)) {
            byPath.put(s.path(), s);
            FileNames.partitionOf(s.path())
                .ifPresent(tp -> byPartition.computeIfAbsent(tp, t -> new ArrayList<>()).add(s));
          }
          return new History(byPath, byPartition);
        });
  }

  /** Forgets cached history so the next round reads it afresh. */
  void reset() {
    historyByPipe.clear();
  }
}
