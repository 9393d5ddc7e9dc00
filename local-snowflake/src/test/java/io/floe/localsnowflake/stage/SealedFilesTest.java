package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The at-rest format: content and its length come back for every padding case; plain stays. */
class SealedFilesTest {
  @TempDir Path dir;

  private final SealedFiles sealed =
      new SealedFiles(EnvelopeCrypto.randomBytes(StageKeys.KEY_BYTES));

  @Test
  void sealedContentAndLengthForEveryPadding() throws Exception {
    for (int length = 0; length <= 48; length++) {
      byte[] content = EnvelopeCrypto.randomBytes(length);
      Path file = dir.resolve("f" + length);
      byte[] key = EnvelopeCrypto.randomBytes(StageKeys.KEY_BYTES);
      byte[] iv = EnvelopeCrypto.randomBytes(EnvelopeCrypto.IV_BYTES);
      try (OutputStream out = Files.newOutputStream(file)) {
        sealed.writeHeader(out, key, iv);
        out.write(EnvelopeCrypto.content(Cipher.ENCRYPT_MODE, key, iv).doFinal(content));
      }
      assertEquals(length, sealed.contentLength(file), "length " + length);
      try (InputStream in = sealed.openPlain(file)) {
        assertArrayEquals(content, in.readAllBytes(), "length " + length);
      }
    }
  }

  @Test
  void plainFilesAreReadAsTheyAre() throws Exception {
    Path file = Files.writeString(dir.resolve("plain.json"), "{\"a\":1}");
    assertEquals(7, sealed.contentLength(file));
    try (InputStream in = sealed.openPlain(file)) {
      assertEquals("{\"a\":1}", new String(in.readAllBytes()));
    }
  }
}
