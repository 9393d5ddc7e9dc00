package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ClockSteps;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.sql.Ast.Call;
import io.floe.localsnowflake.sql.Ast.Expr;
import io.floe.localsnowflake.sql.ExprTranslator.T;
import io.floe.localsnowflake.sql.SqlType.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Snowflake functions the local Snowflake knows, mapped to DuckDB. A function not listed here is
 * refused as unsupported rather than passed through, because a DuckDB function of the same name may
 * mean something else.
 */
final class FunctionTranslator {
  /** Version reported by CURRENT_VERSION(). */
  static final String VERSION = "9.0.0";

  /** Scalar functions with the same name and meaning in DuckDB, and their result type. */
  private static final Map<String, SqlType> SAME =
      Map.ofEntries(
          Map.entry("UPPER", SqlType.TEXT), Map.entry("LOWER", SqlType.TEXT),
          Map.entry("TRIM", SqlType.TEXT), Map.entry("LTRIM", SqlType.TEXT),
          Map.entry("RTRIM", SqlType.TEXT), Map.entry("REPLACE", SqlType.TEXT),
          Map.entry("SPLIT_PART", SqlType.TEXT), Map.entry("LPAD", SqlType.TEXT),
          Map.entry("RPAD", SqlType.TEXT), Map.entry("REVERSE", SqlType.TEXT),
          Map.entry("LEFT", SqlType.TEXT), Map.entry("RIGHT", SqlType.TEXT),
          Map.entry("CONCAT", SqlType.TEXT), Map.entry("ABS", SqlType.NUMBER),
          Map.entry("ROUND", SqlType.NUMBER), Map.entry("FLOOR", SqlType.NUMBER),
          Map.entry("CEIL", SqlType.NUMBER), Map.entry("CEILING", SqlType.NUMBER),
          Map.entry("MOD", SqlType.NUMBER), Map.entry("SIGN", SqlType.NUMBER),
          Map.entry("SQRT", SqlType.FLOAT), Map.entry("POWER", SqlType.FLOAT),
          Map.entry("POW", SqlType.FLOAT), Map.entry("NULLIF", SqlType.NULL),
          Map.entry("GREATEST", SqlType.NULL), Map.entry("LEAST", SqlType.NULL));

  /** Now in local time (the local Snowflake's clock may have been advanced). */
  private static final String NOW = ClockSteps.SQL_NOW;

  private final SessionState session;

  FunctionTranslator(SessionState session) {
    this.session = session;
  }

