package io.floe.connector.table.schema;

import java.util.Locale;
import java.util.Optional;

/**
 * A column of a schematized table as DESC TABLE shows it: its stored name, its type as Snowflake
 * prints it ({@code NUMBER(38,0)}, {@code VARCHAR(16777216)}) and whether it takes NULL.
 */
public final class TableColumn {
  private final String name;
  private final String described;
  private final boolean nullable;

  /** Parsed once: the converter checks every field of every record against it. */
  private final Optional<ColumnType> type;

  private final long maxLength;

  public TableColumn(String name, String described, boolean nullable) {
    this.name = name;
    this.described = described;
    this.nullable = nullable;
    this.type = parse(described);
    int[] args = arguments(described, described.indexOf('('));
    this.maxLength = args.length == 1 ? args[0] : Long.MAX_VALUE;
  }

  /** The name as Snowflake stores it (what DESC TABLE shows). */
  public String name() {
    return name;
  }

  /** The type as DESC TABLE prints it. */
  public String described() {
    return described;
  }

  public boolean nullable() {
    return nullable;
  }

  /**
   * The type, if it is one Floe can write; empty for the others (GEOGRAPHY, VECTOR, …), into which
   * no field fits. TIMESTAMP_LTZ counts as TIMESTAMP_TZ: both take an instant written with its
   * offset.
   */
  public Optional<ColumnType> type() {
    return type;
  }

  private static Optional<ColumnType> parse(String described) {
    String upper = described.trim().toUpperCase(Locale.ROOT);
    int open = upper.indexOf('(');
    String base = open < 0 ? upper : upper.substring(0, open).trim();
    int[] args = arguments(upper, open);
    try {
      return Optional.ofNullable(
          switch (base) {
            case "NUMBER", "DECIMAL", "NUMERIC" ->
                ColumnType.number(args.length > 0 ? args[0] : 38, args.length > 1 ? args[1] : 0);
            case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT" -> ColumnType.INTEGER;
            case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL" ->
                ColumnType.FLOAT;
            case "BOOLEAN" -> ColumnType.BOOLEAN;
            case "VARCHAR", "STRING", "TEXT", "CHAR", "CHARACTER", "NVARCHAR" -> ColumnType.VARCHAR;
            case "BINARY", "VARBINARY" -> ColumnType.BINARY;
            case "DATE" -> ColumnType.DATE;
            case "TIME" -> ColumnType.time(args.length > 0 ? args[0] : 9);
            case "TIMESTAMP_NTZ", "DATETIME", "TIMESTAMP" ->
                ColumnType.timestampNtz(args.length > 0 ? args[0] : 9);
            case "TIMESTAMP_TZ", "TIMESTAMP_LTZ" ->
                ColumnType.timestampTz(args.length > 0 ? args[0] : 9);
            case "VARIANT" -> ColumnType.VARIANT;
            case "OBJECT" -> ColumnType.OBJECT;
            case "ARRAY" -> ColumnType.ARRAY;
            default -> null;
          });
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The most characters (VARCHAR) or bytes (BINARY) a value may have, from the type's length;
   * {@link Long#MAX_VALUE} when the type has none.
   */
  public long maxLength() {
    return maxLength;
  }

  private static int[] arguments(String type, int open) {
    int close = type.indexOf(')', open + 1);
    if (open < 0 || close < 0) {
      return new int[0];
    }
    String[] parts = type.substring(open + 1, close).split(",");
    int[] out = new int[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        out[i] = Integer.parseInt(parts[i].trim());
      }
    } catch (NumberFormatException e) {
      return new int[0];
    }
    return out;
  }

  @Override
  public String toString() {
    return name + " " + described + (nullable ? "" : " NOT NULL");
  }
}
