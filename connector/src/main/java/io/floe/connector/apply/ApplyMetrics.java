package io.floe.connector.apply;

import io.floe.connector.snowflake.ObjectRef;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply step's figures, published beside the task's own MBean (docs/metrics.md). A separate
 * MBean because only tasks with floe.cdc.mode=upsert have them. The apply thread writes them; JMX's
 * thread reads snapshots.
 */
public final class ApplyMetrics implements ApplyMetricsMBean {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyMetrics.class);

  private final Clock clock;
  private final AtomicLong appliesCommitted = new AtomicLong();
  private final AtomicLong appliesFailed = new AtomicLong();
  private final AtomicLong rowsChanged = new AtomicLong();
  private volatile long lastApplyMillis;
  private final Map<ObjectRef, Long> backlog = new ConcurrentHashMap<>();
  private final Map<ObjectRef, Instant> behindSince = new ConcurrentHashMap<>();
  private final Map<ObjectRef, Integer> failuresInARow = new ConcurrentHashMap<>();
  private ObjectName registered;

  public ApplyMetrics(Clock clock) {
    this.clock = clock;
  }

  /** A round found {@code offsets} loaded beyond what is applied of {@code target}. */
  void behind(ObjectRef target, long offsets) {
    backlog.put(target, offsets);
    behindSince.putIfAbsent(target, clock.instant());
  }

  /**
   * An apply of {@code target} committed; {@code offsetsLeft} is what it left loaded behind (ranges
   * another task had taken, which the next round reads again).
   */
  void committed(ObjectRef target, long rows, Duration took, long offsetsLeft) {
    appliesCommitted.incrementAndGet();
    if (rows > 0) {
      rowsChanged.addAndGet(rows);
    }
    lastApplyMillis = took.toMillis();
    failuresInARow.remove(target);
    caughtUp(target, offsetsLeft);
  }

  /** Nothing (more) of {@code target} is loaded beyond what is applied, or {@code left} is. */
  void caughtUp(ObjectRef target, long left) {
    if (left <= 0) {
      backlog.remove(target);
      behindSince.remove(target);
    } else {
      backlog.put(target, left);
    }
  }

  void failed(ObjectRef target, int inARow) {
    appliesFailed.incrementAndGet();
    failuresInARow.put(target, inARow);
  }

  @Override
  public long getAppliesCommitted() {
    return appliesCommitted.get();
  }

  @Override
  public long getAppliesFailed() {
    return appliesFailed.get();
  }

  @Override
  public long getRowsChanged() {
    return rowsChanged.get();
  }

  @Override
  public long getLastApplyMillis() {
    return lastApplyMillis;
  }

  @Override
  public long getOffsetsLoadedNotApplied() {
    return backlog.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public long getApplyLagSeconds() {
    Instant now = clock.instant();
    return behindSince.values().stream()
        .mapToLong(since -> Math.max(0, Duration.between(since, now).toSeconds()))
        .max()
        .orElse(0);
  }

  @Override
  public int getApplyFailuresInARow() {
    return failuresInARow.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** Registers the MBean; a failure is logged, not fatal (the task runs without it). */
  public void register(String connector, String task) {
    try {
      ObjectName name =
          new ObjectName(
              "io.floe:type=cdc,connector=" + ObjectName.quote(connector) + ",task=" + task);
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      server.registerMBean(new StandardMBean(this, ApplyMetricsMBean.class), name);
      registered = name;
    } catch (JMException e) {
      LOG.warn("Cannot publish Floe's change data capture metrics over JMX: {}", e.toString());
    }
  }

  public void unregister() {
    if (registered != null) {
      try {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
      } catch (JMException e) {
        LOG.debug("JMX unregister failed", e);
      }
      registered = null;
    }
  }
}
