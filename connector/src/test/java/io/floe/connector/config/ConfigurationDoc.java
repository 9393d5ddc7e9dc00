package io.floe.connector.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.types.Password;

/** Renders docs/configuration.md from Floe's ConfigDef, so the document cannot drift. */
final class ConfigurationDoc {
  static final String REGENERATE =
      "mvn -q -B -pl connector -am test -Dtest=ConfigurationDocTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dfloe.docs.write=true";

  private ConfigurationDoc() {}

  static String render(ConfigDef def) {
    StringBuilder md = new StringBuilder();
    md.append("# Floe configuration\n\n")
        .append("<!-- Generated from FloeSinkConfig's ConfigDef; do not edit by hand.\n")
        .append("     Regenerate with: ")
        .append(REGENERATE)
        .append(" -->\n\n")
        .append(
            "Floe accepts the configuration of the Snowflake Kafka connector"
                + " (`com.snowflake.kafka.connector.SnowflakeSinkConnector`, SNOWPIPE mode):"
                + " to switch, change only `connector.class`. Every key below is validated when"
                + " the connector is created or updated (`PUT /connectors/<name>/config`), each"
                + " error is reported on the key to change, and, when the connection settings"
                + " are usable, Floe also logs in to Snowflake to check them.\n\n")
        .append(
            "Kafka Connect's own settings (`name`, `connector.class`, `tasks.max`, `topics`,"
                + " `topics.regex`, converters, `errors.tolerance`,"
                + " `errors.deadletterqueue.topic.name`, ...) work as for any sink connector and"
                + " are not listed here. Secrets (type `password`) can come from a config"
                + " provider, e.g. `${file:/opt/secrets/snowflake.properties:private_key}`.\n\n")
        .append("Groups: ")
        .append(
            def.groups().stream()
                .map(g -> "[" + g + "](#" + g.toLowerCase().replace(' ', '-') + ")")
                .collect(Collectors.joining(", ")))
        .append(".\n");

    Map<String, List<ConfigKey>> byGroup =
        def.configKeys().values().stream().collect(Collectors.groupingBy(k -> k.group));
    for (String group : def.groups()) {
      md.append("\n## ").append(group).append("\n\n");
      if (group.equals(CompatibilityKeys.GROUP)) {
        md.append(
            "Settings of the Snowflake connector that Floe accepts so that existing"
                + " configurations validate unchanged. Unless the description says otherwise"
                + " they have no effect.\n\n");
      }
      md.append("| Key | Type | Default | Valid values | Importance | Description |\n")
          .append("|---|---|---|---|---|---|\n");
      List<ConfigKey> keys = byGroup.get(group);
      keys.sort(Comparator.comparingInt(k -> k.orderInGroup));
      for (ConfigKey key : keys) {
        md.append("| `")
            .append(key.name)
            .append("` | ")
            .append(key.type.name().toLowerCase())
            .append(" | ")
            .append(defaultValue(key))
            .append(" | ")
            .append(cell(validValues(key)))
            .append(" | ")
            .append(key.importance.name().toLowerCase())
            .append(" | ")
            .append(cell(key.documentation))
            .append(" |\n");
      }
    }
    md.append("\n### Ignored Snowpipe Streaming settings\n\n")
        .append(
            "These Snowflake connector settings choose between its own channel names and"
                + " migrate offsets between them, or pick its file version; Floe names its channels"
                + " after the connector from the start, so it ignores them, in either mode, with a"
                + " warning in the log:\n\n");
    for (String key : CompatibilityKeys.IGNORED_STREAMING_KEYS) {
      md.append("- `").append(key).append("`\n");
    }
    return md.toString();
  }

  private static String validValues(ConfigKey key) {
    if (key.validator != null) {
      return key.validator.toString();
    }
    return key.type == ConfigDef.Type.BOOLEAN ? "true, false" : "";
  }

  private static String defaultValue(ConfigKey key) {
    if (!key.hasDefault()) {
      return "*required*";
    }
    Object value = key.defaultValue;
    if (value == null) {
      return "*none*";
    }
    String text = value instanceof Password p ? p.value() : value.toString();
    return text.isEmpty() ? "`\"\"`" : "`" + cell(text) + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|")
        .replace("*", "\\*")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", " ");
  }
}
