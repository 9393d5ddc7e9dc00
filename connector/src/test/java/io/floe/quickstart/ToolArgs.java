package io.floe.quickstart;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options of the quickstart's small tools. */
final class ToolArgs {
  private final String tool;
  private final Map<String, String> values = new HashMap<>();

  ToolArgs(String tool, String[] args) {
    this.tool = tool;
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException(tool + ": expected --name value pairs, got: " + args[i]);
      }
      values.put(args[i].substring(2), args[++i]);
    }
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException(tool + ": missing option --" + name);
    }
    return v;
  }

  String optional(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int intValue(String name, int fallback) {
    String v = values.get(name);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(tool + ": --" + name + " must be a number, got " + v);
    }
  }
}
