package io.floe.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * The worker's {@code plugin.path}: a directory holding only the built plugin jar, the way users
 * deploy Floe. The jar is the shaded {@code target/floe-<version>.jar} from {@code mvn package};
 * failsafe passes its path in {@value #JAR_PROPERTY}. Pointing plugin.path at {@code target/}
 * itself would not do: the worker would also load {@code target/classes} and the unshaded jar as
 * plugins.
 */
final class PluginPath {
  static final String JAR_PROPERTY = "floe.plugin.jar";
  static final String ALLOW_CLASSPATH_PROPERTY = "floe.it.allowClasspathPlugin";
  private static final String[] FLOE_MARKERS = {
    "io/floe/connector/ErrorCode.class", "io/floe/connector/SnowflakeSinkConnector.class"
  };

  private PluginPath() {}

  /** Links (or copies) the plugin jar into {@code target/it-plugin-path/} and returns that dir. */
  static Path stage() {
    requireFloeOffClasspath();
    Path jar = builtJar();
    Path dir = jar.toAbsolutePath().getParent().resolve("it-plugin-path");
    Path staged = dir.resolve(jar.getFileName());
    try {
      Files.createDirectories(dir);
      try (DirectoryStream<Path> old = Files.newDirectoryStream(dir)) {
        for (Path p : old) {
          Files.delete(p);
        }
      }
      // Re-linked on every run: the shade plugin replaces the jar file, so an old link would keep
      // serving the previous build.
      try {
        Files.createLink(staged, jar);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stage the plugin jar in " + dir, e);
    }
    return dir;
  }

  /**
   * A worker that finds a plugin both on its classpath and in plugin.path, in the same version,
   * runs the classpath copy (Kafka 4.1), so with target/classes on the test classpath the ITs would
   * not test the packaged plugin at all. Failsafe leaves target/classes off (see pom.xml); an IDE
   * does not.
   */
  private static void requireFloeOffClasspath() {
    if (Boolean.getBoolean(ALLOW_CLASSPATH_PROPERTY)) {
      return;
    }
    ClassLoader cl = PluginPath.class.getClassLoader();
    for (String marker : FLOE_MARKERS) {
      URL found = cl.getResource(marker);
      if (found != null) {
        throw new IllegalStateException(
            "Floe's own classes are on the test classpath ("
                + found
                + "), so Connect would run them instead of the plugin jar in plugin.path. Run"
                + " *IT tests with `mvn verify`, which leaves target/classes off their classpath,"
                + " or set -D"
                + ALLOW_CLASSPATH_PROPERTY
                + "=true to test the classpath copy anyway.");
      }
    }
  }

  /** The packaged plugin jar this build produced. */
  static Path builtJar() {
    String configured = System.getProperty(JAR_PROPERTY);
    Path jar = configured != null ? Paths.get(configured) : findInTarget();
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "The Floe plugin jar "
              + (jar == null ? "target/floe-<version>.jar" : jar)
              + " does not exist. *IT tests deploy the packaged plugin: run them with"
              + " `mvn verify` (or run `mvn -DskipTests package` first).");
    }
    return jar;
  }

  /** Outside Maven (an IDE), the jar `mvn package` left in target/. */
  private static Path findInTarget() {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(Paths.get("target"), "floe-*.jar")) {
      for (Path p : jars) {
        if (!p.getFileName().toString().endsWith("-shaded.jar")) {
          return p;
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }
}
