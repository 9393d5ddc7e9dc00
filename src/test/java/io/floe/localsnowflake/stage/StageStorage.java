package io.floe.localsnowflake.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stage contents on the local file system: one directory per stage under a root directory. The real
 * driver writes PUT files straight into these directories (LOCAL_FS transfers), so the layout is
 * plain files under their stage-relative paths.
 */
final class StageStorage {
  private final Path root;

  StageStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
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
          files.add(
              new StagedFile(relative, p, attrs.size(), attrs.lastModifiedTime().toInstant()));
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
      if (!attrs.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new StagedFile(relativePath, p, attrs.size(), attrs.lastModifiedTime().toInstant()));
    } catch (IOException e) {
      return Optional.empty();
    }
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

  private Path resolve(StageLocation location, String relativePath) {
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
