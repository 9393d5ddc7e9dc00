package io.floe.connector.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import net.snowflake.client.jdbc.internal.apache.http.client.methods.CloseableHttpResponse;
import net.snowflake.client.jdbc.internal.apache.http.client.methods.HttpPost;
import net.snowflake.client.jdbc.internal.apache.http.entity.StringEntity;
import net.snowflake.client.jdbc.internal.apache.http.impl.client.CloseableHttpClient;
import net.snowflake.client.jdbc.internal.apache.http.util.EntityUtils;

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

  /** Connect, pool and read timeout of a token request. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final OAuthCredentials credentials;
  private final CloseableHttpClient http;
  private final Clock clock;
  private String accessToken;
  private Instant refreshAfter = Instant.MIN;

  /**
   * @param jdbcOverrides the session's JDBC properties: the token endpoint is reached through the
   *     same proxy ({@link HttpProxy}), with the same client, as Snowpipe's REST calls
   */
  public OAuthTokens(OAuthCredentials credentials, Map<String, String> jdbcOverrides) {
    this(credentials, SnowpipeHttp.create(jdbcOverrides, TIMEOUT), Clock.systemUTC());
  }

  OAuthTokens(OAuthCredentials credentials, CloseableHttpClient http, Clock clock) {
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
    HttpPost request = new HttpPost(credentials.tokenEndpoint());
    request.setHeader("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
    request.setHeader("Accept", "application/json");
    request.setHeader("Authorization", "Basic " + basic);
    // A refresh every eight minutes or so: no pooled connection is kept (nothing to close later).
    request.setHeader("Connection", "close");
    request.setEntity(new StringEntity(form, StandardCharsets.UTF_8));
    Instant sent = clock.instant();
    int status;
    String text;
    try (CloseableHttpResponse answer = http.execute(request)) {
      status = answer.getStatusLine().getStatusCode();
      text =
          answer.getEntity() == null
              ? ""
              : EntityUtils.toString(answer.getEntity(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unreachable(e.toString(), e);
    }
    JsonNode body = parse(text);
    String error = body.path("error").asText("");
    if (status == 200 && body.hasNonNull("access_token")) {
      long expiresIn = body.path("expires_in").asLong(600);
      accessToken = body.get("access_token").asText();
      refreshAfter = sent.plusMillis((long) (expiresIn * 1000 * REFRESH_AT));
      return;
    }
    String said = error.isEmpty() ? "" : error + ": ";
    said += body.path("message").asText(text);
    if ("invalid_client".equals(error) || status == 401) {
      throw new FloeException(
          ErrorCode.FLOE_1021,
          "The token endpoint "
              + credentials.tokenEndpoint()
              + " refused the client ("
              + said
              + ").");
    }
    if (status >= 400 && status < 500) {
      throw new FloeException(
          ErrorCode.FLOE_1020,
          "The token endpoint "
              + credentials.tokenEndpoint()
              + " refused snowflake.oauth.refresh.token ("
              + said
              + ").");
    }
    throw unreachable("HTTP " + status + ": " + said, null);
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
