package io.floe.localsnowflake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.LocalClock;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The JWT checks behind key-pair logins and Snowpipe calls, on tokens built here: the drivers
 * always send fresh, well-formed tokens, so expiry and tampering can only be shown this way.
 */
class JwtVerifierTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final KeyPair KEY = RsaKeys.generate();
  private static final KeyPair OTHER = RsaKeys.generate();
  private final WallClock wall = new WallClock();
  private final LocalClock clock = new LocalClock(wall);
  private final JwtVerifier verifier = new JwtVerifier(new OneUser(), "ACME", clock);

  @Test
  void acceptsATokenSignedByTheRegisteredKey() throws Exception {
    assertEquals("ALICE", verifier.verify(token(KEY, "ACME.ALICE", 60)).orElseThrow().name());
  }

  @Test
  void refusesAnExpiredToken() throws Exception {
    assertTrue(verifier.verify(token(KEY, "ACME.ALICE", -1)).isEmpty());
  }

  @Test
  void aTokenSignedBeforeTheClockAdvancedPastItsLifetimeHasExpired() throws Exception {
    String token = token(KEY, "ACME.ALICE", NOW, 3540);
    wall.now = NOW.plusSeconds(5);
    assertTrue(verifier.verify(token).isPresent(), "55 minutes left");
    clock.advance(Duration.ofMinutes(59));
    assertTrue(verifier.verify(token).isEmpty(), "its 59 minutes have passed in local time");
  }

  @Test
  void aTokenSignedAfterAnAdvanceIsFresh() throws Exception {
    wall.now = NOW.plusMillis(400);
    clock.advance(Duration.ofDays(15));
    wall.now = NOW.plusMillis(600);
    // Same wall-clock second as the advance: iat cannot tell, and the token counts as signed after.
    assertTrue(verifier.verify(token(KEY, "ACME.ALICE", NOW, 60)).isPresent());
    wall.now = NOW.plusSeconds(61);
    assertTrue(verifier.verify(token(KEY, "ACME.ALICE", NOW, 60)).isEmpty(), "its minute passed");
  }

  @Test
  void refusesATokenLivingLongerThanAnHourOrWithoutIssueTime() throws Exception {
    assertTrue(verifier.verify(token(KEY, "ACME.ALICE", NOW, 3600)).isPresent());
    assertTrue(verifier.verify(token(KEY, "ACME.ALICE", NOW, 3601)).isEmpty(), "over an hour");
    String noIat = claims(KEY, "ACME.ALICE", "\"exp\":" + NOW.plusSeconds(60).getEpochSecond());
    assertTrue(verifier.verify(signed(KEY, noIat)).isEmpty(), "no iat");
  }

  @Test
  void acceptsTimesInMilliseconds() throws Exception {
    String times =
        "\"iat\":" + NOW.toEpochMilli() + ",\"exp\":" + NOW.plusSeconds(60).toEpochMilli();
    assertTrue(verifier.verify(signed(KEY, claims(KEY, "ACME.ALICE", times))).isPresent());
  }

  @Test
  void refusesAnotherKeyAnotherAccountAndATamperedToken() throws Exception {
    assertTrue(verifier.verify(token(OTHER, "ACME.ALICE", 60)).isEmpty(), "unregistered key");
    assertTrue(verifier.verify(token(KEY, "OTHER.ALICE", 60)).isEmpty(), "other account");
    String good = token(KEY, "ACME.ALICE", 60);
    String[] parts = good.split("\\.");
    String forged =
        b64(
            ("{\"iss\":\"ACME.BOB.SHA256:"
                    + JwtVerifier.fingerprint(KEY.getPublic())
                    + "\",\"sub\":\"ACME.BOB\",\"exp\":"
                    + (NOW.getEpochSecond() + 60)
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    assertTrue(verifier.verify(parts[0] + "." + forged + "." + parts[2]).isEmpty(), "tampered");
    assertTrue(verifier.verify("not.a.jwt").isEmpty());
  }

  private static String token(KeyPair key, String subject, long validSeconds) throws Exception {
    return token(key, subject, NOW, validSeconds);
  }

  /** A token as the drivers sign it: issued at {@code iat} (wall clock), valid so many seconds. */
  private static String token(KeyPair key, String subject, Instant iat, long validSeconds)
      throws Exception {
    long issued = iat.getEpochSecond();
    return signed(
        key, claims(key, subject, "\"iat\":" + issued + ",\"exp\":" + (issued + validSeconds)));
  }

  /** Claims naming {@code key}'s fingerprint, with {@code times} ("iat":…,"exp":…) as given. */
  private static String claims(KeyPair key, String subject, String times) {
    return "{\"iss\":\""
        + subject
        + ".SHA256:"
        + JwtVerifier.fingerprint(key.getPublic())
        + "\",\"sub\":\""
        + subject
        + "\","
        + times
        + "}";
  }

  private static String signed(KeyPair key, String claims) throws Exception {
    String header = b64("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    String body = b64(claims.getBytes(StandardCharsets.UTF_8));
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key.getPrivate());
    s.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
    return header + "." + body + "." + b64(s.sign());
  }

  /** The clients' wall clock, moved by hand. */
  private static final class WallClock extends Clock {
    volatile Instant now = NOW;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** ALICE, with {@link #KEY} registered. */
  private static final class OneUser implements Catalog {
    @Override
    public Optional<UserAccount> user(String loginName) {
      if (!loginName.equalsIgnoreCase("alice")) {
        return Optional.empty();
      }
      String key = Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded());
      return Optional.of(new UserAccount("ALICE", null, List.of(key), "PUBLIC", null, null, false));
    }

    @Override
    public boolean roleGrantedTo(String user, String role) {
      return true;
    }

    @Override
    public boolean databaseExists(String database) {
      return false;
    }

    @Override
    public boolean schemaExists(String database, String schema) {
      return false;
    }

    @Override
    public TableInfo table(SessionState session, ObjectName name, String privilege) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long insert(
        SessionState session, TableInfo table, List<String> columns, List<List<Object>> rows) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void requirePrivilege(
        SessionState session, String privilege, String objectType, ObjectName on) {}
  }
}