  T call(Call c, ExprTranslator x) {
    String name = c.name();
    if (DateParts.handles(name)) {
      return DateParts.translate(c, x);
    }
    if (VariantFunctions.handles(name)) {
      return VariantFunctions.translate(c, x);
    }
    switch (name) {
      case "COUNT" -> {
        if (c.star()) {
          return new T("count(*)", SqlType.COUNT);
        }
        List<T> args = args(c, x);
        String inner =
            args.size() == 1
                ? args.get(0).sql()
                : "row(" + args.stream().map(T::sql).collect(Collectors.joining(", ")) + ")";
        return new T("count(" + (c.distinct() ? "DISTINCT " : "") + inner + ")", SqlType.COUNT);
      }
      case "MIN", "MAX" -> {
        T a = one(c, x);
        if (a.semi()) {
          // Snowflake orders VARIANT numbers numerically; keep the original value, not the key.
          String fn = name.equals("MAX") ? "arg_max" : "arg_min";
          return new T(fn + "(" + a.sql() + ", sf_vkey(" + a.sql() + "))", a.type());
        }
        return new T(name.toLowerCase() + "(" + a.sql() + ")", a.type());
      }
      case "SUM", "AVG" -> {
        T a = ExprTranslator.num(one(c, x));
        String d = c.distinct() ? "DISTINCT " : "";
        return new T(
            name.toLowerCase() + "(" + d + a.sql() + ")",
            name.equals("AVG") ? SqlType.FLOAT : a.type());
      }
      case "ANY_VALUE" -> {
        T a = one(c, x);
        return new T("any_value(" + a.sql() + ")", a.type());
      }
      case "COALESCE", "NVL", "IFNULL", "ZEROIFNULL" -> {
        List<T> args = new ArrayList<>(args(c, x));
        if (name.equals("ZEROIFNULL")) {
          args.add(new T("0", SqlType.NUMBER));
        }
        List<T> u = ExprTranslator.unify(args);
        return new T(
            "coalesce(" + u.stream().map(T::sql).collect(Collectors.joining(", ")) + ")",
            u.get(0).type());
      }
      case "IFF" -> {
        List<T> a = args(c, x, 3);
        List<T> u = ExprTranslator.unify(List.of(a.get(1), a.get(2)));
        return new T(
            "CASE WHEN "
                + ExprTranslator.bool(a.get(0))
                + " THEN "
                + u.get(0).sql()
                + " ELSE "
                + u.get(1).sql()
                + " END",
            u.get(0).type());
      }
      case "LENGTH", "LEN" -> {
        return new T("length(" + ExprTranslator.text(one(c, x)).sql() + ")", SqlType.NUMBER);
      }
      case "SUBSTR", "SUBSTRING" -> {
        List<T> a = args(c, x);
        return new T(
            "substr("
                + a.stream().map(ExprTranslator::text).map(T::sql).collect(Collectors.joining(", "))
                + ")",
            SqlType.TEXT);
      }
      case "STARTSWITH", "ENDSWITH", "CONTAINS" -> {
        List<T> a = args(c, x, 2);
        String fn =
            name.equals("STARTSWITH")
                ? "starts_with"
                : name.equals("ENDSWITH") ? "ends_with" : "contains";
        return new T(
            fn
                + "("
                + ExprTranslator.text(a.get(0)).sql()
                + ", "
                + ExprTranslator.text(a.get(1)).sql()
                + ")",
            SqlType.BOOLEAN);
      }
      case "TO_VARCHAR", "TO_CHAR", "AS_VARCHAR" -> {
        return castFn(c, x, SqlType.TEXT, false);
      }
      case "TO_NUMBER", "TO_DECIMAL", "TO_NUMERIC", "AS_NUMBER", "AS_INTEGER", "AS_DECIMAL" -> {
        return toNumber(c, x, false);
      }
      case "TRY_TO_NUMBER", "TRY_TO_DECIMAL", "TRY_TO_NUMERIC" -> {
        return toNumber(c, x, true);
      }
      case "TO_DOUBLE", "AS_DOUBLE" -> {
        return castFn(c, x, SqlType.FLOAT, false);
      }
      case "TRY_TO_DOUBLE" -> {
        return castFn(c, x, SqlType.FLOAT, true);
      }
      case "TO_BOOLEAN", "AS_BOOLEAN" -> {
        return castFn(c, x, SqlType.BOOLEAN, false);
      }
      case "TRY_TO_BOOLEAN" -> {
        return castFn(c, x, SqlType.BOOLEAN, true);
      }
      case "TO_DATE", "DATE", "AS_DATE" -> {
        return castFn(c, x, SqlType.of(Kind.DATE), false);
      }
      case "TRY_TO_DATE" -> {
        return castFn(c, x, SqlType.of(Kind.DATE), true);
      }
      case "TO_TIMESTAMP", "TO_TIMESTAMP_NTZ" -> {
        return castFn(c, x, SqlType.of(Kind.TIMESTAMP_NTZ), false);
      }
      case "TO_TIMESTAMP_LTZ" -> {
        return castFn(c, x, SqlType.of(Kind.TIMESTAMP_LTZ), false);
      }
      case "TO_TIMESTAMP_TZ" -> {
        return castFn(c, x, SqlType.of(Kind.TIMESTAMP_TZ), false);
      }
      case "TO_TIME", "TIME" -> {
        return castFn(c, x, SqlType.of(Kind.TIME), false);
      }
      case "CURRENT_DATABASE" -> {
        return session(session.database(), c);
      }
      case "CURRENT_SCHEMA" -> {
        return session(session.schema(), c);
      }
      case "CURRENT_ROLE" -> {
        return session(session.role(), c);
      }
      case "CURRENT_USER" -> {
        return session(session.user(), c);
      }
      case "CURRENT_WAREHOUSE" -> {
        return session(session.warehouse(), c);
      }
      case "CURRENT_VERSION" -> {
        return session(VERSION, c);
      }
      case "CURRENT_ACCOUNT", "CURRENT_ACCOUNT_NAME" -> {
        return session("LOCAL", c);
      }
      case "CURRENT_REGION" -> {
        return session("LOCAL", c);
      }
      case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "GETDATE", "SYSTIMESTAMP" -> {
        noArgs(c);
        return new T(NOW, SqlType.of(Kind.TIMESTAMP_LTZ));
      }
      case "SYSDATE" -> {
        noArgs(c);
        return new T(
            "CAST(timezone('UTC', " + NOW + ") AS TIMESTAMP)", SqlType.of(Kind.TIMESTAMP_NTZ));
      }
      case "CURRENT_DATE" -> {
        noArgs(c);
        return new T("CAST(" + NOW + " AS DATE)", SqlType.of(Kind.DATE));
      }
      case "CURRENT_TIME", "LOCALTIME" -> {
        noArgs(c);
        return new T("CAST(" + NOW + " AS TIME)", SqlType.of(Kind.TIME));
      }
      case "DATE_TRUNC" -> {
        List<T> a = args(c, x, 2);
        return new T(
            "date_trunc(lower(" + a.get(0).sql() + "), " + a.get(1).sql() + ")", a.get(1).type());
      }
      case "UUID_STRING" -> {
        noArgs(c);
        return new T("CAST(uuid() AS VARCHAR)", SqlType.TEXT);
      }
      default -> {
        SqlType t = SAME.get(name);
        if (t == null) {
          throw SnowflakeError.unsupported("the function " + name);
        }
        // A string function reads a date or time as its text (UPPER, CONCAT, …).
        List<T> a =
            args(c, x).stream()
                .map(
                    v ->
                        t.kind() == Kind.TEXT
                            ? TemporalText.format(ExprTranslator.num(v))
                            : ExprTranslator.num(v))
                .collect(Collectors.toList());
        SqlType result = t.kind() == Kind.NULL ? a.get(0).type() : t;
        return new T(
            name.toLowerCase()
                + "("
                + a.stream().map(T::sql).collect(Collectors.joining(", "))
                + ")",
            result);
      }
    }
  }

