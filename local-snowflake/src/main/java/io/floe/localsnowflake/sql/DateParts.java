package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.sql.Ast.Call;
import io.floe.localsnowflake.sql.Ast.Expr;
import io.floe.localsnowflake.sql.ExprTranslator.T;
import io.floe.localsnowflake.sql.SqlType.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DATE_PART, EXTRACT and the functions named after one part (YEAR, DAYOFWEEK, HOUR, …), with
 * Snowflake's part names and abbreviations and its defaults WEEK_START = 0 and WEEK_OF_YEAR_POLICY
 * = 0: DAYOFWEEK counts 0 (Sunday) to 6 (Saturday), WEEK and YEAROFWEEK are ISO 8601's. A TIME has
 * only its clock parts; a DATE has every part but the sub-second epochs and the time zone parts
 * (its clock parts are 0). MILLISECOND and MICROSECOND are no parts of DATE_PART: Snowflake refuses
 * them too, by third-party measurements, as it refuses the other cases here with "invalid value [X]
 * for parameter 'DATE_PART date/time part'". EPOCH_* round down, so a moment before 1970 counts
 * from the second (millisecond) it falls in.
 */
final class DateParts {
  enum Part {
    YEAR("year", "y", "yy", "yyy", "yyyy", "yr", "years", "yrs"),
    MONTH("month", "mm", "mon", "mons", "months"),
    DAY("day", "d", "dd", "days", "dayofmonth"),
    DAYOFWEEK("dayofweek", "weekday", "dow", "dw"),
    DAYOFWEEKISO("dayofweekiso", "weekday_iso", "dow_iso", "dw_iso"),
    DAYOFYEAR("dayofyear", "yearday", "doy", "dy"),
    WEEK("week", "w", "wk", "weekofyear", "woy", "wy"),
    WEEKISO("weekiso", "week_iso", "weekofyeariso", "weekofyear_iso"),
    QUARTER("quarter", "q", "qtr", "qtrs", "quarters"),
    YEAROFWEEK("yearofweek"),
    YEAROFWEEKISO("yearofweekiso"),
    HOUR("hour", "h", "hh", "hr", "hours", "hrs"),
    MINUTE("minute", "m", "mi", "min", "minutes", "mins"),
    SECOND("second", "s", "sec", "seconds", "secs"),
    NANOSECOND(
        "nanosecond", "ns", "nsec", "nanosec", "nsecond", "nanoseconds", "nanosecs", "nseconds"),
    EPOCH_SECOND("epoch_second", "epoch", "epoch_seconds"),
    EPOCH_MILLISECOND("epoch_millisecond", "epoch_milliseconds"),
    EPOCH_MICROSECOND("epoch_microsecond", "epoch_microseconds"),
    EPOCH_NANOSECOND("epoch_nanosecond", "epoch_nanoseconds"),
    TIMEZONE_HOUR("timezone_hour", "tzh"),
    TIMEZONE_MINUTE("timezone_minute", "tzm");

    private final String[] names;

    Part(String... names) {
      this.names = names;
    }
  }

  private static final Map<String, Part> NAMES = new HashMap<>();

  /** Functions that are DATE_PART of one part. */
  private static final Map<String, Part> FUNCTIONS =
      Map.ofEntries(
          Map.entry("YEAR", Part.YEAR),
          Map.entry("YEAROFWEEK", Part.YEAROFWEEK),
          Map.entry("YEAROFWEEKISO", Part.YEAROFWEEKISO),
          Map.entry("QUARTER", Part.QUARTER),
          Map.entry("MONTH", Part.MONTH),
          Map.entry("WEEK", Part.WEEK),
          Map.entry("WEEKOFYEAR", Part.WEEK),
          Map.entry("WEEKISO", Part.WEEKISO),
          Map.entry("DAY", Part.DAY),
          Map.entry("DAYOFMONTH", Part.DAY),
          Map.entry("DAYOFWEEK", Part.DAYOFWEEK),
          Map.entry("DAYOFWEEKISO", Part.DAYOFWEEKISO),
          Map.entry("DAYOFYEAR", Part.DAYOFYEAR),
          Map.entry("HOUR", Part.HOUR),
          Map.entry("MINUTE", Part.MINUTE),
          Map.entry("SECOND", Part.SECOND));

  static {
    for (Part p : Part.values()) {
      for (String n : p.names) {
        NAMES.put(n, p);
      }
    }
  }

  private DateParts() {}

  static boolean handles(String function) {
    return function.equals("DATE_PART")
        || function.equals("EXTRACT")
        || FUNCTIONS.containsKey(function);
  }

