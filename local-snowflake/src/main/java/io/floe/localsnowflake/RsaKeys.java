package io.floe.localsnowflake;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/**
 * Key pairs for key-pair logins (JDBC and Snowpipe) to the local Snowflake: register the public
 * half with {@link LocalSnowflake#registerPublicKey}, log in with the private half.
 */
public final class RsaKeys {
  private RsaKeys() {}

  /** A fresh 2048-bit RSA key pair, the size Snowflake asks for. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has RSA", e);
    }
  }
}
