package io.floe.connector.conversion;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Writes numbers so that Snowflake keeps every digit.
 *
 * <p>Snowflake stores a JSON number in a VARIANT as fixed-point NUMBER when it fits (at most 38
 * digits, at most 37 after the point) and as DOUBLE otherwise, which silently rounds. Exact values
 * (Decimal, BigDecimal, BigInteger) that fit are written as plain JSON numbers, never in scientific
 * notation (which Snowflake would also store as DOUBLE); wider ones are written as JSON strings
 * holding the exact plain digits, which {@code ::NUMBER(p,s)} or {@code ::VARCHAR} read back
 * intact.
 *
 * <p>JSON has no NaN or infinities, so those floating-point values become the strings {@code
 * "NaN"}, {@code "Infinity"} and {@code "-Infinity"} (Java's spelling) instead of making the whole
 * staged file unparseable.
 */
final class JsonNumbers {
  static final int MAX_PRECISION = 38;
  static final int MAX_SCALE = 37;

  private JsonNumbers() {}

  static void writeDecimal(JsonGenerator g, BigDecimal value) throws IOException {
    String plain = value.toPlainString();
    if (fitsFixedPoint(value)) {
      g.writeNumber(plain);
    } else {
      g.writeString(plain);
    }
  }

  static void writeInteger(JsonGenerator g, BigInteger value) throws IOException {
    if (value.bitLength() < 64) {
      g.writeNumber(value.longValue());
    } else {
      writeDecimal(g, new BigDecimal(value));
    }
  }

  static void writeDouble(JsonGenerator g, double value) throws IOException {
    if (Double.isFinite(value)) {
      g.writeNumber(value);
    } else {
      g.writeString(Double.toString(value));
    }
  }

  static void writeFloat(JsonGenerator g, float value) throws IOException {
    if (Float.isFinite(value)) {
      // Float.toString keeps the float's shortest form: 0.1f stays 0.1, not 0.10000000149011612.
      g.writeNumber(value);
    } else {
      g.writeString(Float.toString(value));
    }
  }

  /** Whether Snowflake can hold the value as NUMBER(38, s) with s at most 37. */
  static boolean fitsFixedPoint(BigDecimal value) {
    BigDecimal v = value;
    if (v.scale() > MAX_SCALE) {
      v = v.stripTrailingZeros();
      if (v.scale() > MAX_SCALE) {
        return false;
      }
    }
    int scale = Math.max(v.scale(), 0);
    int integerDigits = Math.max(v.precision() - v.scale(), 0);
    return integerDigits + scale <= MAX_PRECISION;
  }
}
