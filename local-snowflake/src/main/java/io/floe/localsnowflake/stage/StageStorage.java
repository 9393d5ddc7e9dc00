package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.LocalClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stage contents on the local file system: one directory per stage under a root directory, files
 * under their stage-relative paths. In LOCAL_FS mode the real driver writes PUT files straight into
 * these directories as plain files; in cloud mode uploads arrive as objects and are stored sealed
 * ({@link SealedFiles}). Readers go through {@link #open}, which handles both.
 */
final class StageStorage {
  /** Uploads are written here first and moved into place whole, so a kill never leaves half. */
  private static final String INCOMING = ".incoming";

  private final Path root;
  private final SealedFiles sealed;
  private final LocalClock clock;

  StageStorage(Path root, SealedFiles sealed, LocalClock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.sealed = sealed;
    this.clock = clock;
  }

  /** The directory holding the stage's files (not created). */
  Path stageDirectory(StageLocation location) {
    Path base =
        switch (location.kind()) {
          case NAMED ->
              root.resolve("named")
                  .resolve(encode(location.name().database()))
                  .resolve(encode(location.name().schema()))
                  .resolve(encode(location.name().name()));
          case TABLE ->
              root.resolve("table")
                  .resolve(encode(location.name().database()))
                  .resolve(encode(location.name().schema()))
                  .resolve(encode(location.name().name()));
          case USER -> root.resolve("user").resolve(encode(location.name().name()));
        };
    return base;
  }

  /**
   * Creates the directory a PUT writes into and returns it: the stage directory plus the location's
   * path taken as a directory.
   */
  Path uploadDirectory(StageLocation location) {
    Path dir = resolve(location, location.directoryPath());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create stage directory " + dir, e);
    }
    return dir;
  }

  /** Files whose stage-relative path starts with the location's path, sorted by path. */
  List<StagedFile> list(StageLocation location) {
    Path dir = stageDirectory(location);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<StagedFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
          continue; // removed while we walked
        }
        if (!attrs.isRegularFile()) {
          continue;
        }
        String relative = relativePath(dir, p);
        if (relative.startsWith(location.path())) {
          stagedFile(relative, p, attrs).ifPresent(files::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list stage directory " + dir, e);
    }
    files.sort(Comparator.comparing(StagedFile::relativePath));
    return files;
  }

  /** The file at exactly this stage-relative path, if present. */
  Optional<StagedFile> file(StageLocation location, String relativePath) {
    Path p = resolve(location, relativePath);
    try {
      BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
      return attrs.isRegularFile() ? stagedFile(relativePath, p, attrs) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * A stored file; its size is that of its content (for a sealed file the plaintext's: Snowflake
   * documents LIST's size as the size of the compressed file). Its last modification is in local
   * time: whoever wrote it (this server, or the driver in LOCAL_FS mode) stamped it with the wall
   * clock. Empty if it vanished meanwhile.
   */
  private Optional<StagedFile> stagedFile(String relative, Path p, BasicFileAttributes attrs) {
    try {
      long size = sealed.contentLength(p);
      Instant modified = clock.localTime(attrs.lastModifiedTime().toInstant());
      return Optional.of(new StagedFile(relative, p, size, modified));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The file's content, decrypted if it is stored sealed. */
  InputStream open(StagedFile file) throws IOException {
    return sealed.openPlain(file.file());
  }

  /** The file's stored bytes for sending to a client, with their key if sealed. */
  SealedFiles.Stored openStored(Path file) throws IOException {
    return sealed.openStored(file);
  }

  SealedFiles sealed() {
    return sealed;
  }

  /** Writes a file through {@code writer} and only then moves it into place (replacing any). */
  void writeWhole(Path target, ContentWriter writer) throws IOException {
    Path incoming = root.resolve(INCOMING);
    Files.createDirectories(incoming);
    Path temp = Files.createTempFile(incoming, "upload", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        writer.write(out);
      }
      Files.createDirectories(target.getParent());
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Writes a file's bytes; may refuse them (throwing) before they are moved into place. */
  @FunctionalInterface
  interface ContentWriter {
    void write(OutputStream out) throws IOException;
  }

  /**
   * A file's name as an object: {@code stages/} and its path under the root, '/'-separated. Object
   * names are what presigned URLs carry; {@link #objectPath} maps them back.
   */
  String objectName(Path file) {
    return "stages/" + relativePath(root, file);
  }

  /**
   * The file an object name denotes, or empty when the name does not lie inside a stage directory
   * (named, table or user stage).
   */
  Optional<Path> objectPath(String objectName) {
    if (!objectName.startsWith("stages/")) {
      return Optional.empty();
    }
    Path p = root.resolve(objectName.substring("stages/".length())).normalize();
    if (!p.startsWith(root)) {
      return Optional.empty();
    }
    Path rel = root.relativize(p);
    int stageDepth =
        switch (rel.getName(0).toString()) {
          case "named", "table" -> 4;
          case "user" -> 2;
          default -> Integer.MAX_VALUE;
        };
    return rel.getNameCount() > stageDepth ? Optional.of(p) : Optional.empty();
  }

  /** Deletes a file and the directories its removal left empty (up to the stage directory). */
  void remove(StageLocation location, StagedFile file) {
    Path stageDir = stageDirectory(location);
    try {
      Files.deleteIfExists(file.file());
      for (Path dir = file.file().getParent();
          dir != null && dir.startsWith(stageDir) && !dir.equals(stageDir);
          dir = dir.getParent()) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            break;
          }
        }
        Files.delete(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove staged file " + file.file(), e);
    }
  }

  /** Deletes everything a stage holds (DROP STAGE, CREATE OR REPLACE STAGE). */
  void drop(StageLocation location) {
    Path dir = stageDirectory(location);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete stage directory " + dir, e);
    }
  }

  /** Where the file at {@code relativePath} of the location's stage lives (or would live). */
  Path resolve(StageLocation location, String relativePath) {
    Path dir = stageDirectory(location);
    Path p = relativePath.isEmpty() ? dir : dir.resolve(relativePath).normalize();
    if (!p.startsWith(dir)) {
      throw new IllegalArgumentException("path escapes the stage: " + relativePath);
    }
    return p;
  }

  private static String relativePath(Path dir, Path file) {
    Path rel = dir.relativize(file);
    StringBuilder b = new StringBuilder();
    for (Path part : rel) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(part);
    }
    return b.toString();
  }

  /** Object names may hold any character; keep each one a single, harmless directory name. */
  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace(".", "%2E").replace("*", "%2A");
  }
}
