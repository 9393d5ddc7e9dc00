package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SnowflakeError;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage reference as written in SQL, before resolution: {@code @[db.][schema.]name[/path]}, the
 * table stage {@code @[db.][schema.]%table[/path]} or the user stage {@code @~[/path]}. The path is
 * kept verbatim: Snowflake treats stage paths as case-sensitive literal prefixes.
 */
record StageRef(Kind kind, ObjectName name, String path) {

  enum Kind {
    NAMED,
    TABLE,
    USER
  }

  /** Parses {@code text}, which starts with '@' (a STAGE token, or the content of a string). */
  static StageRef parse(String text) {
    if (!text.startsWith("@") || text.length() < 2) {
      throw invalid(text);
    }
    String body = text.substring(1);
    if (body.startsWith("~")) {
      return new StageRef(Kind.USER, null, checkedPath(text, stripSlash(body.substring(1))));
    }
    int slash = firstUnquoted(body, '/');
    String names = slash < 0 ? body : body.substring(0, slash);
    String path = slash < 0 ? "" : body.substring(slash + 1);
    List<String> parts = splitUnquoted(names);
    String last = parts.get(parts.size() - 1);
    Kind kind = Kind.NAMED;
    if (last.startsWith("%")) {
      kind = Kind.TABLE;
      parts.set(parts.size() - 1, last.substring(1));
    }
    if (parts.stream().anyMatch(String::isEmpty)) {
      throw invalid(text);
    }
    return new StageRef(kind, ObjectName.parse(String.join(".", parts)), checkedPath(text, path));
  }

  private static String stripSlash(String s) {
    return s.startsWith("/") ? s.substring(1) : s;
  }

  /**
   * Stage paths map onto directories of the local file system, so a ".." segment would escape the
   * stage; Snowflake treats it literally, we refuse it rather than mis-store files.
   */
  private static String checkedPath(String text, String path) {
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new SnowflakeError(
            "000002",
            "0A000",
            "Unsupported feature: the stage path in '"
                + text
                + "' has a '.' or '..' segment, which the local Snowflake does not store.");
      }
    }
    return path;
  }

  private static int firstUnquoted(String s, char wanted) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == wanted && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> splitUnquoted(String s) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        parts.add(s.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(s.substring(from));
    return parts;
  }

  private static SnowflakeError invalid(String text) {
    return new SnowflakeError(
        "001003", "42000", "SQL compilation error:\ninvalid stage reference '" + text + "'.");
  }
}