  private T toNumber(Call c, ExprTranslator x, boolean tryCast) {
    List<T> a = args(c, x);
    if (a.isEmpty() || a.size() > 3) {
      throw argCount(c.name());
    }
    int p = a.size() > 1 ? intConstant(c.args().get(1), c.name()) : 38;
    int s = a.size() > 2 ? intConstant(c.args().get(2), c.name()) : 0;
    return x.cast(a.get(0), SqlType.number(p, s), tryCast);
  }

  private static int intConstant(Expr e, String fn) {
    if (e instanceof Ast.Literal l && l.kind() == Ast.LiteralKind.NUMBER) {
      return Integer.parseInt(l.text());
    }
    throw SnowflakeError.unsupported("a non-constant precision or format in " + fn);
  }

  private T castFn(Call c, ExprTranslator x, SqlType target, boolean tryCast) {
    if (c.args().size() != 1) {
      throw SnowflakeError.unsupported(c.name() + " with a format argument");
    }
    return x.cast(x.tr(c.args().get(0)), target, tryCast);
  }

  private static T session(String value, Call c) {
    noArgs(c);
    return new T(value == null ? "CAST(NULL AS VARCHAR)" : Duck.str(value), SqlType.TEXT);
  }

  private static void noArgs(Call c) {
    if (!c.args().isEmpty() || c.star()) {
      throw argCount(c.name());
    }
  }

  static T one(Call c, ExprTranslator x) {
    return args(c, x, 1).get(0);
  }

  static List<T> args(Call c, ExprTranslator x, int n) {
    if (c.args().size() != n || c.star()) {
      throw argCount(c.name());
    }
    return args(c, x);
  }

  static List<T> args(Call c, ExprTranslator x) {
    if (c.star()) {
      throw argCount(c.name());
    }
    List<T> out = new ArrayList<>();
    for (Expr e : c.args()) {
      out.add(x.tr(e));
    }
    return out;
  }

  static SnowflakeError argCount(String fn) {
    return new SnowflakeError(
        "000939",
        "22023",
        "SQL compilation error:\nerror line 0 at position"
            + " -1\ntoo many arguments for function ["
            + fn
            + "]");
  }
}
