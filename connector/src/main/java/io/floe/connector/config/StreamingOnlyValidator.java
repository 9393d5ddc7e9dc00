package io.floe.connector.config;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * For Snowflake-connector flags that only work with Snowpipe Streaming and change what lands in
 * Snowflake (Iceberg tables): {@code false} is accepted, {@code true} is rejected, as the Snowflake
 * connector itself does in SNOWPIPE mode. Silently ignoring them would load data into a different
 * table shape than the user asked for.
 */
final class StreamingOnlyValidator implements ConfigDef.Validator {
  private final String feature;

  StreamingOnlyValidator(String feature) {
    this.feature = feature;
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (Boolean.TRUE.equals(value)) {
      throw new ConfigException(
          new FloeException(ErrorCode.FLOE_0016, name + "=true asks for " + feature + ".")
              .getMessage());
    }
  }

  @Override
  public String toString() {
    return "false (true is rejected)";
  }
}
