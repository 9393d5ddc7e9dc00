package io.floe.connector.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Access tokens for Snowflake OAuth, from a refresh token: a refresh_token grant at the token
 * endpoint (form-encoded, Basic client authentication), kept until 80% of {@code expires_in} has
 * passed (as the ingest SDK does), so every login or Snowpipe call presents a token with time left.
 * Shared by the JDBC sessions and Snowpipe calls of one task; thread-safe.
 *
 * <p>A refused grant is permanent (a numbered error naming the setting to change); an unreachable
 * endpoint or a 5xx is a transient {@link SQLException} (SQLSTATE 08001) the callers retry.
 */
public final class OAuthTokens {
  /** Refresh once this share of a token's lifetime has passed. */
  static final double REFRESH_AT = 0.8;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OAuthCredentials credentials;
  private final HttpClient http;
  private final Clock clock;
  private String accessToken;
  private Instant refreshAfter = Instant.MIN;

  public OAuthTokens(OAuthCredentials credentials) {
    this(
        credentials,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
        Clock.systemUTC());
  }

  OAuthTokens(OAuthCredentials credentials, HttpClient http, Clock clock) {
    this.credentials = credentials;
    this.http = http;
    this.clock = clock;
  }

  public OAuthCredentials credentials() {
    return credentials;
  }

  /** A token with at least a fifth of its lifetime left, refreshing it first if needed. */
  public synchronized String accessToken() throws SQLException {
    if (accessToken == null || !clock.instant().isBefore(refreshAfter)) {
      refresh();
    }
    return accessToken;
  }

  /** Forgets the current token (after Snowflake said it expired), so the next call refreshes. */
  public synchronized void invalidate() {
    accessToken = null;
  }

  private void refresh() throws SQLException {
    String form =
        "grant_type=refresh_token&refresh_token="
            + URLEncoder.encode(credentials.refreshToken(), StandardCharsets.UTF_8);
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (credentials.clientId() + ":" + credentials.clientSecret())
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(credentials.tokenEndpoint())
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
            .header("Accept", "application/json")
            .header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    Instant sent = clock.instant();
    HttpResponse<String> answer;
    try {
      answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unreachable(e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while refreshing the OAuth access token", "08001", e);
    }
    JsonNode body = parse(answer.body());
    String error = body.path("error").asText("");
    if (answer.statusCode() == 200 && body.hasNonNull("access_token")) {
      long expiresIn = body.path("expires_in").asLong(600);
      accessToken = body.get("access_token").asText();
      refreshAfter = sent.plusMillis((long) (expiresIn * 1000 * REFRESH_AT));
      return;
    }
    String said = error.isEmpty() ? "" : error + ": ";
    said += body.path("message").asText(answer.body());
    if ("invalid_client".equals(error) || answer.statusCode() == 401) {
      throw new FloeException(
          ErrorCode.FLOE_1021,
          "The token endpoint "
              + credentials.tokenEndpoint()
              + " refused the client ("
              + said
              + ").");
    }
    if (answer.statusCode() >= 400 && answer.statusCode() < 500) {
      throw new FloeException(
          ErrorCode.FLOE_1020,
          "The token endpoint "
              + credentials.tokenEndpoint()
              + " refused snowflake.oauth.refresh.token ("
              + said
              + ").");
    }
    throw unreachable("HTTP " + answer.statusCode() + ": " + said, null);
  }

  private SQLException unreachable(String detail, Throwable cause) {
    return new SQLException(
        "Cannot get an OAuth access token from " + credentials.tokenEndpoint() + ": " + detail,
        "08001",
        cause);
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /**
   * What a refresh_token grant needs. {@link #toString()} leaves the secrets out.
   *
   * @param tokenEndpoint {@code snowflake.oauth.token.endpoint}, by default {@code <account
   *     URL>/oauth/token-request}
   */
  public record OAuthCredentials(
      URI tokenEndpoint, String clientId, String clientSecret, String refreshToken) {
    @Override
    public String toString() {
      return "OAuthCredentials[tokenEndpoint=" + tokenEndpoint + ", clientId=" + clientId + "]";
    }
  }
}
