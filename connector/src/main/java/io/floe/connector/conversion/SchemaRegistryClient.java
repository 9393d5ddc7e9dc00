package io.floe.connector.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.connector.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * A small client for the Confluent Schema Registry REST API: just what reading Avro records needs
 * ({@code GET /schemas/ids/{id}}, plus {@code GET /subjects/{s}/versions/{v}} for schema
 * references). Schemas are immutable per id, so each is fetched once and cached for the life of the
 * converter. Registry URLs are tried in turn, starting with the last one that answered. Failures
 * are {@link ConversionException}s: FLOE-4005 unknown id, FLOE-4006 no registry answered or
 * credentials refused, FLOE-4007 a schema that is not usable Avro.
 */
final class SchemaRegistryClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";

  private final RegistryEndpoint endpoint;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
  private volatile int preferred;

  SchemaRegistryClient(RegistryEndpoint endpoint) {
    this.endpoint = endpoint;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            // Never follow redirects: they would carry the credentials to another host.
            .followRedirects(HttpClient.Redirect.NEVER);
    if (endpoint.sslContext() != null) {
      builder.sslContext(endpoint.sslContext());
    }
    if (endpoint.proxy() != null) {
      builder.proxy(endpoint.proxy());
    }
    this.http = builder.build();
  }

  /** The writer schema registered under {@code id}. */
  Schema schemaById(int id) {
    Schema cached = schemas.get(id);
    if (cached != null) {
      return cached;
    }
    String what = "schema id " + id;
    JsonNode body = get("schemas/ids/" + id, what, ErrorCode.FLOE_4005);
    Schema schema = parse(body, what);
    Schema raced = schemas.putIfAbsent(id, schema);
    return raced != null ? raced : schema;
  }

  private Schema parse(JsonNode body, String what) {
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw new ConversionException(
          ErrorCode.FLOE_4007,
          what + " is a " + type + " schema; SnowflakeAvroConverter reads Avro");
    }
    JsonNode text = body.get("schema");
    if (text == null || !text.isTextual()) {
      throw new ConversionException(
          ErrorCode.FLOE_4007, "the registry's answer for " + what + " has no schema");
    }
    Schema.Parser parser = new Schema.Parser();
    // Accept what the registry accepted: it does not insist on valid defaults either.
    parser.setValidateDefaults(false);
    addReferences(parser, body.path("references"), new HashSet<>(), what);
    try {
      return parser.parse(text.asText());
    } catch (AvroRuntimeException e) {
      throw new ConversionException(
          ErrorCode.FLOE_4007, what + " does not parse as Avro: " + e.getMessage(), e);
    }
  }

  /** Parses referenced schemas first (depth first), so the parser knows their named types. */
  private void addReferences(
      Schema.Parser parser, JsonNode references, Set<String> seen, String what) {
    for (JsonNode reference : references) {
      String subject = reference.path("subject").asText("");
      String version = reference.path("version").asText("");
      if (subject.isEmpty() || version.isEmpty() || !seen.add(subject + "/" + version)) {
        continue;
      }
      String referenced =
          "subject '" + subject + "' version " + version + " (referenced by " + what + ")";
      JsonNode body =
          get(
              "subjects/"
                  + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20")
                  + "/versions/"
                  + URLEncoder.encode(version, StandardCharsets.UTF_8),
              referenced,
              ErrorCode.FLOE_4007);
      addReferences(parser, body.path("references"), seen, what);
      try {
        parser.parse(body.path("schema").asText());
      } catch (AvroRuntimeException e) {
        throw new ConversionException(
            ErrorCode.FLOE_4007, referenced + " does not parse as Avro: " + e.getMessage(), e);
      }
    }
  }

  private JsonNode get(String relativePath, String what, ErrorCode notFound) {
    List<URI> urls = endpoint.baseUrls();
    List<String> failures = new ArrayList<>();
    int first = preferred;
    for (int attempt = 0; attempt < urls.size(); attempt++) {
      int index = (first + attempt) % urls.size();
      URI base = urls.get(index);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(relativePath))
              .timeout(REQUEST_TIMEOUT)
              .header("Accept", ACCEPT)
              .GET();
      if (endpoint.authorization() != null) {
        request.header("Authorization", endpoint.authorization());
      }
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        failures.add(base + ": " + e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConversionException(ErrorCode.FLOE_4006, "interrupted while fetching " + what);
      }
      int status = response.statusCode();
      if (status == 200) {
        preferred = index;
        return body(response.body(), base, what);
      }
      String answer = "HTTP " + status + registryMessage(response.body());
      if (status == 404) {
        throw new ConversionException(notFound, base + " has no " + what + " (" + answer + ")");
      }
      if (status == 401 || status == 403) {
        throw new ConversionException(
            ErrorCode.FLOE_4006,
            base + " refused the credentials for " + what + " (" + answer + ")");
      }
      failures.add(base + ": " + answer);
    }
    throw new ConversionException(
        ErrorCode.FLOE_4006,
        "no schema registry answered for " + what + ": " + String.join("; ", failures));
  }

  private JsonNode body(byte[] bytes, URI base, String what) {
    try {
      JsonNode node = json.readTree(bytes);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // fall through: not JSON
    }
    throw new ConversionException(
        ErrorCode.FLOE_4006,
        base + " answered for " + what + " with something other than a JSON object");
  }

  /** The registry's error_code and message, when the body carries them. */
  private String registryMessage(byte[] bytes) {
    try {
      JsonNode node = json.readTree(bytes);
      if (node != null && node.has("message")) {
        return ", error_code "
            + node.path("error_code").asText("?")
            + ": "
            + node.path("message").asText();
      }
    } catch (IOException e) {
      // not JSON: the status says enough
    }
    return "";
  }
}
