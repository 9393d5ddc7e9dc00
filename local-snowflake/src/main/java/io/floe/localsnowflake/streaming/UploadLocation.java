package io.floe.localsnowflake.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The LOCAL_FS location configure names: a link to the blob directory, so the SDK's blobs land
 * where registration reads them, and so their uploads can be made to fail. The SDK writes a blob
 * with {@code FileUtils.copyInputStreamToFile(location/path)}, which creates the blob's parent
 * directories; while the link is replaced by a plain file those cannot be created, the write fails,
 * and the SDK does what it does when a cloud upload fails for good: it invalidates the blob's
 * channels (their buffered rows are lost) without registering anything. Swaps are atomic renames,
 * so a write sees either the link or the file.
 */
final class UploadLocation {
  private static final String NAME = "uploads";

  private final Path link;

  UploadLocation(Path blobRoot) {
    this.link = blobRoot.resolve(NAME);
    writable(true);
  }

  /** What configure answers as the stage's location. */
  Path path() {
    return link;
  }

  /** Makes uploads succeed again ({@code true}) or fail ({@code false}). */
  synchronized void writable(boolean writable) {
    try {
      if (writable == Files.isSymbolicLink(link)) {
        return;
      }
      Path swap = link.resolveSibling(NAME + ".swap");
      Files.deleteIfExists(swap);
      if (writable) {
        // Relative, so a data directory that moves keeps working.
        Files.createSymbolicLink(swap, Path.of("."));
      } else {
        Files.writeString(swap, "blob uploads fail here (an injected BLOB_UPLOAD fault)\n");
      }
      if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalStateException(link + " is a directory, not the upload link");
      }
      Files.move(swap, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
