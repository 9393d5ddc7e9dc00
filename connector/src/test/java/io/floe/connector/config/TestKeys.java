package io.floe.connector.config;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Keys for config tests, generated with the JDK (one 2048-bit pair per test JVM, since generation
 * is the slow part) and written out in the formats users paste into Connect configs, encrypted with
 * BouncyCastle where needed.
 */
final class TestKeys {
  static final String PASSPHRASE = "correct horse battery staple";
  private static final Provider BC = new BouncyCastleProvider();
  private static final KeyPair PAIR = generate("RSA", 2048);

  private TestKeys() {}

  static KeyPair pair() {
    return PAIR;
  }

  static KeyPair generate(String algorithm, int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Snowflake's RSA_PUBLIC_KEY_FP for {@code publicKey}. */
  static String fingerprint(PublicKey publicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
      return "SHA256:" + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Unencrypted PKCS#8, as {@code openssl pkcs8 -topk8 -nocrypt} writes it. */
  static String pkcs8Pem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /**
   * Encrypted PKCS#8 with PBES2, PBKDF2-HMAC-SHA256 and {@code cipher}, as {@code openssl pkcs8
   * -topk8 -v2 des3|aes256} writes it.
   */
  static String encryptedPkcs8Pem(PrivateKey key, ASN1ObjectIdentifier cipher, String passphrase) {
    try {
      JceOpenSSLPKCS8EncryptorBuilder encryptor =
          new JceOpenSSLPKCS8EncryptorBuilder(cipher)
              .setProvider(BC)
              .setPRF(PKCS8Generator.PRF_HMACSHA256)
              .setIterationCount(2048)
              .setPassword(passphrase.toCharArray());
      return write(new JcaPKCS8Generator(key, encryptor.build()));
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), as {@code openssl genrsa} of OpenSSL 1.x writes it. */
  static String pkcs1Pem(PrivateKey key) {
    return write(key);
  }

  /** OpenSSL's legacy encrypted PKCS#1 ({@code Proc-Type: 4,ENCRYPTED}). */
  static String legacyEncryptedPkcs1Pem(PrivateKey key, String passphrase) {
    try {
      return write(
          new JcaMiscPEMGenerator(
              key,
              new JcePEMEncryptorBuilder("AES-256-CBC")
                  .setProvider(BC)
                  .build(passphrase.toCharArray())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The base64 body of a PEM block, on one line: what users often paste. */
  static String body(String pem) {
    return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  /** A minimal valid configuration for an account URL, with the unencrypted test key. */
  static Map<String, String> minimalConfig() {
    Map<String, String> props = new HashMap<>();
    props.put("snowflake.url.name", "xy12345.eu-west-1.snowflakecomputing.com");
    props.put("snowflake.user.name", "KAFKA_LOADER");
    props.put("snowflake.private.key", body(pkcs8Pem(PAIR.getPrivate())));
    props.put("snowflake.database.name", "KAFKA_DB");
    props.put("snowflake.schema.name", "RAW");
    return props;
  }
}
