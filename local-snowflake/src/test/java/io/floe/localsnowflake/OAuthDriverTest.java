package io.floe.localsnowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OAuth through the real JDBC driver: refresh_token grants at /oauth/token-request with Basic
 * client authentication, logins with authenticator=oauth, access tokens that expire by the local
 * clock, revoked refresh tokens, and Snowpipe REST calls with an OAuth bearer token.
 */
class OAuthDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void objects() {
    LocalSnowflake sf = SNOWFLAKE.get();
    sf.registerOAuthClient("floe-client", "s3cret");
    sf.execute(
        "create database oauthed",
        "create table oauthed.public.t (v variant)",
        "create stage oauthed.public.s file_format = (type = json)",
        "create pipe oauthed.public.p as copy into oauthed.public.t from @oauthed.public.s");
  }

  @Test
  void anAccessTokenLogsInThroughJdbcUntilItExpires() throws Exception {
    String refresh = SNOWFLAKE.get().issueOAuthRefreshToken("floe-client", "admin");
    HttpResponse<String> answer = tokenRequest("floe-client", "s3cret", refresh, false);
    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode body = JSON.readTree(answer.body());
    assertEquals("Bearer", body.path("token_type").asText());
    assertEquals(600, body.path("expires_in").asLong());
    String access = body.path("access_token").asText();

    try (Connection c = oauthConnection(access);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_user()")) {
      rs.next();
      assertEquals("ADMIN", rs.getString(1));
    }

    SNOWFLAKE.advanceClock(Duration.ofMinutes(11));
    SQLException expired = assertThrows(SQLException.class, () -> oauthConnection(access).close());
    assertEquals(390318, expired.getErrorCode(), expired.getMessage());

    // The refresh token still works and gives a fresh access token.
    HttpResponse<String> again = tokenRequest("floe-client", "s3cret", refresh, true);
    assertEquals(200, again.statusCode(), again.body());
    oauthConnection(JSON.readTree(again.body()).path("access_token").asText()).close();
  }

  @Test
  void aRevokedRefreshTokenIsAnInvalidGrant() throws Exception {
    String refresh = SNOWFLAKE.get().issueOAuthRefreshToken("floe-client", "admin");
    SNOWFLAKE.get().revokeOAuthRefreshToken(refresh);
    HttpResponse<String> answer = tokenRequest("floe-client", "s3cret", refresh, false);
    assertEquals(400, answer.statusCode());
    JsonNode body = JSON.readTree(answer.body());
    assertEquals("invalid_grant", body.path("error").asText());
    assertEquals(false, body.path("success").asBoolean());
  }

  @Test
  void aWrongClientSecretIsAnInvalidClient() throws Exception {
    String refresh = SNOWFLAKE.get().issueOAuthRefreshToken("floe-client", "admin");
    HttpResponse<String> answer = tokenRequest("floe-client", "wrong", refresh, false);
    assertEquals(401, answer.statusCode());
    assertEquals("invalid_client", JSON.readTree(answer.body()).path("error").asText());
  }

  @Test
  void anUnknownAccessTokenIsRefusedAtLogin() {
    SQLException invalid =
        assertThrows(SQLException.class, () -> oauthConnection("AT-made-up").close());
    assertEquals(390303, invalid.getErrorCode(), invalid.getMessage());
  }

  @Test
  void snowpipeAcceptsAnOAuthBearerToken() throws Exception {
    String refresh = SNOWFLAKE.get().issueOAuthRefreshToken("floe-client", "admin");
    String access =
        JSON.readTree(tokenRequest("floe-client", "s3cret", refresh, false).body())
            .path("access_token")
            .asText();
    assertEquals(200, insertReport(access).statusCode());
    assertEquals(401, insertReport("AT-made-up").statusCode());
  }

  @Test
  void theControlApiRegistersClientsAndIssuesAndRevokesRefreshTokens() throws Exception {
    assertEquals(
        200,
        control("oauth/clients", "{\"clientId\":\"shell\",\"clientSecret\":\"pw\"}").statusCode());
    HttpResponse<String> issued =
        control("oauth/refresh-tokens", "{\"clientId\":\"shell\",\"user\":\"admin\"}");
    assertEquals(200, issued.statusCode(), issued.body());
    String refresh = JSON.readTree(issued.body()).path("refreshToken").asText();
    assertEquals(200, tokenRequest("shell", "pw", refresh, false).statusCode());
    assertEquals(
        200, control("oauth/revoke", "{\"refreshToken\":\"" + refresh + "\"}").statusCode());
    assertEquals(400, tokenRequest("shell", "pw", refresh, false).statusCode());
    assertEquals(
        400,
        control("oauth/refresh-tokens", "{\"clientId\":\"nobody\",\"user\":\"admin\"}")
            .statusCode());
  }

  private static HttpResponse<String> control(String path, String json) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(SNOWFLAKE.get().url() + "/__local/" + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> insertReport(String accessToken) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(SNOWFLAKE.get().url() + "/v1/data/pipes/OAUTHED.PUBLIC.P/insertReport"))
            .header("Authorization", "Bearer " + accessToken)
            .header("X-Snowflake-Authorization-Token-Type", "OAUTH")
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Connection oauthConnection(String accessToken) throws SQLException {
    Properties p = new Properties();
    p.put("account", SNOWFLAKE.get().account());
    p.put("ssl", "off");
    p.put("authenticator", "oauth");
    p.put("token", accessToken);
    p.put("disablePlatformDetection", "true");
    return DriverManager.getConnection(SNOWFLAKE.get().jdbcUrl(), p);
  }

  /** The incumbent connector also sends redirect_uri; the endpoint must accept it. */
  private static HttpResponse<String> tokenRequest(
      String clientId, String secret, String refreshToken, boolean withRedirectUri)
      throws Exception {
    String form =
        "grant_type=refresh_token&refresh_token="
            + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)
            + (withRedirectUri ? "&redirect_uri=https%3A%2F%2Flocalhost.com%2Foauth" : "");
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(SNOWFLAKE.get().url() + "/oauth/token-request"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
