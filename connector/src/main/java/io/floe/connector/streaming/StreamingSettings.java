package io.floe.connector.streaming;

import java.time.Duration;
import java.util.Map;

/**
 * How a task hands rows to its channels.
 *
 * @param singleBuffer hand every put()'s rows to the channels at its end (the SDK buffers and
 *     flushes them every max client lag); when false, Floe buffers until one of the thresholds
 * @param bufferRecords records buffered per partition before they are handed over
 * @param bufferBytes bytes of rows buffered per partition before they are handed over
 * @param flushTime the longest rows wait in Floe's buffer
 * @param closeTimeout how long closing a channel waits for Snowflake to commit its rows
 * @param maxRecoveries reopenings of one channel without a committed row in between before the task
 *     fails, so that two owners fencing each other do not go on for ever
 * @param maxClientLagSeconds the SDK's MAX_CLIENT_LAG; null for its default
 * @param maxMemoryBytes the SDK's MAX_MEMORY_LIMIT_IN_BYTES; -1 for its default
 * @param overrides SDK parameters the user set, which win over the two above
 * @param sharedClient one SDK client for the connector's tasks in this worker
 * @param adoptIncumbentOffsets resume a partition whose channel never committed after what
 *     Snowflake connector's channel for it committed
 */
public record StreamingSettings(
    String connectorName,
    boolean singleBuffer,
    long bufferRecords,
    long bufferBytes,
    Duration flushTime,
    Duration closeTimeout,
    int maxRecoveries,
    Long maxClientLagSeconds,
    long maxMemoryBytes,
    Map<String, String> overrides,
    boolean sharedClient,
    boolean adoptIncumbentOffsets) {}
