package io.floe.connector;

import io.floe.connector.config.ConnectorValidator;
import io.floe.connector.config.FloeSinkConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Floe, the Kafka Connect sink for Snowflake. Accepts the configuration keys of Snowflake's own
 * connector; {@link #validate} checks them and, when they are usable, logs in to Snowflake to
 * report problems against the exact setting to fix.
 */
public class SnowflakeSinkConnector extends SinkConnector {
  private Map<String, String> props;

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public void start(Map<String, String> props) {
    // Fail the connector early, with the setting named, rather than every task later.
    new FloeSinkConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return SnowflakeSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> task = new HashMap<>(props);
      task.put("task.id", String.valueOf(i));
      configs.add(task);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return FloeSinkConfig.configDef();
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return new ConnectorValidator(new JdbcConnectionCheck()).validate(connectorConfigs);
  }
}
