package io.floe.localsnowflake.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.localsnowflake.core.LocalClock;
import io.floe.localsnowflake.core.Snowpipe;
import io.floe.localsnowflake.http.Faults.Endpoint;
import io.floe.localsnowflake.http.Faults.Fault;
import io.floe.localsnowflake.http.Faults.Kind;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelCommit;
import io.floe.localsnowflake.streaming.StreamingService;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The local Snowflake's own control API under {@code /__local/}, for tests and tools that run it as
 * a separate process (bin/local-snowflake): inject and clear faults, pause, resume and await
 * Snowpipe loading, read and advance the clock. Not part of Snowflake; unauthenticated, like
 * everything on 127.0.0.1 here.
 *
 * <ul>
 *   <li>{@code POST /__local/faults} {@code {"endpoint":"QUERY","statement":"PUT","times":2,
 *       "kind":"HTTP_503","stallMillis":0}} → {@code {"pending":N}}; {@code {"endpoint":
 *       "BLOB_UPLOAD","times":1}} makes Snowpipe Streaming's blob uploads fail until that many
 *       channels were opened
 *   <li>{@code GET /__local/faults} → {@code {"pending":N}}; {@code DELETE /__local/faults} clears
 *   <li>{@code POST /__local/snowpipe/pause}, {@code …/resume} → {@code {"pending":N}}; {@code POST
 *       /__local/snowpipe/await-idle?timeoutMillis=N} (default 30 s) → {@code {"idle":true|false}}
 *   <li>{@code GET /__local/clock} → {@code {"now":"2026-01-01T00:00:00Z","offsetSeconds":N}};
 *       {@code POST /__local/clock/advance?seconds=N} (or {@code ?duration=P15D}, or the same as a
 *       JSON body {@code {"seconds":N}} / {@code {"duration":"PT1H"}}) moves it forward and answers
 *       the same
 *   <li>{@code POST /__local/oauth/clients} {@code {"clientId":…,"clientSecret":…}} registers an
 *       OAuth client; {@code POST /__local/oauth/refresh-tokens} {@code {"clientId":…,"user":…}} →
 *       {@code {"refreshToken":…}}; {@code POST /__local/oauth/revoke} {@code {"refreshToken":…}}
 *       revokes one
 *   <li>{@code GET /__local/streaming/commits?database=D&schema=S&table=T} → {@code {"commits":
 *       [{"channel":…,"offsetToken":…,"committedOn":ISO,"committedOnMillis":N}]}}, every offset
 *       token commit of the table's Snowpipe Streaming channels, oldest first
 * </ul>
 */
final class ControlEndpoint {
  static final String PREFIX = "/__local/";

  private final Faults faults;
  private final Snowpipe snowpipe;
  private final LocalClock clock;
  private final OAuthServer oauth;
  private final StreamingService streaming;

  ControlEndpoint(
      Faults faults,
      Snowpipe snowpipe,
      LocalClock clock,
      OAuthServer oauth,
      StreamingService streaming) {
    this.streaming = streaming;
    this.faults = faults;
    this.snowpipe = snowpipe;
    this.clock = clock;
    this.oauth = oauth;
  }

