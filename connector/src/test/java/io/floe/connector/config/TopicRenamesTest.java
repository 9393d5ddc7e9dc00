package io.floe.connector.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicRenamesTest {
  @Test
  void routersAndUnknownTransformsMayRenameTopics() {
    assertTrue(
        TopicRenames.possible(
            Map.of(
                "transforms", "route",
                "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter")));
    assertTrue(
        TopicRenames.possible(
            Map.of(
                "transforms", "flat, day",
                "transforms.flat.type", "org.apache.kafka.connect.transforms.Flatten$Value",
                "transforms.day.type", "org.apache.kafka.connect.transforms.TimestampRouter")));
    assertTrue(
        TopicRenames.possible(
            Map.of("transforms", "x", "transforms.x.type", "com.example.MyRouter")));
  }

  @Test
  void kafkasTransformsThatKeepTheTopicDoNot() {
    assertFalse(TopicRenames.possible(Map.of()));
    assertFalse(
        TopicRenames.possible(
            Map.of(
                "transforms", "key,ts",
                "transforms.key.type", "org.apache.kafka.connect.transforms.ValueToKey",
                "transforms.ts.type", "org.apache.kafka.connect.transforms.InsertField$Value")));
  }
}
