package io.floe.connector.config;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The RSA key pair Floe signs its Snowflake logins (JWT) with, and the fingerprint Snowflake shows
 * for the registered public key ({@code DESC USER} → {@code RSA_PUBLIC_KEY_FP}), so errors can tell
 * users which key Floe used. {@link #toString()} shows only the fingerprint.
 */
public final class SnowflakeKey {
  private final PrivateKey privateKey;
  private final RSAPublicKey publicKey;
  private final String fingerprint;

  SnowflakeKey(PrivateKey privateKey, RSAPublicKey publicKey, String fingerprint) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.fingerprint = fingerprint;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** {@code SHA256:<base64 of the SHA-256 of the public key's DER>}, as Snowflake shows it. */
  public String fingerprint() {
    return fingerprint;
  }

  public int bits() {
    return publicKey.getModulus().bitLength();
  }

  @Override
  public String toString() {
    // Never print the key itself: JDK private keys print their private exponent.
    return "RSA key (" + bits() + " bits, public key fingerprint " + fingerprint + ")";
  }
}
