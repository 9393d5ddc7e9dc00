package io.floe.connector.loading;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a partition's files live on the stage and what they are called. A name depends only on
 * topic, partition and offset range — never on a clock — so a file re-created after a crash has the
 * same path as before and Snowpipe, which remembers loaded paths, loads it once.
 */
final class FileNames {
  private static final Pattern DATA = Pattern.compile("(\\d+)_(\\d+)\\.json\\.gz");

  private FileNames() {}

  /** {@code <topic>/<partition>/} */
  static String prefix(TopicPartition tp) {
    return tp.topic() + "/" + tp.partition() + "/";
  }

  /** {@code <first>_<last>.json.gz}, both offsets inclusive. */
  static String dataFile(long first, long last) {
    return first + "_" + last + ".json.gz";
  }

  static String path(TopicPartition tp, long first, long last) {
    return prefix(tp) + dataFile(first, last);
  }

  /**
   * The offset range of a data file of this partition: {@code <topic>/<partition>/<name>} on the
   * stage, or that same path below a folder (failed files on the table stage). A path merely
   * containing the prefix (topic {@code data} inside {@code metadata/0/…}) is not one.
   */
  static Optional<Range> range(TopicPartition tp, String path) {
    String prefix = prefix(tp);
    String name = path.substring(path.lastIndexOf('/') + 1);
    String expected = prefix + name;
    if (!path.equals(expected) && !path.endsWith("/" + expected)) {
      return Optional.empty();
    }
    Matcher m = DATA.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Range(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
  }

  /** Where a file that failed to load is kept, on the table's stage. */
  static String failedPrefix(String connector, TopicPartition tp) {
    return "floe_failed/" + connector + "/" + prefix(tp);
  }

  /** Where the raw bytes of a record that could not be converted are kept, on the table stage. */
  static String brokenPrefix(String connector, TopicPartition tp) {
    return "floe_broken/" + connector + "/" + prefix(tp);
  }

  record Range(long first, long last) {}
}
