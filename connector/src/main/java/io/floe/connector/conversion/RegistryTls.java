package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.types.Password;

/** Builds the TLS context for https schema registries from the schema.registry.ssl.* settings. */
final class RegistryTls {
  private RegistryTls() {}

  /** Null when neither a truststore nor a keystore is configured: the JVM's defaults apply. */
  static SSLContext sslContext(
      String prefix,
      String truststoreLocation,
      Password truststorePassword,
      String truststoreType,
      String keystoreLocation,
      Password keystorePassword,
      String keystoreType,
      Password keyPassword) {
    if (blank(truststoreLocation) && blank(keystoreLocation)) {
      return null;
    }
    try {
      TrustManagerFactory trust = null;
      if (!blank(truststoreLocation)) {
        KeyStore store =
            load(
                prefix + AvroConverterConfig.TRUSTSTORE_LOCATION,
                truststoreLocation,
                truststoreType,
                truststorePassword);
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
      }
      KeyManagerFactory keys = null;
      if (!blank(keystoreLocation)) {
        KeyStore store =
            load(
                prefix + AvroConverterConfig.KEYSTORE_LOCATION,
                keystoreLocation,
                keystoreType,
                keystorePassword);
        Password forKey = keyPassword != null ? keyPassword : keystorePassword;
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, chars(forKey));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keys == null ? null : keys.getKeyManagers(),
          trust == null ? null : trust.getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new FloeException(
          ErrorCode.FLOE_4001,
          prefix + "schema.registry.ssl.*: cannot set up TLS: " + e.getMessage() + ".",
          e);
    }
  }

  private static KeyStore load(String key, String location, String type, Password password)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(blank(type) ? "JKS" : type.trim());
    try (InputStream in = Files.newInputStream(Path.of(location.trim()))) {
      store.load(in, chars(password));
      return store;
    } catch (IOException e) {
      // Wrong password and unreadable file both land here; the JDK's message tells which.
      throw new FloeException(
          ErrorCode.FLOE_4001,
          key + ": cannot read '" + location + "': " + e.getMessage() + ".",
          e);
    }
  }

  private static char[] chars(Password password) {
    return password == null ? null : password.value().toCharArray();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
