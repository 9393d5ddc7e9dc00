package io.floe.localsnowflake.stage;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Snowflake's client-side envelope encryption, as the JDBC driver applies it to stage files: the
 * content is AES/CBC/PKCS5Padding under a random per-file key and IV, and the file key is wrapped
 * with AES/ECB/PKCS5Padding under a master key (the query's stage master key on the wire, the
 * server's at-rest key on disk).
 */
final class EnvelopeCrypto {
  static final int IV_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private EnvelopeCrypto() {}

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  static byte[] wrap(byte[] masterKey, byte[] fileKey) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/ECB/PKCS5Padding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
    return c.doFinal(fileKey);
  }

  static byte[] unwrap(byte[] masterKey, byte[] wrappedKey) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/ECB/PKCS5Padding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
    return c.doFinal(wrappedKey);
  }

  /** A content cipher for {@code mode} (Cipher.ENCRYPT_MODE or DECRYPT_MODE). */
  static Cipher content(int mode, byte[] fileKey, byte[] iv) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(mode, new SecretKeySpec(fileKey, "AES"), new IvParameterSpec(iv));
    return c;
  }

  /** The ciphertext length of {@code plainLength} bytes: PKCS5 always adds 1 to 16 bytes. */
  static long cipherLength(long plainLength) {
    return (plainLength / 16 + 1) * 16;
  }
}
