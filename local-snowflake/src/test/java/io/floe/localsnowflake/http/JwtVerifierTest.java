package io.floe.localsnowflake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
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
  private final JwtVerifier verifier =
      new JwtVerifier(new OneUser(), "ACME", Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void acceptsATokenSignedByTheRegisteredKey() throws Exception {
    assertEquals("ALICE", verifier.verify(token(KEY, "ACME.ALICE", 60)).orElseThrow().name());
  }

  @Test
  void refusesAnExpiredToken() throws Exception {
    assertTrue(verifier.verify(token(KEY, "ACME.ALICE", -1)).isEmpty());
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
    String header = b64("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64(
            ("{\"iss\":\""
                    + subject
                    + ".SHA256:"
                    + JwtVerifier.fingerprint(key.getPublic())
                    + "\",\"sub\":\""
                    + subject
                    + "\",\"iat\":"
                    + NOW.getEpochSecond()
                    + ",\"exp\":"
                    + (NOW.getEpochSecond() + validSeconds)
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key.getPrivate());
    s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + b64(s.sign());
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
