package io.floe.connector.loading;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's counters, published over JMX as {@code io.floe:type=task,connector=<name>,task=<id>}
 * when jmx=true. Plain JMX: no metrics library to bundle or to clash with the worker's.
 */
public final class TaskMetrics implements TaskMetricsMBean {
  private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);

  private final AtomicLong recordsWritten = new AtomicLong();
  private final AtomicLong recordsSkipped = new AtomicLong();
  private final AtomicLong brokenRecords = new AtomicLong();
  private final AtomicLong filesStaged = new AtomicLong();
  private final AtomicLong bytesStaged = new AtomicLong();
  private final AtomicLong filesSubmitted = new AtomicLong();
  private final AtomicLong filesLoaded = new AtomicLong();
  private final AtomicLong filesFailed = new AtomicLong();
  private final AtomicLong filesPurged = new AtomicLong();
  private ObjectName registered;

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
    } catch (JMException e) {
      LOG.warn("Cannot publish Floe's task metrics over JMX: {}", e.toString());
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

  void recordsWritten(long n) {
    recordsWritten.addAndGet(n);
  }

  void recordSkipped() {
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
}
