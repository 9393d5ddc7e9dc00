package io.floe.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;

/**
 * The answer of {@code PUT /connector-plugins/{class}/config/validate}: the errors the worker would
 * show a user in its UI or CLI, per configuration key.
 */
public final class ConfigValidation {
  private final int errorCount;
  private final Map<String, List<String>> errors = new LinkedHashMap<>();
  private final Map<String, String> values = new LinkedHashMap<>();

  ConfigValidation(ConfigInfos infos) {
    this.errorCount = infos.errorCount();
    for (ConfigInfo info : infos.values()) {
      String key = info.configValue().name();
      values.put(key, info.configValue().value());
      if (!info.configValue().errors().isEmpty()) {
        errors.put(key, List.copyOf(info.configValue().errors()));
      }
    }
  }

  /** The total the worker reports (the connector's own checks and Connect's). */
  public int errorCount() {
    return errorCount;
  }

  /** Keys with at least one error, in the order the worker lists them. */
  public Map<String, List<String>> errors() {
    return errors;
  }

  /** The errors reported for {@code key}; empty when it is valid. */
  public List<String> errorsFor(String key) {
    return errors.getOrDefault(key, List.of());
  }

  /** Whether the worker reported a value for {@code key} (i.e. the key is known to the plugin). */
  public boolean knows(String key) {
    return values.containsKey(key);
  }

  @Override
  public String toString() {
    return errorCount + " error(s): " + errors;
  }
}
