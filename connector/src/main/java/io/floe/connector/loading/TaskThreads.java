package io.floe.connector.loading;

import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * Creates the threads a task starts (uploads, submissions, load tracking), named {@code
 * floe-<connector>-<task>-<role>-<n>} and carrying the MDC of the thread that created the factory —
 * the task thread, where Kafka Connect has put {@code connector.context} ("[my-sink|task-0] ") — so
 * every line they log, and every thread dump, says which connector and task it belongs to.
 */
public final class TaskThreads {
  private final String prefix;
  private final Map<String, String> mdc;

  /** Captures the calling thread's MDC: create it on the task thread. */
  public TaskThreads(String connector, String task) {
    this.prefix = "floe-" + connector + "-" + task + "-";
    this.mdc = MDC.getCopyOfContextMap();
  }

  /** A factory of daemon threads for one role, e.g. "upload". */
  public ThreadFactory factory(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> newThread(r, role + "-" + n.incrementAndGet());
  }

  /** One daemon thread, not started. */
  Thread newThread(Runnable body, String role) {
    Thread t =
        new Thread(
            () -> {
              if (mdc != null) {
                MDC.setContextMap(mdc);
              }
              body.run();
            },
            prefix + role);
    t.setDaemon(true);
    return t;
  }
}
