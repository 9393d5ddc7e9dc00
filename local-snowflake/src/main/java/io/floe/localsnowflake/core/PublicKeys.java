package io.floe.localsnowflake.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RSA public keys as users register them ({@code ALTER USER … SET RSA_PUBLIC_KEY = '…'}) and as
 * Snowflake identifies them: by the base64 SHA-256 of their DER encoding, which DESC USER shows as
 * RSA_PUBLIC_KEY_FP and key-pair JWTs carry in their issuer.
 */
public final class PublicKeys {
  private PublicKeys() {}

  /** The base64 DER body of a key given with or without PEM armour and line breaks. */
  public static String body(String pemOrBody) {
    return pemOrBody.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  /** base64(sha256(DER)), without the {@code SHA256:} label. */
  public static String fingerprint(byte[] der) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
