package io.floe.localsnowflake.stage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.spec.SecretKeySpec;

/**
 * The at-rest format of stage files in cloud storage mode: a short header (a magic, the file key
 * wrapped under the server's at-rest key, the IV) followed by the AES/CBC ciphertext, which is the
 * driver's own ciphertext when the upload was encrypted. Files without the magic are plain (staged
 * in LOCAL_FS mode, where the driver writes them itself) and are read as they are.
 */
final class SealedFiles {
  private static final byte[] MAGIC = {0, 'L', 'S', 'F', 'S', 'E', 'A', 'L'};

  /** Magic, key length, the wrapped 16-byte key (32 bytes with padding), IV. */
  private static final int MAX_HEADER = MAGIC.length + 1 + 64 + EnvelopeCrypto.IV_BYTES;

  /** A stored file opened for sending: its ciphertext and key, or plain content (key null). */
  record Stored(byte[] fileKey, byte[] iv, InputStream body, long bodyLength) {}

  private final byte[] atRestKey;

  SealedFiles(byte[] atRestKey) {
    this.atRestKey = atRestKey;
  }

  /** Writes the header of a sealed file whose content is encrypted under {@code fileKey}. */
  void writeHeader(OutputStream out, byte[] fileKey, byte[] iv) throws IOException {
    byte[] wrapped;
    try {
      wrapped = EnvelopeCrypto.wrap(atRestKey, fileKey);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot wrap a file key", e);
    }
    out.write(MAGIC);
    out.write(wrapped.length);
    out.write(wrapped);
    out.write(iv);
  }

  /**
   * The length of the file's content: the file's size if plain; for a sealed file the plaintext's,
   * found without decrypting it all: with CBC the last plaintext block is the decrypted last cipher
   * block XOR the one before it (or the IV), and its last byte tells how much padding there is.
   */
  long contentLength(Path file) throws IOException {
    Stored s = openStored(file);
    try (InputStream in = s.body()) {
      if (s.fileKey() == null) {
        return s.bodyLength();
      }
      long blocks = s.bodyLength() / 16;
      if (blocks == 0 || s.bodyLength() % 16 != 0) {
        throw new IOException("damaged sealed file " + file + ": " + s.bodyLength() + " bytes");
      }
      in.skipNBytes(Math.max(0, blocks - 2) * 16);
      byte[] previous = blocks == 1 ? s.iv() : in.readNBytes(16);
      byte[] last = in.readNBytes(16);
      Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(s.fileKey(), "AES"));
      byte[] plain = aes.doFinal(last);
      int padding = (plain[15] ^ previous[15]) & 0xff;
      if (padding < 1 || padding > 16) {
        throw new IOException("damaged sealed file " + file + ": bad padding");
      }
      return s.bodyLength() - padding;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read sealed " + file, e);
    }
  }

  /** The file's content as COPY reads it: decrypted if sealed. */
  InputStream openPlain(Path file) throws IOException {
    Stored s = openStored(file);
    if (s.fileKey() == null) {
      return s.body();
    }
    try {
      return new CipherInputStream(
          s.body(), EnvelopeCrypto.content(Cipher.DECRYPT_MODE, s.fileKey(), s.iv()));
    } catch (GeneralSecurityException e) {
      s.body().close();
      throw new IOException("cannot decrypt " + file, e);
    }
  }

  /** The file's stored ciphertext and its unwrapped key, or its plain content. */
  Stored openStored(Path file) throws IOException {
    // The size of what was opened: a replacing upload moves a new file in, the old one stays open.
    SeekableByteChannel channel = Files.newByteChannel(file);
    long size = channel.size();
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 8192);
    try {
      Header h = readHeader(in);
      if (h == null) {
        return new Stored(null, null, in, size);
      }
      byte[] fileKey = EnvelopeCrypto.unwrap(atRestKey, h.wrappedKey);
      return new Stored(fileKey, h.iv, in, size - h.length);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      in.close();
      throw e instanceof IOException io ? io : new IOException("cannot read sealed " + file, e);
    }
  }

  private record Header(byte[] wrappedKey, byte[] iv, int length) {}

  /** Reads the header, or resets the stream and returns null when there is none. */
  private static Header readHeader(InputStream in) throws IOException {
    in.mark(MAX_HEADER);
    byte[] magic = in.readNBytes(MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)) {
      in.reset();
      return null;
    }
    DataInputStream data = new DataInputStream(in);
    try {
      int keyLength = data.readUnsignedByte();
      byte[] wrapped = new byte[keyLength];
      data.readFully(wrapped);
      byte[] iv = new byte[EnvelopeCrypto.IV_BYTES];
      data.readFully(iv);
      return new Header(wrapped, iv, MAGIC.length + 1 + keyLength + iv.length);
    } catch (EOFException e) {
      throw new IOException("truncated stage file header", e);
    }
  }
}
