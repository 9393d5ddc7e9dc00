package io.floe.connector.conversion;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 text for dates, times of day and timestamps. The number of fraction digits follows the
 * precision of the source type (3 for millis, 6 for micros, 9 for nanos) and is always written, so
 * every value of one type has the same width and text order equals time order. Timestamps are UTC
 * with a trailing {@code Z}; Avro local timestamps have no zone and no {@code Z}.
 */
final class TemporalText {
  static final int MILLIS = 3;
  static final int MICROS = 6;
  static final int NANOS = 9;

  private static final long NANOS_PER_DAY = 86_400_000_000_000L;
  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private TemporalText() {}

  /** {@code 2024-01-15}; years beyond 9999 get a sign, as ISO-8601 expanded years. */
  static String date(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  /** {@code 10:15:30.123} for a time of day; values outside one day wrap around midnight. */
  static String timeOfDay(long nanosOfDay, int fractionDigits) {
    StringBuilder b = new StringBuilder(8 + 1 + fractionDigits);
    appendTime(b, Math.floorMod(nanosOfDay, NANOS_PER_DAY), fractionDigits);
    return b.toString();
  }

  /** {@code 2024-01-15T10:15:30.123Z}: an instant, in UTC. */
  static String instant(long epochSecond, int nanoOfSecond, int fractionDigits) {
    return dateTime(epochSecond, nanoOfSecond, fractionDigits, true);
  }

  /** {@code 2024-01-15T10:15:30.123}: a wall-clock date and time with no zone. */
  static String localDateTime(long epochSecond, int nanoOfSecond, int fractionDigits) {
    return dateTime(epochSecond, nanoOfSecond, fractionDigits, false);
  }

  static String instantFromMillis(long epochMillis) {
    return instant(
        Math.floorDiv(epochMillis, 1_000L),
        (int) Math.floorMod(epochMillis, 1_000L) * 1_000_000,
        MILLIS);
  }

  private static String dateTime(long epochSecond, int nanoOfSecond, int digits, boolean utc) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, nanoOfSecond, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(10 + 1 + 8 + 1 + digits + 1);
    b.append(t.toLocalDate()).append('T');
    appendTime(b, t.toLocalTime().toNanoOfDay(), digits);
    if (utc) {
      b.append('Z');
    }
    return b.toString();
  }

  private static void appendTime(StringBuilder b, long nanosOfDay, int digits) {
    long seconds = nanosOfDay / 1_000_000_000L;
    int nanos = (int) (nanosOfDay % 1_000_000_000L);
    appendTwoDigits(b, (int) (seconds / 3600));
    b.append(':');
    appendTwoDigits(b, (int) (seconds / 60 % 60));
    b.append(':');
    appendTwoDigits(b, (int) (seconds % 60));
    if (digits > 0) {
      b.append('.');
      int fraction = nanos / POWERS_OF_TEN[NANOS - digits];
      String text = Integer.toString(fraction);
      for (int i = text.length(); i < digits; i++) {
        b.append('0');
      }
      b.append(text);
    }
  }

  private static void appendTwoDigits(StringBuilder b, int value) {
    b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
