package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;

/**
 * How much one Avro datum can hold: no string, bytes or fixed value longer than {@code maxLength}
 * bytes, and no more collection items than {@code maxLength} plus {@link
 * ConversionLimits#MAX_EMPTY_ITEMS} (every item but a null-like one takes at least one byte).
 * Avro's decoder allocates what a length or count declares before reading it, so without these a
 * few corrupt bytes declaring two billion items end in OutOfMemoryError.
 *
 * @param maxLength the most bytes the datum can span
 * @param code the error when a declared size exceeds it
 * @param limit what {@code maxLength} is, for the reason: e.g. "the 7 bytes of the record"
 */
record AvroBound(long maxLength, ErrorCode code, String limit) {

  /** A Confluent wire-format datum: its bytes are all there is. */
  static AvroBound ofDatum(int datumBytes) {
    return new AvroBound(
        datumBytes, ErrorCode.FLOE_4008, "the " + datumBytes + " bytes of the encoded record");
  }

  long maxItems() {
    return maxLength + ConversionLimits.MAX_EMPTY_ITEMS;
  }

  ConversionException declaredLength(String what, long length) {
    return new ConversionException(
        code, what + " declares " + length + " bytes, more than " + limit);
  }

  ConversionException tooManyItems(long items) {
    return new ConversionException(
        ErrorCode.FLOE_4012,
        "its collections declare "
            + items
            + " items, more than the "
            + maxItems()
            + " that "
            + limit
            + " can hold (an item such as null takes no bytes; at most "
            + ConversionLimits.MAX_EMPTY_ITEMS
            + " of those)");
  }
}
