package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.StageObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;

/**
 * The objects behind the presigned URLs of {@link CloudTransfers}. An upload is decrypted with the
 * stage master key of the query named in its envelope, checked against the driver's digest, and
 * stored sealed: the driver's ciphertext as it came, its file key re-wrapped under the at-rest key,
 * so the bytes on disk are never the plaintext. A download re-wraps the stored file key under the
 * downloading query's master key and sends the same ciphertext.
 */
final class StageObjectStore implements StageObjects {
  private final StageStorage storage;
  private final StageKeys keys;

  StageObjectStore(StageStorage storage, StageKeys keys) {
    this.storage = storage;
    this.keys = keys;
  }

  @Override
  public void upload(ObjectRequest request, Envelope envelope, String digest, InputStream body)
      throws IOException {
    Path target = authorized(request, "PUT");
    byte[] fileKey;
    byte[] iv;
    InputStream ciphertext;
    try {
      if (envelope != null) {
        fileKey = unwrap(envelope);
        iv = Base64.getDecoder().decode(envelope.iv());
        ciphertext = body;
      } else {
        // A plaintext upload (a client without encryption material): seal it with a fresh key.
        fileKey = EnvelopeCrypto.randomBytes(StageKeys.KEY_BYTES);
        iv = EnvelopeCrypto.randomBytes(EnvelopeCrypto.IV_BYTES);
        ciphertext =
            new CipherInputStream(body, EnvelopeCrypto.content(Cipher.ENCRYPT_MODE, fileKey, iv));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ObjectError(
          400, "InvalidArgument", "Cannot use the encryption metadata: " + e.getMessage());
    }
    storage.writeWhole(
        target,
        out -> {
          storage.sealed().writeHeader(out, fileKey, iv);
          String actual = copyAndDigest(ciphertext, out, fileKey, iv);
          if (digest != null && !digest.equals(actual)) {
            throw new ObjectError(
                400,
                "BadDigest",
                "The content of " + request.objectName() + " does not match its sfc-digest.");
          }
        });
  }

  @Override
  public Download download(ObjectRequest request) throws IOException {
    Path file = authorized(request, "GET");
    if (!Files.isRegularFile(file)) {
      throw new ObjectError(404, "NoSuchKey", "No such object: " + request.objectName());
    }
    byte[] queryKey = keys.queryMasterKey(request.queryId());
    SealedFiles.Stored stored = storage.openStored(file);
    try {
      byte[] fileKey = stored.fileKey();
      byte[] iv = stored.iv();
      InputStream body = stored.body();
      long length = stored.bodyLength();
      if (fileKey == null) {
        // Staged plain (LOCAL_FS mode, same data directory): encrypt it on the way out.
        fileKey = EnvelopeCrypto.randomBytes(StageKeys.KEY_BYTES);
        iv = EnvelopeCrypto.randomBytes(EnvelopeCrypto.IV_BYTES);
        body =
            new CipherInputStream(body, EnvelopeCrypto.content(Cipher.ENCRYPT_MODE, fileKey, iv));
        length = EnvelopeCrypto.cipherLength(length);
      }
      Envelope envelope =
          new Envelope(
              request.queryId(),
              StageKeys.SMK_ID,
              queryKey.length * 8,
              Base64.getEncoder().encodeToString(EnvelopeCrypto.wrap(queryKey, fileKey)),
              Base64.getEncoder().encodeToString(iv));
      return new Download(body, length, envelope);
    } catch (GeneralSecurityException e) {
      stored.body().close();
      throw new IOException("cannot encrypt " + request.objectName() + " for sending", e);
    }
  }

  private Path authorized(ObjectRequest request, String method) {
    if (!method.equals(request.method())
        || !keys.verify(method, request.objectName(), request.queryId(), request.signature())) {
      throw new ObjectError(
          403,
          "SignatureDoesNotMatch",
          "The request signature does not match: only URLs from PUT and GET answers work.");
    }
    return storage
        .objectPath(request.objectName())
        .orElseThrow(
            () -> new ObjectError(404, "NoSuchKey", "No such object: " + request.objectName()));
  }

  private byte[] unwrap(Envelope envelope) throws GeneralSecurityException {
    byte[] wrapped = Base64.getDecoder().decode(envelope.wrappedKey());
    return EnvelopeCrypto.unwrap(keys.queryMasterKey(envelope.queryId()), wrapped);
  }

  /**
   * Copies the ciphertext to {@code out} while decrypting it, and returns the base64 SHA-256 of the
   * plaintext, which is what the driver's sfc-digest holds. A body that does not decrypt (wrong
   * key, truncated) is refused.
   */
  private static String copyAndDigest(InputStream in, OutputStream out, byte[] fileKey, byte[] iv)
      throws IOException {
    try {
      Cipher decrypt = EnvelopeCrypto.content(Cipher.DECRYPT_MODE, fileKey, iv);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        byte[] plain = decrypt.update(buffer, 0, n);
        if (plain != null) {
          sha.update(plain);
        }
      }
      sha.update(decrypt.doFinal());
      return Base64.getEncoder().encodeToString(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    } catch (GeneralSecurityException e) {
      throw new ObjectError(
          400, "InvalidArgument", "The upload does not decrypt with its key: " + e.getMessage());
    }
  }
}
