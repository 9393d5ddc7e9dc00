package io.floe.connector.loading;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a partition's files live on the stage and what they are called. A name depends only on
 * topic, partition, generation and offset range — never on a clock — so a file re-created after a
 * crash has the same path as before and Snowpipe, which remembers loaded paths, loads it once.
 *
 * <p>A generation starts when a partition's offsets restart below what is already staged (a topic
 * deleted and re-created, see {@code floe.offset.reset.behavior}): the new offsets would otherwise
 * reuse the old files' names, which Snowpipe skips. Generation 0 has no marker in the name (every
 * file Floe staged before generations existed is generation 0); later ones are prefixed {@code
 * g<n>_}.
 *
 * <p>A file that failed to load for a reason other than its data (table dropped, privilege revoked)
 * is staged again under a retry name, {@code <first>_<last>_r<k>.json.gz}: Snowpipe skips a path it
 * has seen for 14 days, failed or not, so only a new path can load once the table is fixed. Its
 * range stays the same; only the newest attempt of a range is ever submitted.
 */
final class FileNames {
  private static final Pattern MARKER = Pattern.compile("(?:g(\\d+)_)?(\\d+)_(\\d+)\\.loaded");
  private static final Pattern DATA =
      Pattern.compile("(?:g(\\d+)_)?(\\d+)_(\\d+)(?:_r(\\d+))?\\.json\\.gz");

  private FileNames() {}

  /** The retry number of a data file: 0 for the first attempt, k for {@code …_r<k>.json.gz}. */
  static int attempt(String path) {
    Matcher m = DATA.matcher(path.substring(path.lastIndexOf('/') + 1));
    return m.matches() && m.group(4) != null ? Integer.parseInt(m.group(4)) : 0;
  }

  /** The path of a data file's next attempt, in the same folder. */
  static String nextAttempt(String path) {
    int slash = path.lastIndexOf('/') + 1;
    Matcher m = DATA.matcher(path.substring(slash));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a data file: " + path);
    }
    int generation = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    return path.substring(0, slash)
        + generationMark(generation)
        + m.group(2)
        + "_"
        + m.group(3)
        + "_r"
        + (attempt(path) + 1)
        + ".json.gz";
  }

  /** {@code <topic>/<partition>/} */
  static String prefix(TopicPartition tp) {
    return topicPrefix(tp.topic()) + tp.partition() + "/";
  }

  /** {@code <topic>/}: every partition's folder (topic names cannot contain a slash). */
  static String topicPrefix(String topic) {
    return topic + "/";
  }

  /**
   * The partition of a file directly in a partition folder below {@code topicPrefix} ({@code
   * <topicPrefix><partition>/<name>}); empty for anything else.
   */
  static OptionalInt partitionBelow(String topicPrefix, String path) {
    if (!path.startsWith(topicPrefix)) {
      return OptionalInt.empty();
    }
    int slash = path.indexOf('/', topicPrefix.length());
    if (slash <= topicPrefix.length()
        || slash > topicPrefix.length() + 10
        || path.indexOf('/', slash + 1) >= 0) {
      return OptionalInt.empty();
    }
    for (int i = topicPrefix.length(); i < slash; i++) {
      if (path.charAt(i) < '0' || path.charAt(i) > '9') {
        return OptionalInt.empty();
      }
    }
    long partition = Long.parseLong(path.substring(topicPrefix.length(), slash));
    return partition > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) partition);
  }

  /** The partition a path on the stage ({@code <topic>/<partition>/<name>}) belongs to. */
  static Optional<TopicPartition> partitionOf(String path) {
    int slash = path.indexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    String topic = path.substring(0, slash);
    OptionalInt partition = partitionBelow(topicPrefix(topic), path);
    return partition.isPresent()
        ? Optional.of(new TopicPartition(topic, partition.getAsInt()))
        : Optional.empty();
  }

  /** {@code [g<generation>_]<first>_<last>.json.gz}, both offsets inclusive. */
  static String dataFile(int generation, long first, long last) {
    return generationMark(generation) + first + "_" + last + ".json.gz";
  }

  static String path(TopicPartition tp, int generation, long first, long last) {
    return prefix(tp) + dataFile(generation, first, last);
  }

  /** {@code g<n>_} for generation n > 0; nothing for generation 0. */
  static String generationMark(int generation) {
    return generation == 0 ? "" : "g" + generation + "_";
  }

  /**
   * The generation and offset range of a data file of this partition: {@code
   * <topic>/<partition>/<name>} on the stage, or that same path below a folder (failed files on the
   * table stage). A path merely containing the prefix (topic {@code data} inside {@code
   * metadata/0/…}) is not one.
   */
  static Optional<Range> range(TopicPartition tp, String path) {
    return parse(DATA, tp, path);
  }

  /**
   * {@code [g<generation>_]<first>_<last>.loaded}: stands for the partition's newest data file once
   * it is loaded and removed. Never submitted to Snowpipe, so no history window can make Floe
   * submit it again; recovery reads the high-water mark from it.
   */
  static String markerFile(Range r) {
    return generationMark(r.generation()) + r.first() + "_" + r.last() + ".loaded";
  }

  /** The range a marker of this partition on the stage stands for. */
  static Optional<Range> markerRange(TopicPartition tp, String path) {
    return parse(MARKER, tp, path);
  }

  private static Optional<Range> parse(Pattern pattern, TopicPartition tp, String path) {
    String prefix = prefix(tp);
    String name = path.substring(path.lastIndexOf('/') + 1);
    String expected = prefix + name;
    if (!path.equals(expected) && !path.endsWith("/" + expected)) {
      return Optional.empty();
    }
    Matcher m = pattern.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    int generation = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    return Optional.of(
        new Range(generation, Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
  }

  /** Where a file that failed to load is kept, on the table's stage. */
  static String failedPrefix(String connector, TopicPartition tp) {
    return failedTopicPrefix(connector, tp.topic()) + tp.partition() + "/";
  }

  /** Where the failed files of every partition of a topic are kept, on the table's stage. */
  static String failedTopicPrefix(String connector, String topic) {
    return "floe_failed/" + connector + "/" + topicPrefix(topic);
  }

  /** Where the raw bytes of a record that could not be converted are kept, on the table stage. */
  static String brokenPrefix(String connector, TopicPartition tp) {
    return "floe_broken/" + connector + "/" + prefix(tp);
  }

  /** A file's place in its partition: its generation, then its offsets. */
  record Range(int generation, long first, long last) {
    /** True when this file is newer than {@code other}: a later generation, or a later offset. */
    boolean after(Range other) {
      return generation != other.generation ? generation > other.generation : last > other.last;
    }
  }
}
