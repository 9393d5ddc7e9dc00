package io.floe.connector.table.schema;

/**
 * A Snowflake column type for a schematized table: what Floe writes in DDL ({@link #sql()}) and
 * what DESC TABLE shows for it ({@link #described()}), so an existing column can be compared with
 * the type a field needs. {@code precision} is NUMBER's; {@code scale} is NUMBER's or the fraction
 * digits of TIME and the timestamps; both are 0 for the other kinds.
 */
public record ColumnType(Kind kind, int precision, int scale) {

  /** The Snowflake types schematization uses. */
  public enum Kind {
    NUMBER,
    FLOAT,
    BOOLEAN,
    VARCHAR,
    BINARY,
    DATE,
    TIME,
    TIMESTAMP_NTZ,
    TIMESTAMP_TZ,
    VARIANT,
    OBJECT,
    ARRAY
  }

  /** NUMBER's limits: 38 digits, at most 37 of them after the point. */
  public static final int MAX_PRECISION = 38;

  public static final int MAX_SCALE = 37;

  public static final ColumnType INTEGER = number(MAX_PRECISION, 0);
  public static final ColumnType FLOAT = of(Kind.FLOAT);
  public static final ColumnType BOOLEAN = of(Kind.BOOLEAN);
  public static final ColumnType VARCHAR = of(Kind.VARCHAR);
  public static final ColumnType BINARY = of(Kind.BINARY);
  public static final ColumnType DATE = of(Kind.DATE);
  public static final ColumnType VARIANT = of(Kind.VARIANT);
  public static final ColumnType OBJECT = of(Kind.OBJECT);
  public static final ColumnType ARRAY = of(Kind.ARRAY);

  public ColumnType {
    if (kind == Kind.NUMBER
        && (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision)) {
      throw new IllegalArgumentException("NUMBER(" + precision + "," + scale + ")");
    }
    if (isTemporal(kind) && (scale < 0 || scale > 9)) {
      throw new IllegalArgumentException(kind + "(" + scale + ")");
    }
  }

  private static ColumnType of(Kind kind) {
    return new ColumnType(kind, 0, 0);
  }

  public static ColumnType number(int precision, int scale) {
    return new ColumnType(Kind.NUMBER, precision, scale);
  }

  /** TIME with {@code digits} fraction digits (0 to 9). */
  public static ColumnType time(int digits) {
    return new ColumnType(Kind.TIME, 0, digits);
  }

  public static ColumnType timestampNtz(int digits) {
    return new ColumnType(Kind.TIMESTAMP_NTZ, 0, digits);
  }

  public static ColumnType timestampTz(int digits) {
    return new ColumnType(Kind.TIMESTAMP_TZ, 0, digits);
  }

  private static boolean isTemporal(Kind kind) {
    return kind == Kind.TIME || kind == Kind.TIMESTAMP_NTZ || kind == Kind.TIMESTAMP_TZ;
  }

  /** VARIANT, OBJECT or ARRAY: values stay JSON. */
  public boolean isSemiStructured() {
    return kind == Kind.VARIANT || kind == Kind.OBJECT || kind == Kind.ARRAY;
  }

  /** The type as Floe writes it in CREATE TABLE and ALTER TABLE … ADD COLUMN. */
  public String sql() {
    return switch (kind) {
      case NUMBER -> "NUMBER(" + precision + "," + scale + ")";
      case TIME, TIMESTAMP_NTZ, TIMESTAMP_TZ -> kind.name() + "(" + scale + ")";
      default -> kind.name();
    };
  }

  /** The type as DESC TABLE shows it: VARCHAR and BINARY with their maximum lengths. */
  public String described() {
    return switch (kind) {
      case VARCHAR -> "VARCHAR(16777216)";
      case BINARY -> "BINARY(8388608)";
      default -> sql();
    };
  }

  @Override
  public String toString() {
    return sql();
  }
}
