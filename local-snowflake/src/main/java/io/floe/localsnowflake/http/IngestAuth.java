package io.floe.localsnowflake.http;

import io.floe.localsnowflake.core.Catalog.UserAccount;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates a call of Snowflake's session-less REST APIs (Snowpipe, Snowpipe Streaming): a
 * key-pair JWT by default or, with {@code X-Snowflake-Authorization-Token-Type: OAUTH}, an OAuth
 * access token. A refused call is answered 401 here, which makes the SDKs sign a new JWT (or
 * refresh their OAuth token) and retry once.
 */
final class IngestAuth {
  private final List<JwtVerifier> jwts;
  private final OAuthServer oauth;
  private final WireFormat wire;

  /**
   * @param jwts verifiers tried in turn: one per account name a client may put in its tokens
   */
  IngestAuth(List<JwtVerifier> jwts, OAuthServer oauth, WireFormat wire) {
    this.jwts = List.copyOf(jwts);
    this.oauth = oauth;
    this.wire = wire;
  }

  /** The caller, or empty after answering 401. */
  Optional<UserAccount> authenticate(JsonExchange ex) throws IOException {
    if ("OAUTH".equalsIgnoreCase(ex.header("X-Snowflake-Authorization-Token-Type"))) {
      OAuthServer.AccessCheck check = oauth.check(ex.authorizationToken());
      if (check.user().isEmpty()) {
        ex.bodyBytes();
        ex.respond(
            401,
            check.expired()
                ? wire.ingestError("390318", "OAuth access token expired.")
                : wire.ingestError("390303", "Invalid OAuth access token."));
      }
      return check.user();
    }
    for (JwtVerifier jwt : jwts) {
      Optional<UserAccount> user = jwt.verify(ex.authorizationToken());
      if (user.isPresent()) {
        return user;
      }
    }
    ex.bodyBytes();
    ex.respond(401, wire.ingestError("390144", "JWT token is invalid."));
    return Optional.empty();
  }
}
