package io.floe.connector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md must be exactly what {@link ConfigurationDoc} renders from the ConfigDef.
 * Run with {@code -Dfloe.docs.write=true} to rewrite it after changing a setting.
 */
class ConfigurationDocTest {
  // Tests run in the connector module's directory; docs/ is at the repository root.
  private static final Path DOC = Path.of("..", "docs", "configuration.md");

  @Test
  void documentationIsGeneratedFromTheConfigDef() throws IOException {
    String expected = ConfigurationDoc.render(FloeSinkConfig.configDef());
    if (Boolean.getBoolean("floe.docs.write")) {
      Files.createDirectories(DOC.getParent());
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
    }
    String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
    assertEquals(
        expected,
        actual,
        DOC
            + " is out of date with FloeSinkConfig; regenerate it with: "
            + ConfigurationDoc.REGENERATE);
  }

  @Test
  void everySettingIsDocumentedAndGrouped() {
    for (ConfigKey key : FloeSinkConfig.configDef().configKeys().values()) {
      assertTrue(key.documentation != null && key.documentation.length() > 20, key.name);
      assertTrue(key.group != null && !key.group.isEmpty(), key.name);
      assertTrue(key.orderInGroup > 0, key.name);
      assertTrue(key.displayName != null && !key.displayName.isEmpty(), key.name);
    }
  }
}
