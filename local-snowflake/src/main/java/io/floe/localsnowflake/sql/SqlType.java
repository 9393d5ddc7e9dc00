package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ResultColumn;
import io.floe.localsnowflake.core.SfType;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.SqlLexer;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.List;
import java.util.Locale;

/**
 * A Snowflake column type as DESC TABLE prints it, and how it is kept in DuckDB. DuckDB cannot tell
 * VARIANT from OBJECT or ARRAY (all JSON) nor TIMESTAMP_LTZ from TIMESTAMP_TZ, which is why the
 * catalog stores {@link #describe()} next to each column.
 */
record SqlType(Kind kind, int precision, int scale, long length) {

  enum Kind {
    NUMBER,
    FLOAT,
    TEXT,
    BOOLEAN,
    DATE,
    TIME,
    TIMESTAMP_NTZ,
    TIMESTAMP_LTZ,
    TIMESTAMP_TZ,
    BINARY,
    VARIANT,
    OBJECT,
    ARRAY,
    /** The type of a bare NULL literal: fits anything. */
    NULL
  }

  static final long MAX_TEXT = 16_777_216L;
  static final SqlType NUMBER = number(38, 0);
  static final SqlType COUNT = number(18, 0);
  static final SqlType FLOAT = of(Kind.FLOAT);
  static final SqlType TEXT = new SqlType(Kind.TEXT, 0, 0, MAX_TEXT);
  static final SqlType BOOLEAN = of(Kind.BOOLEAN);
  static final SqlType VARIANT = of(Kind.VARIANT);
  static final SqlType OBJECT = of(Kind.OBJECT);
  static final SqlType ARRAY = of(Kind.ARRAY);
  static final SqlType NULL = of(Kind.NULL);

  static SqlType of(Kind kind) {
    return new SqlType(
        kind, 0, kind == Kind.TIME || kind.name().startsWith("TIMESTAMP") ? 9 : 0, 0);
  }

  static SqlType number(int precision, int scale) {
    return new SqlType(Kind.NUMBER, precision, scale, 0);
  }

  boolean isSemiStructured() {
    return kind == Kind.VARIANT || kind == Kind.OBJECT || kind == Kind.ARRAY;
  }

  boolean isNumeric() {
    return kind == Kind.NUMBER || kind == Kind.FLOAT;
  }

  /** The type text of DESC TABLE and SHOW COLUMNS: NUMBER(38,0), VARCHAR(16777216), … */
  String describe() {
    return switch (kind) {
      case NUMBER -> "NUMBER(" + precision + "," + scale + ")";
      case TEXT -> "VARCHAR(" + length + ")";
      case BINARY -> "BINARY(" + length + ")";
      case TIME, TIMESTAMP_NTZ, TIMESTAMP_LTZ, TIMESTAMP_TZ -> kind.name() + "(" + scale + ")";
      case NULL -> "VARCHAR(" + MAX_TEXT + ")";
      default -> kind.name();
    };
  }

  /** The DuckDB column type that holds values of this type. */
  String duckType() {
    return switch (kind) {
      case NUMBER -> "DECIMAL(" + precision + "," + scale + ")";
      case FLOAT -> "DOUBLE";
      case TEXT, NULL -> "VARCHAR";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIME -> "TIME";
      case TIMESTAMP_NTZ -> "TIMESTAMP";
      // DuckDB keeps instants only: a TIMESTAMP_TZ loses its offset (rendered as UTC).
      case TIMESTAMP_LTZ, TIMESTAMP_TZ -> "TIMESTAMPTZ";
      case BINARY -> "BLOB";
      case VARIANT, OBJECT, ARRAY -> "JSON";
    };
  }

  /** The result-set column the driver sees for this type. */
  ResultColumn resultColumn(String name) {
    SfType wire =
        switch (kind) {
          case NUMBER -> SfType.FIXED;
          case FLOAT -> SfType.REAL;
          case TEXT, NULL -> SfType.TEXT;
          case BOOLEAN -> SfType.BOOLEAN;
          case DATE -> SfType.DATE;
          case TIME -> SfType.TIME;
          case TIMESTAMP_NTZ -> SfType.TIMESTAMP_NTZ;
          case TIMESTAMP_LTZ -> SfType.TIMESTAMP_LTZ;
          case TIMESTAMP_TZ -> SfType.TIMESTAMP_TZ;
          case BINARY -> SfType.BINARY;
          case VARIANT -> SfType.VARIANT;
          case OBJECT -> SfType.OBJECT;
          case ARRAY -> SfType.ARRAY;
        };
    return new ResultColumn(name, wire, precision, scale, true);
  }

  /** Parses a type as stored by {@link #describe()} (or as written in DDL). */
  static SqlType parse(String text) {
    TokenCursor c = new TokenCursor(null, text, List.of());
    SqlType t = parse(c);
    c.expectEnd();
    return t;
  }

