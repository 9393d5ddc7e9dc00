package io.floe.localsnowflake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Snowflake in its own JVM, from the test classpath or as bin/local-snowflake runs it (the
 * runnable jar), for tests that kill it: its READY line gives the JDBC URL and login, and {@link
 * #kill()} is a kill -9.
 */
final class LocalSnowflakeProcess implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("READY (\\S+) account=(\\S+) user=(\\S+) password=(\\S+)");

  private final Process process;
  private final Matcher ready;

  private LocalSnowflakeProcess(Process process, Matcher ready) {
    this.process = process;
    this.ready = ready;
  }

  /** Starts one from the test classpath and waits for its READY line. */
  static LocalSnowflakeProcess start(String... args) throws IOException {
    return run(
        List.of("-cp", System.getProperty("java.class.path"), LocalSnowflakeMain.class.getName()),
        args);
  }

  /** Starts the runnable jar ({@code java -jar JAR args}) and waits for its READY line. */
  static LocalSnowflakeProcess startJar(Path jar, String... args) throws IOException {
    return run(List.of("-jar", jar.toString()), args);
  }

  private static LocalSnowflakeProcess run(List<String> main, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
    command.addAll(main);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectError(Files.createTempFile("local-snowflake", ".log").toFile());
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    Matcher m = READY.matcher(String.valueOf(line));
    if (!m.matches()) {
      p.destroyForcibly();
      throw new IllegalStateException("first stdout line is not READY: " + line);
    }
    return new LocalSnowflakeProcess(p, m);
  }

  String jdbcUrl() {
    return ready.group(1);
  }

  String account() {
    return ready.group(2);
  }

  String user() {
    return ready.group(3);
  }

  /** {@code http://127.0.0.1:PORT}, from the JDBC URL. */
  String url() {
    Matcher m = Pattern.compile("//([^/]+)/").matcher(jdbcUrl());
    if (!m.find()) {
      throw new IllegalStateException("no host:port in " + jdbcUrl());
    }
    return "http://" + m.group(1);
  }

  int port() {
    String url = url();
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  Connection connect() throws SQLException {
    Properties p = new Properties();
    p.put("user", ready.group(3));
    p.put("password", ready.group(4));
    p.put("disablePlatformDetection", "true");
    return DriverManager.getConnection(jdbcUrl(), p);
  }

  /** POSTs to the control API, e.g. {@code /__local/snowpipe/pause}; returns the body. */
  String control(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(pathAndQuery + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  /** kill -9: no shutdown hook, nothing flushed on the way out. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
