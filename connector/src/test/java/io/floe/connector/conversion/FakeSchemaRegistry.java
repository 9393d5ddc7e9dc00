package io.floe.connector.conversion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A Confluent-compatible schema registry stand-in: {@code GET /schemas/ids/{id}} and {@code GET
 * /subjects/{subject}/versions/{version}}, optional basic auth, optional TLS, and a request count
 * per path so tests can see caching. It can also misbehave like a real one in an outage: answer the
 * next requests with an error status, or not answer at all. Public for the change data capture
 * tests (package {@code apply}), which feed Debezium's Avro events through the Avro converter.
 */
public final class FakeSchemaRegistry implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String scheme;
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private volatile String expectedAuthorization;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus;
  private volatile String failureBody;
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile boolean hanging;

  private FakeSchemaRegistry(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeSchemaRegistry start() throws IOException {
    return new FakeSchemaRegistry(
        HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
  }

  static FakeSchemaRegistry startTls(SSLContext context) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    return new FakeSchemaRegistry(server, "https");
  }

  public String url() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakeSchemaRegistry register(int id, org.apache.avro.Schema schema) {
    return registerBody(id, body(schema.toString(), null, null));
  }

  FakeSchemaRegistry registerBody(int id, String responseJson) {
    bodies.put("/schemas/ids/" + id, responseJson);
    return this;
  }

  FakeSchemaRegistry registerSubjectVersion(String subject, int version, String schemaJson) {
    bodies.put("/subjects/" + subject + "/versions/" + version, body(schemaJson, null, null));
    return this;
  }

  FakeSchemaRegistry requireBasicAuth(String user, String password) {
    expectedAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** The next {@code times} requests get {@code status} with {@code body}, whatever they ask. */
  FakeSchemaRegistry failNext(int times, int status, String body) {
    failureStatus = status;
    failureBody = body;
    failuresLeft.set(times);
    return this;
  }

  /** From now on requests are accepted but never answered (until {@link #close()}). */
  FakeSchemaRegistry hang() {
    hanging = true;
    return this;
  }

  int requests(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  static String body(String schema, String schemaType, String referencesJson) {
    ObjectNode node = JSON.createObjectNode().put("schema", schema);
    if (schemaType != null) {
      node.put("schemaType", schemaType);
    }
    try {
      if (referencesJson != null) {
        node.set("references", JSON.readTree(referencesJson));
      }
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    if (hanging) {
      awaitRelease();
      exchange.close();
      return;
    }
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      respond(exchange, failureStatus, failureBody);
      return;
    }
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (expectedAuthorization != null && !expectedAuthorization.equals(auth)) {
      respond(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
      return;
    }
    String body = bodies.get(path);
    if (body == null) {
      respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
    } else {
      respond(exchange, 200, body);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void awaitRelease() {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
