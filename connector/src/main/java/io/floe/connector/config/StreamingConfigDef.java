package io.floe.connector.config;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The Snowpipe Streaming group: the Snowflake connector's streaming keys, with its names, so that a
 * streaming-mode configuration switches to Floe by changing {@code connector.class}.
 */
final class StreamingConfigDef {
  static final String GROUP = "Snowpipe Streaming";

  static final String MAX_CLIENT_LAG = "snowflake.streaming.max.client.lag";
  static final String MAX_MEMORY = "snowflake.streaming.max.memory.limit.bytes";
  static final String SINGLE_BUFFER = "snowflake.streaming.enable.single.buffer";
  static final String OVERRIDES = "snowflake.streaming.client.provider.override.map";
  static final String CLIENT_OPTIMIZATION = "enable.streaming.client.optimization";
  static final String ADOPT_INCUMBENT_OFFSETS = "floe.streaming.adopt.incumbent.offsets";

  private StreamingConfigDef() {}

  static void define(ConfigDef def) {
    int order = 0;
    def.define(
        MAX_CLIENT_LAG,
        Type.LONG,
        null,
        ConfigDef.LambdaValidator.with(
            (name, value) -> {
              if (value != null) {
                Range.between(1L, 600L).ensureValid(name, value);
              }
            },
            () -> "null or [1,...,600]"),
        Importance.MEDIUM,
        "Snowpipe Streaming only. Seconds the SDK buffers rows before it flushes them to"
            + " Snowflake (its MAX_CLIENT_LAG): lower means rows are queryable sooner, higher"
            + " means fewer, larger files. Unset: the SDK's default (1 second).",
        GROUP,
        ++order,
        Width.SHORT,
        "Max client lag (s)");
    def.define(
        MAX_MEMORY,
        Type.LONG,
        -1L,
        Importance.LOW,
        "Snowpipe Streaming only. The SDK's MAX_MEMORY_LIMIT_IN_BYTES: memory its buffers may"
            + " hold before inserts wait. -1 keeps the SDK's default.",
        GROUP,
        ++order,
        Width.SHORT,
        "SDK memory limit (bytes)");
    def.define(
        SINGLE_BUFFER,
        Type.BOOLEAN,
        true,
        Importance.LOW,
        "Snowpipe Streaming only. true: each put()'s rows go to the SDK at once, and the SDK's"
            + " buffer (max client lag) alone decides when they are flushed, so buffer.* has no"
            + " effect. false: Floe first buffers each partition's rows up to buffer.count.records,"
            + " buffer.size.bytes or buffer.flush.time, as the Snowflake connector does by default"
            + " (Floe's default differs, because the second buffer only adds latency).",
        GROUP,
        ++order,
        Width.SHORT,
        "Single buffer");
    def.define(
        OVERRIDES,
        Type.STRING,
        "",
        new ParsingValidator(StreamingConfigDef::overrides, "KEY:VALUE[,KEY:VALUE...]"),
        Importance.LOW,
        "Snowpipe Streaming only. SDK parameters as KEY:VALUE pairs separated by commas (for"
            + " example MAX_CHANNEL_SIZE_IN_BYTES:33554432); they override what Floe sets,"
            + " including max client lag.",
        GROUP,
        ++order,
        Width.LONG,
        "SDK parameter overrides");
    def.define(
        CLIENT_OPTIMIZATION,
        Type.BOOLEAN,
        true,
        Importance.LOW,
        "Snowpipe Streaming only. true: the connector's tasks in one worker share one SDK"
            + " client (one set of buffers and flush threads); false: one client per task.",
        GROUP,
        ++order,
        Width.SHORT,
        "One client per worker");
    def.define(
        ADOPT_INCUMBENT_OFFSETS,
        Type.BOOLEAN,
        true,
        Importance.LOW,
        "Snowpipe Streaming only. true: when a partition's Floe channel has never committed (the"
            + " first start after switching connector.class from Snowflake's connector), Floe"
            + " reads the offset token of that connector's channel <topic>_<partition> on the"
            + " same table and resumes after it, so records it had loaded but Kafka had not"
            + " committed yet are not loaded twice. Opening that channel fences it, so do not"
            + " run both connectors on one table at once; an empty one opening created is dropped"
            + " again. false: resume from Kafka's committed offsets.",
        GROUP,
        ++order,
        Width.SHORT,
        "Adopt Snowflake connector's offsets");
  }

  /** Parses {@code K:V,K:V}; an entry without a key or a colon is an error naming it. */
  static Map<String, String> overrides(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return Collections.unmodifiableMap(out);
    }
    for (String entry : text.split(",")) {
      int colon = entry.indexOf(':');
      String key = colon < 0 ? "" : entry.substring(0, colon).trim();
      if (key.isEmpty()) {
        throw new FloeException(
            ErrorCode.FLOE_0052,
            OVERRIDES + " holds '" + entry.trim() + "', which is not KEY:VALUE.");
      }
      out.put(key, entry.substring(colon + 1).trim());
    }
    return Collections.unmodifiableMap(out);
  }
}
