package io.floe.localsnowflake.core;

/** One entry of a result's {@code rowtype}. Precision and scale matter for FIXED only. */
public record ResultColumn(String name, SfType type, int precision, int scale, boolean nullable) {

  public static ResultColumn text(String name) {
    return new ResultColumn(name, SfType.TEXT, 0, 0, true);
  }

  public static ResultColumn number(String name) {
    return new ResultColumn(name, SfType.FIXED, 38, 0, true);
  }
}
