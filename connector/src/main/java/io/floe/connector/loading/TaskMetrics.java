package io.floe.connector.loading;

import io.floe.connector.snowflake.CallStats;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's counters and gauges, published over JMX as {@code
 * io.floe:type=task,connector=<name>,task=<id>} when jmx=true, with one {@code
 * io.floe:type=partition,…,topic=<t>,partition=<p>} per assigned partition for its offset lag.
 * Plain JMX: no metrics library to bundle or to clash with the worker's. Gauges are snapshots the
 * task thread and the load tracker publish (their own state is not thread-safe to read from JMX's
 * thread); docs/metrics.md lists every attribute.
 */
public final class TaskMetrics implements TaskMetricsMBean {
  private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);

  private final CallStats calls;
  private final Clock clock;
  private volatile Buffers buffers = new Buffers(0, 0, 0, 0);
  private volatile int filesAwaitingLoad;
  private volatile Instant oldestAwaitingLoad;
  private final Map<TopicPartition, PartitionLag> partitions = new ConcurrentHashMap<>();
  private String connector;
  private String task;

  private final AtomicLong recordsWritten = new AtomicLong();
  private final AtomicLong recordsSkipped = new AtomicLong();
  private final AtomicLong brokenRecords = new AtomicLong();
  private final AtomicLong filesStaged = new AtomicLong();
  private final AtomicLong bytesStaged = new AtomicLong();
  private final AtomicLong filesSubmitted = new AtomicLong();
  private final AtomicLong filesLoaded = new AtomicLong();
  private final AtomicLong filesFailed = new AtomicLong();
  private final AtomicLong filesPurged = new AtomicLong();
  private final AtomicLong buffersSealedEarly = new AtomicLong();
  private final AtomicLong overlappingFilesSkipped = new AtomicLong();
  private volatile long channelCommitLagMillis;
  private ObjectName registered;

  public TaskMetrics() {
    this(new CallStats(), Clock.systemUTC());
  }

  /**
   * @param calls what the task's Retrier records about its Snowflake calls
   * @param clock the clock file ages are measured with (the load tracker's)
   */
  public TaskMetrics(CallStats calls, Clock clock) {
    this.calls = calls;
    this.clock = clock;
  }

  /** What the task's buffers hold, published by the task thread after each batch. */
  record Buffers(long records, long bytes, long memoryBytes, int filesWaitingForUpload) {}

  void buffers(Buffers now) {
    buffers = now;
  }

  /** Files submitted whose outcome Snowpipe has not reported, and when the oldest was submitted. */
  void awaitingLoad(int files, Instant oldestSubmitted) {
    filesAwaitingLoad = files;
    oldestAwaitingLoad = oldestSubmitted;
  }

  /**
   * A partition's consumed offset (past the newest record the task was handed), committable offset
   * (past what is staged and submitted; -1 where not known yet) and lag: the records between.
   */
  public void partition(TopicPartition tp, long consumed, long committable, long lag) {
    partition(tp, consumed, -1, committable, lag);
  }

  /**
   * As above, with the processed offset: past the newest row handed to Snowflake but not yet known
   * committed (Snowpipe Streaming's channels).
   */
  public void partition(
      TopicPartition tp, long consumed, long processed, long committable, long lag) {
    PartitionLag p = partitions.computeIfAbsent(tp, this::registerPartition);
    p.consumed = consumed;
    p.processed = processed;
    p.committable = committable;
    p.lag = lag;
  }

  /** Snowpipe Streaming: the oldest wait for a commit among the task's channels. */
  public void channelCommitLag(long millis) {
    channelCommitLagMillis = millis;
  }

  @Override
  public long getChannelCommitLagMillis() {
    return channelCommitLagMillis;
  }

  /** The partition is no longer this task's. */
  public void partitionClosed(TopicPartition tp) {
    PartitionLag lag = partitions.remove(tp);
    if (lag != null && lag.name != null) {
      unregister(lag.name);
    }
  }

  private PartitionLag registerPartition(TopicPartition tp) {
    PartitionLag lag = new PartitionLag();
    if (registered != null) {
      try {
        lag.name =
            new ObjectName(
                "io.floe:type=partition,connector="
                    + ObjectName.quote(connector)
                    + ",task="
                    + task
                    + ",topic="
                    + ObjectName.quote(tp.topic())
                    + ",partition="
                    + tp.partition());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(lag.name)) {
          server.unregisterMBean(lag.name);
        }
        server.registerMBean(new StandardMBean(lag, PartitionLagMBean.class), lag.name);
      } catch (JMException e) {
        LOG.debug("Cannot publish partition metrics for {}", tp, e);
        lag.name = null;
      }
    }
    return lag;
  }

  /** The JMX view of one partition's offsets. */
  public interface PartitionLagMBean {
    long getConsumedOffset();

    /**
     * Snowpipe Streaming: past the newest row handed to the partition's channel (-1 in Snowpipe
     * mode, where files are tracked instead).
     */
    long getProcessedOffset();

    long getCommittableOffset();

    /** Records handed to the task that Kafka may not commit yet (not staged and submitted). */
    long getOffsetLag();
  }

  private static final class PartitionLag implements PartitionLagMBean {
    private volatile long consumed = -1;
    private volatile long processed = -1;
    private volatile long committable = -1;
    private volatile long lag;
    private ObjectName name;

    @Override
    public long getConsumedOffset() {
      return consumed;
    }

    @Override
    public long getProcessedOffset() {
      return processed;
    }

    @Override
    public long getCommittableOffset() {
      return committable;
    }

    @Override
    public long getOffsetLag() {
      return lag;
    }
  }

  /** Registers the MBean; a name clash (same task registered twice) is logged, not fatal. */
  public void register(String connector, String task) {
    try {
      ObjectName name =
          new ObjectName(
              "io.floe:type=task,connector=" + ObjectName.quote(connector) + ",task=" + task);
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      server.registerMBean(new StandardMBean(this, TaskMetricsMBean.class), name);
      registered = name;
      this.connector = connector;
      this.task = task;
    } catch (JMException e) {
      LOG.warn("Cannot publish Floe's task metrics over JMX: {}", e.toString());
    }
  }

  public void unregister() {
    partitions.keySet().forEach(this::partitionClosed);
    if (registered != null) {
      unregister(registered);
      registered = null;
    }
  }

  private static void unregister(ObjectName name) {
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (JMException e) {
      LOG.debug("JMX unregister failed", e);
    }
  }

  public void recordsWritten(long n) {
    recordsWritten.addAndGet(n);
  }

  public void recordSkipped() {
    recordsSkipped.incrementAndGet();
  }

  void brokenRecord() {
    brokenRecords.incrementAndGet();
  }

  void fileStaged(long bytes) {
    filesStaged.incrementAndGet();
    bytesStaged.addAndGet(bytes);
  }

  void filesSubmitted(long n) {
    filesSubmitted.addAndGet(n);
  }

  void fileLoaded() {
    filesLoaded.incrementAndGet();
  }

  void fileFailed() {
    filesFailed.incrementAndGet();
  }

  void bufferSealedEarly() {
    buffersSealedEarly.incrementAndGet();
  }

  void filePurged() {
    filesPurged.incrementAndGet();
  }

  @Override
  public long getRecordsWritten() {
    return recordsWritten.get();
  }

  @Override
  public long getRecordsSkipped() {
    return recordsSkipped.get();
  }

  @Override
  public long getBrokenRecords() {
    return brokenRecords.get();
  }

  @Override
  public long getFilesStaged() {
    return filesStaged.get();
  }

  @Override
  public long getBytesStaged() {
    return bytesStaged.get();
  }

  @Override
  public long getFilesSubmitted() {
    return filesSubmitted.get();
  }

  @Override
  public long getFilesLoaded() {
    return filesLoaded.get();
  }

  @Override
  public long getFilesFailed() {
    return filesFailed.get();
  }

  @Override
  public long getFilesPurged() {
    return filesPurged.get();
  }

  /** Recovery found a staged file overlapping another of its partition and did not submit it. */
  void overlappingFileSkipped() {
    overlappingFilesSkipped.incrementAndGet();
  }

  @Override
  public long getOverlappingFilesSkipped() {
    return overlappingFilesSkipped.get();
  }

  @Override
  public long getBuffersSealedEarly() {
    return buffersSealedEarly.get();
  }

  @Override
  public long getBufferedRecords() {
    return buffers.records();
  }

  @Override
  public long getBufferedBytes() {
    return buffers.bytes();
  }

  @Override
  public long getBufferMemoryBytes() {
    return buffers.memoryBytes();
  }

  @Override
  public int getFilesWaitingForUpload() {
    return buffers.filesWaitingForUpload();
  }

  @Override
  public int getFilesAwaitingLoad() {
    return filesAwaitingLoad;
  }

  @Override
  public long getOldestFileAwaitingLoadSeconds() {
    Instant oldest = oldestAwaitingLoad;
    return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds());
  }

  @Override
  public long getOffsetLagTotal() {
    return partitions.values().stream().mapToLong(PartitionLag::getOffsetLag).sum();
  }

  @Override
  public long getSnowflakeCalls() {
    return calls.calls();
  }

  @Override
  public long getSnowflakeRetries() {
    return calls.retries();
  }

  @Override
  public long getSnowflakeFailures() {
    return calls.failures();
  }

  @Override
  public long getSnowflakeCallMillisP50() {
    return calls.percentileMillis(50);
  }

  @Override
  public long getSnowflakeCallMillisP99() {
    return calls.percentileMillis(99);
  }
}
