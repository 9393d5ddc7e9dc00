package io.floe.connector.config;

import io.floe.connector.table.TableName;
import io.floe.connector.table.TableNameResolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables {@code validate()} can name before any record arrives, each with the setting that
 * makes it a target: those of {@code snowflake.topic2table.map}'s entries, and those of the topics
 * {@code topics} lists that no entry maps (named after the topic). Topics matched by {@code
 * topics.regex} cannot be listed, nor can the topics a renaming transform makes; their tables are
 * checked when a task first prepares them.
 */
public final class TargetTables {
  /** Kafka Connect's own settings for a sink's topics. */
  static final String TOPICS = "topics";

  static final String TOPICS_REGEX = "topics.regex";

  /** A table and the setting that names it, on which a problem with the table is reported. */
  public record Target(TableName table, String key) {}

  private TargetTables() {}

  /**
   * The targets of a configuration whose {@code snowflake.topic2table.map} parsed; with {@code
   * topics.regex} every entry of the map counts, since any may match.
   */
  static List<Target> of(Map<String, String> props, TableNameResolver resolver) {
    Set<Target> out = new LinkedHashSet<>();
    String listed = props.get(TOPICS);
    boolean renamed = TopicRenames.possible(props);
    if (listed != null && !listed.isBlank()) {
      for (String topic : topics(listed)) {
        resolver
            .mapped(topic)
            .ifPresentOrElse(
                table -> out.add(new Target(table, FloeSinkConfig.TOPIC2TABLE_MAP)),
                () -> {
                  if (!renamed) {
                    out.add(new Target(resolver.resolve(topic), TOPICS));
                  }
                });
      }
    }
    String regex = props.get(TOPICS_REGEX);
    if (regex != null && !regex.isBlank() || renamed) {
      for (TableName table : resolver.mappedTables()) {
        out.add(new Target(table, FloeSinkConfig.TOPIC2TABLE_MAP));
      }
    }
    return new ArrayList<>(out);
  }

  private static List<String> topics(String listed) {
    return Arrays.stream(listed.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }
}
