package io.floe.connector.table.schema;

/** NUMBER(p,s) for a decimal that fits Snowflake's NUMBER, VARCHAR for one that does not. */
final class DecimalColumns {
  private DecimalColumns() {}

  /**
   * A negative scale (whole multiples of a power of ten) needs {@code precision - scale} integer
   * digits and no fraction; a precision below the scale (only a few leading zeros after the point)
   * is widened to the scale, as NUMBER requires.
   */
  static ColumnType of(int precision, int scale) {
    if (scale < 0) {
      precision = precision - scale;
      scale = 0;
    }
    precision = Math.max(precision, Math.max(scale, 1));
    if (precision > ColumnType.MAX_PRECISION || scale > ColumnType.MAX_SCALE) {
      return ColumnType.VARCHAR;
    }
    return ColumnType.number(precision, scale);
  }
}
