package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.StatementResult.Encryption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's stage secrets, kept in one file beside the stage directories so that a data
 * directory keeps them across restarts: the at-rest key that wraps the key of every stored file,
 * and a MAC secret from which each query's stage master key and each presigned URL's signature are
 * derived. Deriving rather than remembering means no per-query state: a URL or key issued before a
 * restart still works after it.
 */
final class StageKeys {
  /** Snowflake's key ids are opaque numbers; the driver only echoes them in matdesc. */
  static final long SMK_ID = 4711;

  static final int KEY_BYTES = 16;
  private static final String FILE_NAME = ".stage-keys";
  private static final int MAC_BYTES = 32;

  private final byte[] atRestKey;
  private final byte[] macSecret;

  private StageKeys(byte[] atRestKey, byte[] macSecret) {
    this.atRestKey = atRestKey;
    this.macSecret = macSecret;
  }

  /** Reads the secrets under {@code root}, creating them on first use. */
  static StageKeys open(Path root) {
    Path file = root.resolve(FILE_NAME);
    try {
      Files.createDirectories(root);
      if (!Files.exists(file)) {
        byte[] fresh = new byte[KEY_BYTES + MAC_BYTES];
        new SecureRandom().nextBytes(fresh);
        Path temp = Files.createTempFile(root, FILE_NAME, ".tmp");
        Files.writeString(temp, Base64.getEncoder().encodeToString(fresh));
        // Written whole or not at all: a kill during the first start must not leave half a key.
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      }
      byte[] all = Base64.getDecoder().decode(Files.readString(file).trim());
      if (all.length != KEY_BYTES + MAC_BYTES) {
        throw new IllegalStateException(
            "the stage key file " + file + " is damaged; delete it to start with new keys");
      }
      return new StageKeys(
          Arrays.copyOfRange(all, 0, KEY_BYTES), Arrays.copyOfRange(all, KEY_BYTES, all.length));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the stage key file " + file, e);
    }
  }

  byte[] atRestKey() {
    return atRestKey.clone();
  }

  /** The stage master key of one query (what its answer's {@code encryptionMaterial} holds). */
  byte[] queryMasterKey(String queryId) {
    return Arrays.copyOf(mac("query-stage-master-key\n" + queryId), KEY_BYTES);
  }

  Encryption material(String queryId) {
    return new Encryption(
        Base64.getEncoder().encodeToString(queryMasterKey(queryId)), queryId, SMK_ID);
  }

  /** The signature of a presigned URL: method, object and issuing query, hex. */
  String sign(String method, String objectName, String queryId) {
    return HexFormat.of().formatHex(mac(method + "\n" + objectName + "\n" + queryId));
  }

  boolean verify(String method, String objectName, String queryId, String signature) {
    if (signature == null || queryId == null) {
      return false;
    }
    byte[] expected = sign(method, objectName, queryId).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(macSecret, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
