package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.ObjectName;
import java.util.Locale;

/**
 * A resolved stage plus a path prefix inside it. {@code name} is fully qualified for named and
 * table stages and holds the user's login name for the user stage.
 */
record StageLocation(StageRef.Kind kind, ObjectName name, String path) {

  /**
   * A file's name as LIST and COPY report it: {@code <stage name lower-cased>/<path>} for named
   * stages, the bare path for table and user stages (what connectors strip and parse).
   */
  String displayName(String relativePath) {
    return kind == StageRef.Kind.NAMED
        ? name.name().toLowerCase(Locale.ROOT) + "/" + relativePath
        : relativePath;
  }

  /** The transfer descriptor's {@code stageInfo.path}, e.g. {@code mystage/some/prefix}. */
  String stagePath() {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return kind == StageRef.Kind.NAMED
        ? name.name().toLowerCase(Locale.ROOT) + (trimmed.isEmpty() ? "" : "/" + trimmed)
        : trimmed;
  }

  /** The path as a directory prefix: empty or ending in '/'. */
  String directoryPath() {
    return path.isEmpty() || path.endsWith("/") ? path : path + "/";
  }

  /** Identifies the stage (not the path) in load metadata, e.g. {@code @DB.SCH.S}. */
  String stageKey() {
    return switch (kind) {
      case NAMED -> "@" + name;
      case TABLE -> "@" + name.database() + "." + name.schema() + ".%" + name.name();
      case USER -> "@~" + name.name();
    };
  }

  /** Where Snowpipe reports the pipe's files to live, e.g. {@code stages/DB.SCH.S/prefix/}. */
  String stageLocation() {
    return "stages/" + stageKey().substring(1) + "/" + directoryPath();
  }

  StageLocation withPath(String newPath) {
    return new StageLocation(kind, name, newPath);
  }
}
