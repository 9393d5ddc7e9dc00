package io.floe.connector.testing;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** What Kafka Connect gives a sink task, minus Kafka: records seeks and the assignment. */
public class TaskContextStandIn implements SinkTaskContext {
  private final Map<String, String> configs;
  private final Set<TopicPartition> assignment = new LinkedHashSet<>();
  private final Map<TopicPartition, Long> seeks = new HashMap<>();
  private ErrantRecordReporter reporter;

  public TaskContextStandIn(Map<String, String> configs) {
    this.configs = configs;
  }

  public void assign(Set<TopicPartition> partitions) {
    assignment.clear();
    assignment.addAll(partitions);
  }

  public void reporter(ErrantRecordReporter reporter) {
    this.reporter = reporter;
  }

  /** Seeks requested since the last call, which the worker applies before its next poll. */
  public synchronized Map<TopicPartition, Long> takeSeeks() {
    Map<TopicPartition, Long> out = new HashMap<>(seeks);
    seeks.clear();
    return out;
  }

  @Override
  public Map<String, String> configs() {
    return configs;
  }

  @Override
  public synchronized void offset(Map<TopicPartition, Long> offsets) {
    seeks.putAll(offsets);
  }

  @Override
  public synchronized void offset(TopicPartition tp, long offset) {
    seeks.put(tp, offset);
  }

  @Override
  public void timeout(long timeoutMs) {}

  @Override
  public Set<TopicPartition> assignment() {
    return assignment;
  }

  @Override
  public void pause(TopicPartition... partitions) {}

  @Override
  public void resume(TopicPartition... partitions) {}

  @Override
  public void requestCommit() {}

  @Override
  public ErrantRecordReporter errantRecordReporter() {
    return reporter;
  }

  @Override
  public PluginMetrics pluginMetrics() {
    return null;
  }
}
