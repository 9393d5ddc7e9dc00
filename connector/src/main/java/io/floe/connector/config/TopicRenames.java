package io.floe.connector.config;

import java.util.Map;
import java.util.Set;

/**
 * Whether the connector's transforms may rename topics (RegexRouter, TimestampRouter, or any
 * transform Floe does not know). Then one partition may feed several tables, Kafka's own committed
 * offset is the only resume point that is safe for all of them, and tables are prepared when their
 * first record arrives rather than on {@code open()}.
 */
public final class TopicRenames {
  /** Kafka's transforms that never change a record's topic. */
  private static final Set<String> KEEP_TOPIC =
      Set.of(
          "Cast$Key",
          "Cast$Value",
          "DropHeaders",
          "ExtractField$Key",
          "ExtractField$Value",
          "Filter",
          "Flatten$Key",
          "Flatten$Value",
          "HeaderFrom$Key",
          "HeaderFrom$Value",
          "HoistField$Key",
          "HoistField$Value",
          "InsertField$Key",
          "InsertField$Value",
          "InsertHeader",
          "MaskField$Key",
          "MaskField$Value",
          "ReplaceField$Key",
          "ReplaceField$Value",
          "SetSchemaMetadata$Key",
          "SetSchemaMetadata$Value",
          "TimestampConverter$Key",
          "TimestampConverter$Value",
          "ValueToKey");

  private static final String KAFKA_TRANSFORMS = "org.apache.kafka.connect.transforms.";

  private TopicRenames() {}

  /** True when a transform in {@code transforms} may give records another topic. */
  public static boolean possible(Map<String, String> props) {
    String transforms = props.getOrDefault("transforms", "");
    for (String alias : transforms.split(",")) {
      if (alias.isBlank()) {
        continue;
      }
      String type = props.getOrDefault("transforms." + alias.trim() + ".type", "").trim();
      boolean keeps =
          type.startsWith(KAFKA_TRANSFORMS)
              && KEEP_TOPIC.contains(type.substring(KAFKA_TRANSFORMS.length()));
      if (!keeps) {
        return true;
      }
    }
    return false;
  }
}
