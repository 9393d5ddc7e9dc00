package io.floe.localsnowflake.streaming;

import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import io.floe.localsnowflake.streaming.StreamingCalls.ColumnMetadata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Snowflake's column types as Snowpipe Streaming sees them: the {@code logical_type} / {@code
 * physical_type} pair the SDK turns into a Parquet type (ParquetTypeGenerator), and the way back
 * from what DuckDB's read_parquet returns for that Parquet type to the value the catalog stores.
 * Timestamps travel as epoch values scaled by 10^scale (TIMESTAMP_TZ shifted left 14 bits with the
 * offset in minutes + 1440 below), TIME as scaled seconds of the day, semi-structured values as
 * JSON text, BINARY as its bytes (in a column the SDK annotates as a string, see ParquetFooter).
 */
final class StreamingColumns {
  private StreamingColumns() {}

  /** The column's metadata for the SDK, or empty when streaming into this type is unsupported. */
  static Optional<ColumnMetadata> metadata(ColumnInfo column, int ordinal) {
    String type = column.type().toUpperCase(Locale.ROOT);
    String base = base(type);
    int[] args = args(type);
    boolean nullable = column.nullable();
    String name = column.name();
    return Optional.ofNullable(
        switch (base) {
          case "NUMBER" -> {
            int precision = args.length > 0 ? args[0] : 38;
            int scale = args.length > 1 ? args[1] : 0;
            yield new ColumnMetadata(
                name,
                type,
                "FIXED",
                fixedPhysical(precision),
                precision,
                scale,
                null,
                null,
                nullable,
                ordinal);
          }
          case "VARCHAR" -> {
            long length = args.length > 0 ? args[0] : 16_777_216L;
            yield new ColumnMetadata(
                name,
                type,
                "TEXT",
                "LOB",
                null,
                null,
                Math.min(length * 4, 16_777_216L),
                length,
                nullable,
                ordinal);
          }
          case "FLOAT" ->
              new ColumnMetadata(
                  name, type, "REAL", "DOUBLE", null, null, null, null, nullable, ordinal);
          case "BOOLEAN" ->
              new ColumnMetadata(
                  name, type, "BOOLEAN", "SB1", null, null, null, null, nullable, ordinal);
          case "DATE" ->
              new ColumnMetadata(
                  name, type, "DATE", "SB4", null, null, null, null, nullable, ordinal);
          case "TIME" ->
              new ColumnMetadata(
                  name, type, "TIME", "SB8", null, scale(args), null, null, nullable, ordinal);
          case "TIMESTAMP_NTZ", "TIMESTAMP_LTZ" ->
              new ColumnMetadata(
                  name,
                  type,
                  base,
                  scale(args) > 7 ? "SB16" : "SB8",
                  null,
                  scale(args),
                  null,
                  null,
                  nullable,
                  ordinal);
          case "TIMESTAMP_TZ" ->
              new ColumnMetadata(
                  name, type, base, "SB16", null, scale(args), null, null, nullable, ordinal);
          case "BINARY" -> {
            long length = args.length > 0 ? args[0] : 8_388_608L;
            yield new ColumnMetadata(
                name, type, "BINARY", "LOB", null, null, length, length, nullable, ordinal);
          }
          case "VARIANT", "OBJECT", "ARRAY" ->
              new ColumnMetadata(
                  name, type, base, "LOB", null, null, null, null, nullable, ordinal);
          default -> null; // GEOGRAPHY, VECTOR, …: not served
        });
  }

  /**
   * The catalog's value for a Parquet value of the column: {@code raw} is what DuckDB's JDBC driver
   * returned (BigDecimal for the scaled decimals, String for text, Boolean, Double).
   */
  static Object value(ColumnMetadata column, Object raw) {
    if (raw == null) {
      return null;
    }
    return switch (column.logicalType()) {
      case "FIXED" -> decimal(raw).setScale(column.scale(), RoundingMode.UNNECESSARY);
      case "REAL" -> ((Number) raw).doubleValue();
      case "BOOLEAN" -> raw instanceof Boolean b ? b : Boolean.parseBoolean(raw.toString());
      case "DATE" -> LocalDate.parse(raw.toString());
      case "TIME" -> LocalTime.ofNanoOfDay(nanos(decimal(raw)));
      case "TIMESTAMP_NTZ" -> LocalDateTime.ofInstant(instant(decimal(raw)), ZoneOffset.UTC);
      case "TIMESTAMP_LTZ" -> instant(decimal(raw)).atOffset(ZoneOffset.UTC);
      case "TIMESTAMP_TZ" -> timestampTz(decimal(raw), column.scale());
      case "BINARY" -> bytes(raw);
      default -> raw.toString(); // TEXT, and VARIANT/OBJECT/ARRAY as JSON text
    };
  }

  /** ChunkReader reads a BINARY column's Parquet values as bytes (ParquetFooter). */
  private static byte[] bytes(Object raw) {
    if (raw instanceof byte[] b) {
      return b;
    }
    throw new IllegalArgumentException("not bytes: " + raw.getClass().getSimpleName());
  }

  private static OffsetDateTime timestampTz(BigDecimal raw, int scale) {
    BigInteger binary = raw.unscaledValue();
    int offsetMinutes = binary.intValue() & 0x3FFF;
    BigDecimal epoch = new BigDecimal(binary.shiftRight(14), scale);
    return instant(epoch).atOffset(ZoneOffset.ofTotalSeconds((offsetMinutes - 1440) * 60));
  }

  private static Instant instant(BigDecimal epochSeconds) {
    BigDecimal seconds = epochSeconds.setScale(0, RoundingMode.FLOOR);
    long nanos = epochSeconds.subtract(seconds).movePointRight(9).longValue();
    return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
  }

  private static long nanos(BigDecimal seconds) {
    return seconds.movePointRight(9).setScale(0, RoundingMode.DOWN).longValueExact();
  }

  private static BigDecimal decimal(Object raw) {
    if (raw instanceof BigDecimal d) {
      return d;
    }
    if (raw instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    return new BigDecimal(raw.toString());
  }

  /** SB1…SB16 by precision: how many bytes Snowflake reserves for the column's integers. */
  private static String fixedPhysical(int precision) {
    if (precision <= 2) {
      return "SB1";
    }
    if (precision <= 4) {
      return "SB2";
    }
    if (precision <= 9) {
      return "SB4";
    }
    return precision <= 18 ? "SB8" : "SB16";
  }

  private static int scale(int[] args) {
    return args.length > 0 ? args[0] : 9;
  }

  private static String base(String type) {
    int paren = type.indexOf('(');
    return (paren < 0 ? type : type.substring(0, paren)).trim();
  }

  private static int[] args(String type) {
    int open = type.indexOf('(');
    if (open < 0) {
      return new int[0];
    }
    String[] parts = type.substring(open + 1, type.indexOf(')', open)).split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Integer.parseInt(parts[i].trim());
    }
    return out;
  }
}
