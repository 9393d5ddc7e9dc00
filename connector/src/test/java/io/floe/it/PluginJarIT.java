package io.floe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
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
              "net/snowflake/ingest/connection/RequestBuilder.class",
              "net/snowflake/ingest/connection/ServiceResponseHandler.class",
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

  /**
   * What `mvn package` leaves for users: one jar in target/ (so {@code cp target/*.jar} copies the
   * plugin alone), a Confluent Hub archive and a plain plugin.path archive holding that jar.
   */
  @Test
  void packageBuildsOneJarAndTheArchivesUsersInstall() throws IOException {
    Path jar = PluginPath.builtJar();
    Path target = jar.getParent();
    String version = jar.getFileName().toString().replaceAll("^floe-|\\.jar$", "");
    try (Stream<Path> files = Files.list(target)) {
      assertEquals(
          List.of(jar.getFileName().toString()),
          files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList(),
          "jars in " + target);
    }

    String top = "floe-snowflake-sink-" + version + "/";
    Path hub = target.resolve("components/packages/floe-snowflake-sink-" + version + ".zip");
    try (ZipFile zip = new ZipFile(hub.toFile())) {
      JsonNode manifest = new ObjectMapper().readTree(text(zip, top + "manifest.json"));
      assertEquals(version, manifest.path("version").asText());
      assertEquals("floe", manifest.path("owner").path("username").asText());
      assertTrue(manifest.path("component_types").toString().contains("sink"), "component types");
      assertTrue(manifest.path("license").isArray() && manifest.path("license").size() > 0);
      assertTrue(
          manifest.path("release_date").asText().matches("\\d{4}-\\d{2}-\\d{2}"),
          "release_date " + manifest.path("release_date"));
      assertEquals(Files.size(jar), zip.getEntry(top + "lib/" + jar.getFileName()).getSize());
      assertEquals(List.of(jar.getFileName().toString()), names(zip, top + "lib/"), "lib/ holds");
      for (String doc :
          List.of("doc/LICENSE", "doc/NOTICE", "doc/README.md", "etc/floe-sink.json")) {
        assertNotNull(zip.getEntry(top + doc), doc + " in " + hub.getFileName());
      }
    }

    Path plain = target.resolve("floe-" + version + "-plugin.zip");
    assertTrue(Files.exists(target.resolve("floe-" + version + "-plugin.tar.gz")));
    try (ZipFile zip = new ZipFile(plain.toFile())) {
      assertEquals(Files.size(jar), zip.getEntry("floe/" + jar.getFileName()).getSize());
      assertNotNull(zip.getEntry("floe/LICENSE"));
      assertNotNull(zip.getEntry("floe/NOTICE"));
    }

    // Bundled notices are merged: the JDBC driver's and Avro's both survive in one file.
    try (JarFile file = new JarFile(jar.toFile())) {
      String notice = text(file, "META-INF/NOTICE");
      assertTrue(notice.contains("Apache Avro"), "Avro's NOTICE is kept");
      assertTrue(notice.contains("Jackson"), "Jackson's NOTICE is kept");
    }
  }

  private static List<String> names(ZipFile zip, String dir) {
    return Collections.list(zip.entries()).stream()
        .map(ZipEntry::getName)
        .filter(n -> n.startsWith(dir) && n.length() > dir.length())
        .map(n -> n.substring(dir.length()))
        .toList();
  }

  private static String text(ZipFile zip, String name) throws IOException {
    ZipEntry e = zip.getEntry(name);
    assertNotNull(e, name);
    try (InputStream in = zip.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String service(JarFile file, String name) throws IOException {
    JarEntry e = file.getJarEntry(name);
    assertNotNull(e, name);
    try (InputStream in = file.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
