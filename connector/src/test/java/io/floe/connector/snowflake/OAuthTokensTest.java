package io.floe.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.snowflake.OAuthTokens.OAuthCredentials;
import io.floe.connector.testing.StepClock;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OAuthTokens against the local Snowflake's token endpoint: a token is reused until 80% of its
 * expires_in (600 s) has passed, then refreshed; a revoked refresh token is FLOE-1020.
 */
class OAuthTokensTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static OAuthTokens tokens(Clock clock, String refreshToken) {
    SNOWFLAKE.get().registerOAuthClient("tokens-test", "secret");
    OAuthCredentials credentials =
        new OAuthCredentials(
            URI.create(SNOWFLAKE.get().url() + "/oauth/token-request"),
            "tokens-test",
            "secret",
            refreshToken == null
                ? SNOWFLAKE.get().issueOAuthRefreshToken("tokens-test", SNOWFLAKE.get().user())
                : refreshToken);
    return new OAuthTokens(
        credentials, SnowpipeHttp.create(Map.of(), Duration.ofSeconds(10)), clock);
  }

  @Test
  void aTokenIsReusedUntilFourFifthsOfItsLifetimeThenRefreshed() throws Exception {
    StepClock clock = new StepClock(Instant.now());
    OAuthTokens tokens = tokens(clock, null);
    String first = tokens.accessToken();
    clock.advance(Duration.ofSeconds(479));
    assertEquals(first, tokens.accessToken());
    clock.advance(Duration.ofSeconds(2));
    String second = tokens.accessToken();
    assertNotEquals(first, second);
    tokens.invalidate();
    assertNotEquals(second, tokens.accessToken());
  }

  @Test
  void aRevokedRefreshTokenIsFloe1020() throws Exception {
    SNOWFLAKE.get().registerOAuthClient("tokens-test", "secret");
    String refresh = SNOWFLAKE.get().issueOAuthRefreshToken("tokens-test", SNOWFLAKE.get().user());
    SNOWFLAKE.get().revokeOAuthRefreshToken(refresh);
    FloeException e =
        assertThrows(
            FloeException.class, () -> tokens(new StepClock(Instant.now()), refresh).accessToken());
    assertEquals(ErrorCode.FLOE_1020, e.code());
    assertTrue(e.getMessage().contains("snowflake.oauth.refresh.token"), e.getMessage());
    assertTrue(!e.getMessage().contains(refresh), "the token itself must not be shown");
  }
}
