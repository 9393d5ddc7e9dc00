package io.floe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The plugin jar users drop into plugin.path: shaded with what Floe needs, without what the worker
 * supplies (a second copy of Kafka's or SLF4J's classes in a plugin is a classic source of
 * LinkageErrors), and discoverable with plugin.discovery=service_load.
 */
class PluginJarIT {

  @Test
  void containsFloeAndItsDriversButNotWhatTheWorkerProvides() throws IOException {
    Path jar = PluginPath.builtJar();
    List<String> forbidden = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry e : java.util.Collections.list(file.entries())) {
        String name = e.getName();
        if (name.endsWith(".class")
            && (name.startsWith("org/apache/kafka/") || name.startsWith("org/slf4j/"))) {
          forbidden.add(name);
        }
      }
      assertEquals(
          List.of(),
          forbidden.subList(0, Math.min(5, forbidden.size())),
          forbidden.size() + " classes the worker provides are bundled");
      for (String required :
          List.of(
              "io/floe/connector/SnowflakeSinkConnector.class",
              "io/floe/connector/conversion/SnowflakeJsonConverter.class",
              "net/snowflake/client/jdbc/SnowflakeDriver.class",
              "net/snowflake/ingest/SimpleIngestManager.class",
              "org/bouncycastle/jce/provider/BouncyCastleProvider.class",
              "org/apache/avro/Schema.class",
              "com/fasterxml/jackson/databind/ObjectMapper.class")) {
        assertNotNull(file.getJarEntry(required), required + " is bundled");
      }
      assertTrue(
          service(file, "META-INF/services/org.apache.kafka.connect.sink.SinkConnector")
              .contains("io.floe.connector.SnowflakeSinkConnector"));
      assertTrue(
          service(file, "META-INF/services/org.apache.kafka.connect.storage.Converter")
              .contains("io.floe.connector.conversion.SnowflakeAvroConverter"));
      assertEquals(
          jar.getFileName().toString().replaceAll("^floe-|\\.jar$", ""),
          file.getManifest().getMainAttributes().getValue("Implementation-Version"),
          "the version Connect shows for the plugin");
      for (JarEntry e : java.util.Collections.list(file.entries())) {
        assertTrue(
            !e.getName().startsWith("io/floe/localsnowflake/"),
            "the local Snowflake lives in test sources only: " + e.getName());
      }
    }
    System.out.printf("plugin jar %s: %.1f MB%n", jar.getFileName(), Files.size(jar) / 1e6);
  }

  private static String service(JarFile file, String name) throws IOException {
    JarEntry e = file.getJarEntry(name);
    assertNotNull(e, name);
    try (InputStream in = file.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