  /** Reads a Snowflake data type at the cursor (e.g. {@code NUMBER(10,2)}, {@code STRING}). */
  static SqlType parse(TokenCursor c) {
    Token t = c.peek();
    if (t.kind() != Token.Kind.WORD) {
      throw c.unexpected();
    }
    String name = t.text().toUpperCase(Locale.ROOT);
    c.next();
    switch (name) {
      case "NUMBER", "DECIMAL", "NUMERIC" -> {
        int p = 38;
        int s = 0;
        if (c.acceptSymbol("(")) {
          p = intArg(c);
          if (c.acceptSymbol(",")) {
            s = intArg(c);
          }
          c.expectSymbol(")");
        }
        if (p < 1 || p > 38 || s < 0 || s > p) {
          throw new SnowflakeError(
              "002047",
              "42601",
              "SQL compilation error:\nInvalid precision or scale for NUMBER("
                  + p
                  + ","
                  + s
                  + ").");
        }
        return number(p, s);
      }
      case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT" -> {
        return NUMBER;
      }
      case "FLOAT", "FLOAT4", "FLOAT8", "REAL" -> {
        return FLOAT;
      }
      case "DOUBLE" -> {
        c.accept("PRECISION");
        return FLOAT;
      }
      case "VARCHAR", "STRING", "TEXT", "NVARCHAR", "NVARCHAR2", "CHAR", "CHARACTER", "NCHAR" -> {
        c.accept("VARYING");
        long len = name.contains("CHAR") && !name.contains("VAR") ? 1 : MAX_TEXT;
        if (c.acceptSymbol("(")) {
          len = intArg(c);
          c.expectSymbol(")");
        }
        return new SqlType(Kind.TEXT, 0, 0, len);
      }
      case "BINARY", "VARBINARY" -> {
        long len = 8_388_608L;
        if (c.acceptSymbol("(")) {
          len = intArg(c);
          c.expectSymbol(")");
        }
        return new SqlType(Kind.BINARY, 0, 0, len);
      }
      case "BOOLEAN" -> {
        return BOOLEAN;
      }
      case "DATE" -> {
        return of(Kind.DATE);
      }
      case "TIME" -> {
        return withScale(c, Kind.TIME);
      }
      case "DATETIME", "TIMESTAMP_NTZ", "TIMESTAMPNTZ" -> {
        return withScale(c, Kind.TIMESTAMP_NTZ);
      }
      case "TIMESTAMP_LTZ", "TIMESTAMPLTZ" -> {
        return withScale(c, Kind.TIMESTAMP_LTZ);
      }
      case "TIMESTAMP_TZ", "TIMESTAMPTZ" -> {
        return withScale(c, Kind.TIMESTAMP_TZ);
      }
      case "TIMESTAMP" -> {
        SqlType ts = withScale(c, Kind.TIMESTAMP_NTZ);
        if (c.accept("WITH", "LOCAL", "TIME", "ZONE")) {
          return new SqlType(Kind.TIMESTAMP_LTZ, 0, ts.scale, 0);
        }
        if (c.accept("WITH", "TIME", "ZONE")) {
          return new SqlType(Kind.TIMESTAMP_TZ, 0, ts.scale, 0);
        }
        c.accept("WITHOUT", "TIME", "ZONE");
        // TIMESTAMP_TYPE_MAPPING defaults to TIMESTAMP_NTZ.
        return ts;
      }
      case "VARIANT" -> {
        return VARIANT;
      }
      case "OBJECT" -> {
        return OBJECT;
      }
      case "ARRAY" -> {
        return ARRAY;
      }
      default -> {
        if (name.equals("GEOGRAPHY") || name.equals("GEOMETRY") || name.equals("VECTOR")) {
          throw SnowflakeError.unsupported("the data type " + name);
        }
        throw SqlLexer.syntaxErrorAt(c.sql(), t.start(), "unexpected '" + t.text() + "'");
      }
    }
  }

  private static SqlType withScale(TokenCursor c, Kind kind) {
    int scale = 9;
    if (c.acceptSymbol("(")) {
      scale = intArg(c);
      c.expectSymbol(")");
      if (scale > 9) {
        throw new SnowflakeError(
            "002047", "42601", "SQL compilation error:\nInvalid scale " + scale + " for " + kind);
      }
    }
    return new SqlType(kind, 0, scale, 0);
  }

  private static int intArg(TokenCursor c) {
    Token t = c.peek();
    if (t.kind() != Token.Kind.NUMBER || !t.text().chars().allMatch(Character::isDigit)) {
      throw c.unexpected();
    }
    c.next();
    return Integer.parseInt(t.text());
  }
}
