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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * A small client for the Confluent Schema Registry REST API: just what reading Avro records needs
 * ({@code GET /schemas/ids/{id}}, plus {@code GET /subjects/{s}/versions/{v}} for schema
 * references). Schemas are immutable per id, so each is fetched once and cached for the life of the
 * converter. Registry URLs are tried in turn, starting with the last one that answered.
 *
 * <p>Two kinds of failure, kept apart because only one is about the record. The registry saying the
 * schema does not exist (HTTP 404 with its error code 40403, or 40401/40402 for a reference) or is
 * unusable is a {@link ConversionException}: FLOE-4005 or FLOE-4007, a broken record. The registry
 * not answering is not: timeouts, connection failures, HTTP 408, 429 and 5xx are retried with
 * exponential backoff ({@link RegistryRetries}), and then, like refused credentials or an answer
 * that is not the registry's, end in a {@link RegistryUnavailableException}, which stops the task.
 * After such an outage, further fetches fail at once for a minute, so that the rest of a poll's
 * records do not each wait through the retries again.
 */
final class SchemaRegistryClient {
  static final Duration QUIET_AFTER_OUTAGE = Duration.ofMinutes(1);
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";
  private static final int SCHEMA_NOT_FOUND = 40403;
  private static final Set<Integer> SUBJECT_OR_VERSION_NOT_FOUND = Set.of(40401, 40402);

  /** Waits between retries; tests pass one that records the waits instead. */
  @FunctionalInterface
  interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
  }

  private final RegistryEndpoint endpoint;
  private final RegistryRetries retries;
  private final Sleeper sleeper;
  private final Clock clock;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
  private volatile int preferred;
  private volatile Instant quietUntil = Instant.MIN;
  private volatile String lastOutage;

  SchemaRegistryClient(RegistryEndpoint endpoint, RegistryRetries retries) {
    this(endpoint, retries, Sleeper.REAL, Clock.systemUTC());
  }

  SchemaRegistryClient(
      RegistryEndpoint endpoint, RegistryRetries retries, Sleeper sleeper, Clock clock) {
    this.endpoint = endpoint;
    this.retries = retries;
    this.sleeper = sleeper;
    this.clock = clock;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(endpoint.connectTimeout())
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
    JsonNode body = get("schemas/ids/" + id, what, ErrorCode.FLOE_4005, Set.of(SCHEMA_NOT_FOUND));
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
              ErrorCode.FLOE_4007,
              SUBJECT_OR_VERSION_NOT_FOUND);
      addReferences(parser, body.path("references"), seen, what);
      try {
        parser.parse(body.path("schema").asText());
      } catch (AvroRuntimeException e) {
        throw new ConversionException(
            ErrorCode.FLOE_4007, referenced + " does not parse as Avro: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The registry's JSON answer for {@code relativePath}, trying every URL in each round and
   * retrying rounds in which some URL failed transiently.
   *
   * @param notFound the code when the registry says it has no such schema
   * @param notFoundCodes the registry error codes that say so in a 404
   */
  private JsonNode get(
      String relativePath, String what, ErrorCode notFound, Set<Integer> notFoundCodes) {
    if (clock.instant().isBefore(quietUntil)) {
      throw new RegistryUnavailableException(
          "not asking the schema registry for "
              + what
              + ": it failed less than a minute ago ("
              + lastOutage
              + ")");
    }
    for (int attempt = 0; ; attempt++) {
      Round round = new Round();
      JsonNode body = tryEachUrl(relativePath, what, notFound, notFoundCodes, round);
      if (body != null) {
        return body;
      }
      if (!round.transientFailure || attempt == retries.maxRetries()) {
        String message =
            "could not get "
                + what
                + " from the schema registry"
                + (attempt == 0 ? "" : " in " + (attempt + 1) + " attempts")
                + ": "
                + String.join("; ", round.failures);
        lastOutage = message;
        quietUntil = clock.instant().plus(QUIET_AFTER_OUTAGE);
        throw new RegistryUnavailableException(message);
      }
      try {
        sleeper.sleep(retries.waitBefore(attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException(
            "interrupted while waiting to ask the schema registry again for " + what);
      }
    }
  }

  /** What one pass over the URLs saw. */
  private static final class Round {
    final List<String> failures = new ArrayList<>();
    boolean transientFailure;
  }

  private JsonNode tryEachUrl(
      String relativePath,
      String what,
      ErrorCode notFound,
      Set<Integer> notFoundCodes,
      Round round) {
    List<URI> urls = endpoint.baseUrls();
    int first = preferred;
    for (int i = 0; i < urls.size(); i++) {
      int index = (first + i) % urls.size();
      URI base = urls.get(index);
      HttpResponse<byte[]> response;
      try {
        response =
            http.send(request(base.resolve(relativePath)), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        // A TLS failure (untrusted certificate, wrong host name) will not heal by itself.
        round.transientFailure |= !(e instanceof SSLException);
        round.failures.add(base + ": " + e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException("interrupted while fetching " + what);
      }
      int status = response.statusCode();
      if (status == 200) {
        JsonNode body = jsonObject(response.body());
        if (body != null) {
          preferred = index;
          return body;
        }
        round.failures.add(base + ": HTTP 200 with something other than a JSON object");
        continue;
      }
      JsonNode error = jsonObject(response.body());
      int errorCode = error == null ? -1 : error.path("error_code").asInt(-1);
      String answer = "HTTP " + status + registryMessage(error);
      if (status == 404 && notFoundCodes.contains(errorCode)) {
        throw new ConversionException(notFound, base + " has no " + what + " (" + answer + ")");
      }
      round.transientFailure |= status == 408 || status == 429 || status >= 500;
      round.failures.add(base + ": " + answer + hint(status));
    }
    return null;
  }

  private HttpRequest request(URI uri) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(endpoint.requestTimeout())
            .header("Accept", ACCEPT)
            .GET();
    if (endpoint.authorization() != null) {
      request.header("Authorization", endpoint.authorization());
    }
    return request.build();
  }

  private static String hint(int status) {
    if (status == 401 || status == 403) {
      return " (the registry refused the credentials)";
    }
    if (status == 404) {
      // A registry's 404 carries its own error code; without one the URL is probably wrong.
      return " (not a schema registry's answer: is schema.registry.url right?)";
    }
    return "";
  }

  private JsonNode jsonObject(byte[] bytes) {
    try {
      JsonNode node = json.readTree(bytes);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The registry's error_code and message, when the body carries them. */
  private static String registryMessage(JsonNode error) {
    if (error == null || !error.has("message")) {
      return "";
    }
    return ", error_code "
        + error.path("error_code").asText("?")
        + ": "
        + error.path("message").asText();
  }
}