  void handle(JsonExchange ex) throws IOException {
    String what = ex.path().substring(PREFIX.length());
    String call = ex.method() + " " + what;
    try {
      switch (call) {
        case "POST faults" -> addFault(ex.bodyJson());
        case "DELETE faults" -> faults.clear();
        case "GET faults" -> {}
        case "POST snowpipe/pause" -> snowpipe.pauseLoading(true);
        case "POST snowpipe/resume" -> snowpipe.pauseLoading(false);
        case "POST snowpipe/await-idle" -> {
          String timeout = ex.query("timeoutMillis");
          long millis = timeout == null ? 30_000 : Long.parseLong(timeout);
          ex.bodyBytes();
          ObjectNode idle = JsonNodeFactory.instance.objectNode();
          idle.put("idle", snowpipe.awaitIdle(Duration.ofMillis(millis)));
          ex.respond(200, idle);
          return;
        }
        case "GET clock", "POST clock/advance" -> {
          if (call.startsWith("POST")) {
            clock.advance(advance(ex));
          }
          ex.bodyBytes();
          ObjectNode time = JsonNodeFactory.instance.objectNode();
          time.put("now", clock.instant().toString());
          time.put("offsetSeconds", clock.offset().toSeconds());
          ex.respond(200, time);
          return;
        }
        case "POST oauth/clients" -> {
          JsonNode body = ex.bodyJson();
          oauth.registerClient(required(body, "clientId"), required(body, "clientSecret"));
        }
        case "POST oauth/refresh-tokens" -> {
          JsonNode body = ex.bodyJson();
          ObjectNode issued = JsonNodeFactory.instance.objectNode();
          issued.put(
              "refreshToken",
              oauth.issueRefreshToken(required(body, "clientId"), required(body, "user")));
          ex.respond(200, issued);
          return;
        }
        case "GET streaming/commits" -> {
          ex.bodyBytes();
          if (streaming == null) {
            throw new IllegalArgumentException("this server has no Snowpipe Streaming");
          }
          ObjectNode out = JsonNodeFactory.instance.objectNode();
          ArrayNode commits = out.putArray("commits");
          for (ChannelCommit c :
              streaming.commits(
                  required(ex, "database"), required(ex, "schema"), required(ex, "table"))) {
            ObjectNode commit = commits.addObject();
            commit.put("channel", c.channel());
            commit.put("offsetToken", c.offsetToken());
            commit.put("committedOn", c.committedOn().toString());
            commit.put("committedOnMillis", c.committedOn().toEpochMilli());
          }
          ex.respond(200, out);
          return;
        }
        case "POST oauth/revoke" ->
            oauth.revokeRefreshToken(required(ex.bodyJson(), "refreshToken"));
        default -> {
          ex.bodyBytes();
          ex.respond(
              404, message("No control operation '" + call + "'; see docs/local-snowflake.md."));
          return;
        }
      }
    } catch (IllegalArgumentException | JsonProcessingException | DateTimeParseException e) {
      // NumberFormatException included: a malformed timeoutMillis or seconds.
      ex.respond(400, message(e.getMessage()));
      return;
    }
    ex.bodyBytes();
    ObjectNode pending = JsonNodeFactory.instance.objectNode();
    pending.put("pending", faults.pending());
    ex.respond(200, pending);
  }

  /**
   * How far {@code POST clock/advance} moves: whole {@code seconds} or an ISO-8601 {@code
   * duration}.
   */
  private static Duration advance(JsonExchange ex) throws IOException {
    JsonNode body = ex.bodyJson();
    String seconds = ex.query("seconds");
    String duration = ex.query("duration");
    if (seconds == null && body.hasNonNull("seconds")) {
      seconds = body.get("seconds").asText();
    }
    if (duration == null && body.hasNonNull("duration")) {
      duration = body.get("duration").asText();
    }
    if ((seconds == null) == (duration == null)) {
      throw new IllegalArgumentException(
          "say how far to advance: seconds=N or duration=PnDTnHnMnS");
    }
    return seconds != null
        ? Duration.ofSeconds(Long.parseLong(seconds.trim()))
        : Duration.parse(duration.trim());
  }

  private static String required(JsonExchange ex, String parameter) {
    String value = ex.query(parameter);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + parameter + "' is required");
    }
    return value;
  }

  private static String required(JsonNode body, String field) {
    if (!body.hasNonNull(field) || body.get(field).asText().isBlank()) {
      throw new IllegalArgumentException("'" + field + "' is required");
    }
    return body.get(field).asText();
  }

  private void addFault(JsonNode body) {
    Endpoint endpoint = enumValue(Endpoint.class, body.path("endpoint").asText(""), "endpoint");
    // A blob upload has one way to fail, so it needs no kind.
    String defaultKind = endpoint == Endpoint.BLOB_UPLOAD ? "WRITE_FAILS" : "HTTP_503";
    Kind kind = enumValue(Kind.class, body.path("kind").asText(defaultKind), "kind");
    String statement = body.hasNonNull("statement") ? body.get("statement").asText() : null;
    Duration stall = Duration.ofMillis(body.path("stallMillis").asLong(0));
    if (kind == Kind.STALL && stall.isZero()) {
      throw new IllegalArgumentException("a STALL needs stallMillis > 0");
    }
    faults.add(endpoint, statement, body.path("times").asInt(1), new Fault(kind, stall));
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder names = new StringBuilder();
      for (E value : type.getEnumConstants()) {
        names.append(names.length() == 0 ? "" : ", ").append(value.name());
      }
      throw new IllegalArgumentException(
          "'" + field + "' must be one of " + names + ", not '" + text + "'");
    }
  }

  private static ObjectNode message(String text) {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("message", text);
    return m;
  }
}
