package io.floe.localsnowflake.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.Catalog.UserAccount;
import io.floe.localsnowflake.core.LocalClock;
import io.floe.localsnowflake.core.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies the key-pair JWTs that JDBC (login) and the Snowpipe SDK (every REST call) send: RS256
 * over {@code header.claims}, {@code iss = ACCOUNT.USER.SHA256:<fingerprint>}, {@code sub =
 * ACCOUNT.USER}, issued ({@code iat}) and expiring ({@code exp}) at most an hour apart, not
 * expired, signed by the public key registered for the user whose fingerprint the token names.
 *
 * <p>Clients sign with the wall clock, and the local clock may have been advanced since. A token is
 * judged in local time as of its issue: it expires {@code exp - iat} after the local time at which
 * it was issued. So advancing the local clock past a token's lifetime expires it (the Snowpipe SDK
 * then signs a new one and retries), while a token signed after an advance is as fresh as the
 * client meant it.
 */
final class JwtVerifier {
  /** Snowflake accepts key-pair JWTs that live at most an hour. */
  static final Duration MAX_LIFETIME = Duration.ofHours(1);

  private final Catalog catalog;
  private final String account;
  private final LocalClock clock;

  JwtVerifier(Catalog catalog, String account, LocalClock clock) {
    this.catalog = catalog;
    this.account = account.toUpperCase(Locale.ROOT);
    this.clock = clock;
  }

  /** The verified user, or empty when the token is malformed, expired, or not validly signed. */
  Optional<UserAccount> verify(String jwt) {
    if (jwt == null) {
      return Optional.empty();
    }
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      Base64.Decoder url = Base64.getUrlDecoder();
      JsonNode header = JsonExchange.MAPPER.readTree(url.decode(parts[0]));
      JsonNode claims = JsonExchange.MAPPER.readTree(url.decode(parts[1]));
      if (!"RS256".equals(header.path("alg").asText())) {
        return Optional.empty();
      }
      String iss = claims.path("iss").asText("");
      String sub = claims.path("sub").asText("");
      if (!claims.path("iat").canConvertToLong()
          || !claims.path("exp").canConvertToLong()
          || !live(
              numericDate(claims.get("iat").asLong()), numericDate(claims.get("exp").asLong()))) {
        return Optional.empty();
      }
      int fp = iss.indexOf(".SHA256:");
      if (fp < 0 || !iss.substring(0, fp).equalsIgnoreCase(sub)) {
        return Optional.empty();
      }
      int dot = sub.indexOf('.');
      if (dot < 0 || !sub.substring(0, dot).equalsIgnoreCase(account)) {
        return Optional.empty();
      }
      String fingerprint = iss.substring(fp + ".SHA256:".length());
      Optional<UserAccount> user = catalog.user(sub.substring(dot + 1));
      if (user.isEmpty() || user.get().disabled()) {
        return Optional.empty();
      }
      byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
      byte[] signature = url.decode(parts[2]);
      for (String keyBody : user.get().rsaPublicKeys()) {
        PublicKey key = publicKey(keyBody);
        if (fingerprint(key).equals(fingerprint) && verifies(key, signed, signature)) {
          return user;
        }
      }
      return Optional.empty();
    } catch (Exception e) {
      // Any malformed part means "invalid token", exactly like Snowflake's single answer.
      return Optional.empty();
    }
  }

  private boolean live(Instant issued, Instant expires) {
    Duration lifetime = Duration.between(issued, expires);
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      return false;
    }
    // iat counts whole seconds: take the end of its second, so a token signed in the same second
    // as an advance, but after it, counts as signed after it.
    Instant issuedLocally = issued.plus(clock.offsetAt(issued.plusSeconds(1).minusNanos(1)));
    return clock.instant().isBefore(issuedLocally.plus(lifetime));
  }

  /** Seconds since the epoch, or milliseconds (Snowflake's REST APIs accept either). */
  private static Instant numericDate(long value) {
    return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
  }

  /** base64(sha256(DER)) — what Snowflake shows as RSA_PUBLIC_KEY_FP after "SHA256:". */
  static String fingerprint(PublicKey key) {
    return PublicKeys.fingerprint(key.getEncoded());
  }

  static PublicKey publicKey(String pemOrBody) throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA")
        .generatePublic(
            new X509EncodedKeySpec(Base64.getDecoder().decode(PublicKeys.body(pemOrBody))));
  }

  private static boolean verifies(PublicKey key, byte[] signed, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(key);
    verifier.update(signed);
    return verifier.verify(signature);
  }
}