  /**
   * {@code DATE_PART(part, v)}, {@code EXTRACT(part FROM v)} (parsed as a call with the part as a
   * string literal, as written) or {@code YEAR(v)} and the like.
   */
  static T translate(Call c, ExprTranslator x) {
    String fn = c.name();
    List<Expr> args = c.args();
    Part part = FUNCTIONS.get(fn);
    String word = fn;
    int value = 0;
    if (part == null) {
      if (args.size() != 2 || c.star() || c.distinct()) {
        throw argCount(fn);
      }
      word = partWord(fn, args.get(0));
      part = NAMES.get(word.toLowerCase(Locale.ROOT));
      value = 1;
    } else if (args.size() != 1 || c.star() || c.distinct()) {
      throw argCount(fn);
    }
    T v = temporal(fn, x.tr(args.get(value)), x);
    if (part == null || !applies(part, v.type().kind())) {
      throw new SnowflakeError(
          "001007",
          "22023",
          "SQL compilation error:\ninvalid value ["
              + word
              + "] for parameter '"
              + fn
              + " date/time part'");
    }
    return new T(sql(part, v), SqlType.COUNT);
  }

  /** The part as Snowflake echoes it: a bare word upper-cased, a string as written. */
  private static String partWord(String fn, Expr e) {
    if (e instanceof Ast.Column col && col.qualifier().isEmpty()) {
      return col.name();
    }
    if (e instanceof Ast.Literal l && l.kind() == Ast.LiteralKind.STRING) {
      return l.text();
    }
    throw new SnowflakeError(
        "001007",
        "22023",
        "SQL compilation error:\nDate/time component for function "
            + fn
            + " needs to be an identifier or a string literal.");
  }

  /** Text and VARIANT values are read as TIMESTAMP_NTZ; other non-temporal values are refused. */
  private static T temporal(String fn, T v, ExprTranslator x) {
    Kind k = v.type().kind();
    if (TemporalText.isTemporal(v.type())) {
      return v;
    }
    if (k == Kind.TEXT || k == Kind.NULL || v.semi()) {
      return x.cast(v, SqlType.of(Kind.TIMESTAMP_NTZ), false);
    }
    throw new SnowflakeError(
        "001044",
        "22023",
        "SQL compilation error:\nInvalid argument types for function '"
            + fn
            + "': ("
            + v.type().describe()
            + ")");
  }

  private static boolean applies(Part p, Kind k) {
    return switch (p) {
      case HOUR, MINUTE, SECOND, NANOSECOND -> true;
      case EPOCH_MILLISECOND, EPOCH_MICROSECOND, EPOCH_NANOSECOND, TIMEZONE_HOUR, TIMEZONE_MINUTE ->
          k != Kind.TIME && k != Kind.DATE;
      default -> k != Kind.TIME;
    };
  }

  private static String sql(Part p, T v) {
    String s = v.sql();
    return switch (p) {
      case YEAR -> duck("year", s);
      case MONTH -> duck("month", s);
      case DAY -> duck("day", s);
      case DAYOFWEEK -> duck("dow", s);
      case DAYOFWEEKISO -> duck("isodow", s);
      case DAYOFYEAR -> duck("doy", s);
      case WEEK, WEEKISO -> duck("week", s);
      case QUARTER -> duck("quarter", s);
      case YEAROFWEEK, YEAROFWEEKISO -> duck("isoyear", s);
      case HOUR -> duck("hour", s);
      case MINUTE -> duck("minute", s);
      case SECOND -> duck("second", s);
      // DuckDB's microseconds part counts from the minute; Snowflake's nanosecond from the second.
      case NANOSECOND -> "(" + duck("microseconds", s) + " % 1000000 * 1000)";
      case EPOCH_SECOND -> floorDiv(epochMicros(v), 1_000_000);
      case EPOCH_MILLISECOND -> floorDiv(epochMicros(v), 1_000);
      case EPOCH_MICROSECOND -> epochMicros(v);
      case EPOCH_NANOSECOND -> "(" + epochMicros(v) + " * 1000)";
      case TIMEZONE_HOUR -> duck("timezone_hour", "CAST(" + s + " AS TIMESTAMPTZ)");
      case TIMEZONE_MINUTE -> duck("timezone_minute", "CAST(" + s + " AS TIMESTAMPTZ)");
    };
  }

  private static String duck(String part, String sql) {
    return "date_part('" + part + "', " + sql + ")";
  }

  private static String epochMicros(T v) {
    return v.type().kind() == Kind.DATE
        ? "epoch_us(CAST(" + v.sql() + " AS TIMESTAMP))"
        : "epoch_us(" + v.sql() + ")";
  }

  /** Integer division rounding down (DuckDB's {@code //} rounds toward zero). */
  private static String floorDiv(String e, long n) {
    return "((" + e + " - (((" + e + ") % " + n + ") + " + n + ") % " + n + ") // " + n + ")";
  }

  private static SnowflakeError argCount(String fn) {
    return new SnowflakeError(
        "000939",
        "22023",
        "SQL compilation error:\nerror line 0 at position -1\ntoo many arguments for function ["
            + fn
            + "]");
  }
}
