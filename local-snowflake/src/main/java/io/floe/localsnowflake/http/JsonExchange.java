package io.floe.localsnowflake.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One HTTP request/response as the drivers use them: JSON bodies, gzip-encoded from JDBC's query
 * path, query-string parameters, and the {@code Authorization} header's token.
 */
final class JsonExchange {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpExchange exchange;
  private final Map<String, String> query;
  private byte[] body;

  JsonExchange(HttpExchange exchange) {
    this.exchange = exchange;
    this.query = parseQuery(exchange.getRequestURI().getRawQuery());
  }

  String method() {
    return exchange.getRequestMethod();
  }

  String path() {
    return exchange.getRequestURI().getPath();
  }

  String query(String name) {
    return query.get(name);
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /**
   * The token of {@code Authorization: Snowflake Token="…"} (JDBC) or {@code Bearer …} (Snowpipe),
   * or null.
   */
  String authorizationToken() {
    String auth = header("Authorization");
    if (auth == null) {
      return null;
    }
    int at = auth.indexOf("Token=\"");
    if (at >= 0) {
      int end = auth.indexOf('"', at + 7);
      return end < 0 ? null : auth.substring(at + 7, end);
    }
    if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    return null;
  }

  /** The request body, decompressed; read once and kept, so every step may look at it. */
  private InputStream body() throws IOException {
    InputStream in = exchange.getRequestBody();
    String encoding = header("Content-Encoding");
    return encoding != null && encoding.toLowerCase().contains("gzip")
        ? new GZIPInputStream(in)
        : in;
  }

  byte[] bodyBytes() throws IOException {
    if (body == null) {
      try (InputStream in = body()) {
        body = in.readAllBytes();
      }
    }
    return body;
  }

  JsonNode bodyJson() throws IOException {
    byte[] bytes = bodyBytes();
    return bytes.length == 0 ? NullNode.getInstance() : MAPPER.readTree(bytes);
  }

  void respond(int status, JsonNode body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    respondBytes(status, bytes);
  }

  void respondBytes(int status, byte[] bytes) throws IOException {
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  HttpExchange raw() {
    return exchange;
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
