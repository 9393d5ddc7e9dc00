package io.floe.localsnowflake.http;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.Catalog.UserAccount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Snowflake OAuth for programmatic clients, as a custom OAuth security integration gives it: client
 * ids with secrets, refresh tokens bound to a client and a user, and access tokens a refresh_token
 * grant issues. There is no authorization-code flow: a test registers a client and issues a refresh
 * token directly (what a user's consent would produce), then the client under test refreshes.
 *
 * <p>Access tokens live {@link #ACCESS_TOKEN_VALIDITY} and refresh tokens {@link
 * #REFRESH_TOKEN_VALIDITY} (Snowflake's defaults), both by the local clock, so advancing it expires
 * them.
 */
final class OAuthServer {
  /** Snowflake's access tokens live ten minutes (the documented {@code expires_in} of 600). */
  static final Duration ACCESS_TOKEN_VALIDITY = Duration.ofMinutes(10);

  /** OAUTH_REFRESH_TOKEN_VALIDITY defaults to 90 days. */
  static final Duration REFRESH_TOKEN_VALIDITY = Duration.ofDays(90);

  private final Catalog catalog;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();

  OAuthServer(Catalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Registers (or replaces) a client; its secret is what Basic authentication must present. */
  void registerClient(String clientId, String clientSecret) {
    secrets.put(clientId, clientSecret);
  }

  /** A new refresh token for {@code user} through {@code clientId} (both must exist). */
  String issueRefreshToken(String clientId, String user) {
    if (!secrets.containsKey(clientId)) {
      throw new IllegalArgumentException("no OAuth client '" + clientId + "' is registered");
    }
    String name = user.toUpperCase(Locale.ROOT);
    if (catalog.user(name).isEmpty()) {
      throw new IllegalArgumentException("no user '" + name + "'");
    }
    String token = newToken("RT");
    refreshTokens.put(
        token, new Grant(clientId, name, clock.instant().plus(REFRESH_TOKEN_VALIDITY)));
    return token;
  }

  /**
   * Revokes a refresh token; access tokens it issued stay valid until they expire, as on Snowflake.
   */
  void revokeRefreshToken(String refreshToken) {
    refreshTokens.remove(refreshToken);
  }

  /**
   * The refresh_token grant for a client that authenticated with {@code basicAuthorization} (the
   * Authorization header's value).
   */
  TokenAnswer refresh(String basicAuthorization, String refreshToken) {
    Optional<String> client = authenticate(basicAuthorization);
    if (client.isEmpty()) {
      return TokenAnswer.error(401, "invalid_client", "This is an invalid client.");
    }
    Grant grant = refreshToken == null ? null : refreshTokens.get(refreshToken);
    if (grant == null
        || !grant.clientId.equals(client.get())
        || !clock.instant().isBefore(grant.expires)) {
      return TokenAnswer.error(400, "invalid_grant", "Invalid refresh token.");
    }
    Optional<UserAccount> user = catalog.user(grant.user);
    if (user.isEmpty() || user.get().disabled()) {
      return TokenAnswer.error(400, "invalid_grant", "User is disabled or no longer exists.");
    }
    String access = newToken("AT");
    accessTokens.put(
        access, new Grant(grant.clientId, grant.user, clock.instant().plus(ACCESS_TOKEN_VALIDITY)));
    return new TokenAnswer(200, access, ACCESS_TOKEN_VALIDITY.toSeconds(), grant.user, null, null);
  }

  /** What a login or Snowpipe call presenting {@code accessToken} is: valid, expired or unknown. */
  AccessCheck check(String accessToken) {
    Grant grant = accessToken == null ? null : accessTokens.get(accessToken);
    if (grant == null) {
      return new AccessCheck(Optional.empty(), false);
    }
    if (!clock.instant().isBefore(grant.expires)) {
      return new AccessCheck(Optional.empty(), true);
    }
    Optional<UserAccount> user = catalog.user(grant.user);
    return new AccessCheck(user.filter(u -> !u.disabled()), false);
  }

  private Optional<String> authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String id = decoded.substring(0, colon);
    String secret = secrets.get(id);
    boolean same =
        secret != null
            && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8),
                decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
    return same ? Optional.of(id) : Optional.empty();
  }

  private String newToken(String prefix) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return prefix + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private record Grant(String clientId, String user, Instant expires) {}

  /** The token endpoint's answer: an access token, or an OAuth error with its HTTP status. */
  record TokenAnswer(
      int status, String accessToken, long expiresIn, String user, String error, String message) {
    static TokenAnswer error(int status, String error, String message) {
      return new TokenAnswer(status, null, 0, null, error, message);
    }
  }

  /** A presented access token: its user when valid; {@code expired} when it was valid once. */
  record AccessCheck(Optional<UserAccount> user, boolean expired) {}
}
