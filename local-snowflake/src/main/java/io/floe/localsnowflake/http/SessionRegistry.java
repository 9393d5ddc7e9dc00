package io.floe.localsnowflake.http;

import io.floe.localsnowflake.core.SessionState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Open sessions by session token and master token. A session token expires after {@link
 * #tokenValidity}; the driver then renews it with the master token (390112 → token-request), as
 * against Snowflake.
 */
final class SessionRegistry {
  private final Clock clock;
  private final Duration tokenValidity;
  private final Duration masterValidity;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong ids = new AtomicLong(1000);
  private final Map<String, Session> byToken = new ConcurrentHashMap<>();
  private final Map<String, Session> byMaster = new ConcurrentHashMap<>();
  private final Consumer<SessionState> onClose;

  /** {@code onClose} learns of each session the client closes (to roll back its transaction). */
  SessionRegistry(
      Clock clock,
      Duration tokenValidity,
      Duration masterValidity,
      Consumer<SessionState> onClose) {
    this.clock = clock;
    this.onClose = onClose;
    this.tokenValidity = tokenValidity;
    this.masterValidity = masterValidity;
  }

  Duration tokenValidity() {
    return tokenValidity;
  }

  Duration masterValidity() {
    return masterValidity;
  }

  Session open(SessionState state) {
    Instant now = clock.instant();
    Session s =
        new Session(
            ids.incrementAndGet(),
            state,
            newToken("ST"),
            now.plus(tokenValidity),
            newToken("MT"),
            now.plus(masterValidity));
    byToken.put(s.token, s);
    byMaster.put(s.masterToken, s);
    return s;
  }

  /** The session of a live token; empty when unknown; {@link Session#expired} tells the rest. */
  Optional<Session> byToken(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(byToken.get(token));
  }

  /** Issues a new session token for a live master token (the old session token stops working). */
  Optional<Session> renew(String masterToken, String oldToken) {
    Session s = masterToken == null ? null : byMaster.get(masterToken);
    if (s == null || clock.instant().isAfter(s.masterExpiry)) {
      return Optional.empty();
    }
    synchronized (s) {
      byToken.remove(s.token);
      s.token = newToken("ST");
      s.tokenExpiry = clock.instant().plus(tokenValidity);
      byToken.put(s.token, s);
    }
    return Optional.of(s);
  }

  /** Makes the session's current token expire now, as if its validity had run out. */
  void expire(Session s) {
    s.tokenExpiry = clock.instant().minusSeconds(1);
  }

  void expireAll() {
    byToken.values().forEach(this::expire);
  }

  void close(Session s) {
    byToken.remove(s.token);
    byMaster.remove(s.masterToken);
    onClose.accept(s.state);
  }

  private String newToken(String prefix) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return prefix + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** One open session. */
  final class Session {
    final long id;
    final SessionState state;
    final String masterToken;
    final Instant masterExpiry;
    volatile String token;
    volatile Instant tokenExpiry;

    private Session(
        long id,
        SessionState state,
        String token,
        Instant tokenExpiry,
        String masterToken,
        Instant masterExpiry) {
      this.id = id;
      this.state = state;
      this.token = token;
      this.tokenExpiry = tokenExpiry;
      this.masterToken = masterToken;
      this.masterExpiry = masterExpiry;
    }

    boolean expired() {
      return clock.instant().isAfter(tokenExpiry);
    }
  }
}
