package io.floe.it;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

/**
 * What {@code GET /connectors/{name}/status} says about a connector and its tasks, in the terms a
 * test asserts on: states, which worker runs what, and the stack trace of a failure.
 */
public final class ConnectorStatus {
  public static final String RUNNING = "RUNNING";
  public static final String FAILED = "FAILED";

  /** One task's state; {@code workerId} is the worker's REST host:port, {@code trace} its error. */
  public record TaskStatus(int id, String state, String workerId, String trace) {
    public boolean runsOn(URI workerUrl) {
      return workerId != null && workerId.endsWith(":" + workerUrl.getPort());
    }
  }

  private final String name;
  private final String state;
  private final String workerId;
  private final String trace;
  private final List<TaskStatus> tasks;

  ConnectorStatus(ConnectorStateInfo info) {
    this.name = info.name();
    this.state = info.connector().state();
    this.workerId = info.connector().workerId();
    this.trace = info.connector().trace();
    this.tasks =
        info.tasks().stream()
            .map(t -> new TaskStatus(t.id(), t.state(), t.workerId(), t.trace()))
            .sorted(Comparator.comparingInt(TaskStatus::id))
            .toList();
  }

  public String name() {
    return name;
  }

  /** The connector instance's state (RUNNING, FAILED, PAUSED, STOPPED, UNASSIGNED, RESTARTING). */
  public String state() {
    return state;
  }

  public String workerId() {
    return workerId;
  }

  /** The connector instance's failure trace, or null. */
  public String trace() {
    return trace;
  }

  public List<TaskStatus> tasks() {
    return tasks;
  }

  public TaskStatus task(int id) {
    return tasks.stream()
        .filter(t -> t.id() == id)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("Connector " + name + " has no task " + id + ": " + this));
  }

  /** The connector and exactly {@code taskCount} tasks are RUNNING. */
  public boolean isRunning(int taskCount) {
    return RUNNING.equals(state)
        && tasks.size() == taskCount
        && tasks.stream().allMatch(t -> RUNNING.equals(t.state()));
  }

  /** The first failed task, if any. */
  public Optional<TaskStatus> failedTask() {
    return tasks.stream().filter(t -> FAILED.equals(t.state())).findFirst();
  }

  /** Distinct workers running this connector's tasks. */
  public long taskWorkerCount() {
    return tasks.stream().map(TaskStatus::workerId).distinct().count();
  }

  /** The connector or one of its tasks has FAILED: its trace, for failing a test with a reason. */
  public Optional<String> failure() {
    if (FAILED.equals(state)) {
      return Optional.of("connector " + name + " FAILED on " + workerId + ":\n" + trace);
    }
    return failedTask()
        .map(t -> "task " + name + "-" + t.id() + " FAILED on " + t.workerId() + ":\n" + t.trace());
  }

  /** Compact, for assertion messages: {@code RUNNING; 0=RUNNING@host:port, 1=FAILED@host:port}. */
  @Override
  public String toString() {
    return state
        + "@"
        + workerId
        + "; tasks: "
        + (tasks.isEmpty()
            ? "none"
            : tasks.stream()
                .map(t -> t.id() + "=" + t.state() + "@" + t.workerId())
                .collect(Collectors.joining(", ")));
  }
}
