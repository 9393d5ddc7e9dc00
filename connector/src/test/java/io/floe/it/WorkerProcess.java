package io.floe.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A distributed Kafka Connect worker as its own JVM process, from a directory of runtime jars, with
 * Floe's packaged plugin in its plugin.path: a worker of another Kafka version than the one on the
 * ITs' classpath, driven only through its REST API as an operator would.
 */
final class WorkerProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path lib;
  private final Path workDir;
  private final String bootstrapServers;
  private final Path pluginPath;
  private final String groupId;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;
  private int starts;

  WorkerProcess(Path lib, Path workDir, String bootstrapServers, Path pluginPath, String groupId) {
    this.lib = lib;
    this.workDir = workDir;
    this.bootstrapServers = bootstrapServers;
    this.pluginPath = pluginPath;
    this.groupId = groupId;
    this.port = freePort();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Starts the worker and waits until its REST API answers. */
  void start() {
    try {
      Files.createDirectories(workDir);
      if (starts == 0) {
        // A log left by an earlier run would be read as this one's.
        try (Stream<Path> old = Files.list(workDir)) {
          for (Path p : old.toList()) {
            Files.delete(p);
          }
        }
      }
      Path props = workDir.resolve("worker.properties");
      Files.writeString(
          props,
          String.join(
              "\n",
              "bootstrap.servers=" + bootstrapServers,
              "group.id=" + groupId,
              "offset.storage.topic=" + groupId + "-offsets",
              "config.storage.topic=" + groupId + "-configs",
              "status.storage.topic=" + groupId + "-status",
              "offset.storage.replication.factor=1",
              "config.storage.replication.factor=1",
              "status.storage.replication.factor=1",
              "key.converter=org.apache.kafka.connect.storage.StringConverter",
              "value.converter=org.apache.kafka.connect.json.JsonConverter",
              "listeners=http://127.0.0.1:" + port,
              "rest.advertised.host.name=127.0.0.1",
              "plugin.path=" + pluginPath,
              // Sink offsets are committed every second (default 60 s), so commits are observable.
              "offset.flush.interval.ms=1000",
              // A killed worker's sink consumers hold their partitions until their session times
              // out (45 s by default): 10 s lets the restarted worker take over within a test's
              // wait, with several connectors restarting at once.
              "consumer.session.timeout.ms=10000",
              ""));
      Path log4j = workDir.resolve("log4j.properties");
      Files.writeString(
          log4j,
          String.join(
              "\n",
              "log4j.rootLogger=INFO, file",
              "log4j.appender.file=org.apache.log4j.FileAppender",
              "log4j.appender.file.File=" + workDir.resolve("worker.log"),
              "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
              "log4j.appender.file.layout.ConversionPattern=[%d] %p %X{connector.context}%m (%c)%n",
              ""));
      starts++;
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx512m");
      command.add("-Dlog4j.configuration=" + log4j.toUri());
      command.add("-cp");
      command.add(lib.toAbsolutePath() + "/*");
      command.add("org.apache.kafka.connect.cli.ConnectDistributed");
      command.add(props.toString());
      Path out = workDir.resolve("worker-" + starts + ".out");
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start a Connect worker from " + lib, e);
    }
    Await.until(
        "the Connect worker at " + url() + " to answer (see " + workDir + ")",
        START_TIMEOUT,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                "The Connect worker exited with " + process.exitValue() + "; see " + workDir);
          }
          return get("/connectors").isArray()
              ? Await.Poll.done(true)
              : Await.Poll.<Boolean>notYet("no answer");
        });
  }

  /** Kills the worker as {@code kill -9} would: no shutdown, no offset commit. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** The lines of the worker's log file (its log4j configuration logs everything at INFO). */
  List<String> logLines() throws IOException {
    return Files.readAllLines(workDir.resolve("worker.log"), StandardCharsets.UTF_8);
  }

  /** What every start of the worker wrote to stdout and stderr, outside its log configuration. */
  List<String> outputLines() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= starts; i++) {
      lines.addAll(
          Files.readAllLines(workDir.resolve("worker-" + i + ".out"), StandardCharsets.UTF_8));
    }
    return lines;
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(url().resolve(path)).GET());
  }

  JsonNode put(String path, Map<String, String> body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(url().resolve(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request.timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() >= 300) {
      throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
