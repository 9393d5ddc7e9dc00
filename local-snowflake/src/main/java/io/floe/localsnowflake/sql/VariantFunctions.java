package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.sql.Ast.Call;
import io.floe.localsnowflake.sql.Ast.Expr;
import io.floe.localsnowflake.sql.ExprTranslator.T;
import io.floe.localsnowflake.sql.SqlType.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The semi-structured functions of {@link FunctionTranslator}: VARIANT, OBJECT and ARRAY. */
final class VariantFunctions {
  private static final Set<String> NAMES =
      Set.of(
          "PARSE_JSON",
          "TRY_PARSE_JSON",
          "TO_JSON",
          "TO_VARIANT",
          "OBJECT_CONSTRUCT",
          "OBJECT_CONSTRUCT_KEEP_NULL",
          "ARRAY_CONSTRUCT",
          "ARRAY_SIZE",
          "TYPEOF",
          "IS_NULL_VALUE",
          "OBJECT_KEYS",
          "GET",
          "GET_PATH");

  private VariantFunctions() {}

  static boolean handles(String function) {
    return NAMES.contains(function);
  }

  static T translate(Call c, ExprTranslator x) {
    String name = c.name();
    switch (name) {
      case "PARSE_JSON", "TRY_PARSE_JSON" -> {
        return parseJson(c, x, name.equals("TRY_PARSE_JSON"));
      }
      case "TO_JSON" -> {
        T a = FunctionTranslator.one(c, x);
        return new T(
            a.semi()
                ? "sf_get(" + a.sql() + ", '$')::VARCHAR"
                : ExprTranslator.toJson(a) + "::VARCHAR",
            SqlType.TEXT);
      }
      case "TO_VARIANT" -> {
        return x.cast(FunctionTranslator.one(c, x), SqlType.VARIANT, false);
      }
      case "OBJECT_CONSTRUCT", "OBJECT_CONSTRUCT_KEEP_NULL" -> {
        return objectConstruct(c, x, name.endsWith("KEEP_NULL"));
      }
      case "ARRAY_CONSTRUCT" -> {
        List<T> a = FunctionTranslator.args(c, x);
        if (a.isEmpty()) {
          return new T("'[]'::JSON", SqlType.ARRAY);
        }
        return new T(
            "to_json(["
                + a.stream().map(VariantFunctions::asJson).collect(Collectors.joining(", "))
                + "])",
            SqlType.ARRAY);
      }
      case "ARRAY_SIZE" -> {
        return onOneSemi(c, x, name, "sf_array_size(%s)", SqlType.NUMBER);
      }
      case "TYPEOF" -> {
        return onOneSemi(c, x, name, "sf_typeof(%s)", SqlType.TEXT);
      }
      case "IS_NULL_VALUE" -> {
        return onOneSemi(c, x, name, "(json_type(%s) = 'NULL')", SqlType.BOOLEAN);
      }
      case "OBJECT_KEYS" -> {
        return onOneSemi(c, x, name, "to_json(json_keys(%s))", SqlType.ARRAY);
      }
      case "GET" -> {
        List<Expr> a = c.args();
        if (a.size() != 2) {
          throw FunctionTranslator.argCount(name);
        }
        Ast.Step step =
            a.get(1) instanceof Ast.Literal l && l.kind() == Ast.LiteralKind.NUMBER
                ? new Ast.Step(null, Integer.parseInt(l.text()), null)
                : a.get(1) instanceof Ast.Literal l2 && l2.kind() == Ast.LiteralKind.STRING
                    ? new Ast.Step(l2.text(), null, null)
                    : new Ast.Step(null, null, a.get(1));
        return x.tr(new Ast.Path(a.get(0), List.of(step)));
      }
      case "GET_PATH" -> {
        List<T> a = FunctionTranslator.args(c, x, 2);
        String path = "('$.' || " + ExprTranslator.text(a.get(1)).sql() + ")";
        return new T("sf_get(" + semi(a.get(0), name).sql() + ", " + path + ")", SqlType.VARIANT);
      }
      default -> throw new IllegalStateException(name);
    }
  }

  private static T parseJson(Call c, ExprTranslator x, boolean lenient) {
    Expr arg = c.args().size() == 1 ? c.args().get(0) : null;
    if (arg == null) {
      throw FunctionTranslator.argCount(c.name());
    }
    String constant = null;
    if (arg instanceof Ast.Literal l && l.kind() == Ast.LiteralKind.STRING) {
      constant = l.text();
    } else if (arg instanceof Ast.Param p) {
      constant = p.bind().value();
      if (constant == null) {
        return new T("CAST(NULL AS JSON)", SqlType.VARIANT);
      }
    }
    if (constant != null) {
      // A constant document is parsed here: exact numbers, sorted keys, duplicate-key errors.
      if (constant.isBlank()) {
        return new T("CAST(NULL AS JSON)", SqlType.VARIANT);
      }
      try {
        return new T(Duck.str(VariantText.canonical(constant)) + "::JSON", SqlType.VARIANT);
      } catch (SnowflakeError e) {
        if (lenient) {
          return new T("CAST(NULL AS JSON)", SqlType.VARIANT);
        }
        throw e;
      }
    }
    T a = ExprTranslator.text(x.tr(arg));
    return new T(
        lenient ? "TRY_CAST(" + a.sql() + " AS JSON)" : "sf_parse_json(" + a.sql() + ")",
        SqlType.VARIANT);
  }

  private static T objectConstruct(Call c, ExprTranslator x, boolean keepNull) {
    if (c.star()) {
      throw SnowflakeError.unsupported("OBJECT_CONSTRUCT(*)");
    }
    List<T> a = FunctionTranslator.args(c, x);
    if (a.isEmpty()) {
      return new T("'{}'::JSON", SqlType.OBJECT);
    }
    if (a.size() % 2 != 0) {
      throw FunctionTranslator.argCount(c.name());
    }
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < a.size(); i += 2) {
      entries.add(
          "{'k': CAST("
              + ExprTranslator.text(a.get(i)).sql()
              + " AS VARCHAR), 'v': "
              + asJson(a.get(i + 1))
              + "}");
    }
    // Snowflake drops keys whose value is SQL NULL (JSON null stays).
    String list = "[" + String.join(", ", entries) + "]";
    if (!keepNull) {
      list = "list_filter(" + list + ", e -> e.v IS NOT NULL)";
    } else {
      list = "list_transform(" + list + ", e -> {'k': e.k, 'v': coalesce(e.v, 'null'::JSON)})";
    }
    return new T(
        "CASE WHEN len("
            + list
            + ") = 0 THEN '{}'::JSON ELSE to_json(map_from_entries("
            + list
            + ")) END",
        SqlType.OBJECT);
  }

  private static String asJson(T v) {
    return ExprTranslator.toJson(v);
  }

  /** A function of one semi-structured argument: {@code template} with its SQL for {@code %s}. */
  private static T onOneSemi(Call c, ExprTranslator x, String name, String template, SqlType type) {
    return new T(String.format(template, semi(FunctionTranslator.one(c, x), name).sql()), type);
  }

  private static T semi(T a, String fn) {
    if (!a.semi() && a.type().kind() != Kind.NULL) {
      throw new SnowflakeError(
          "001044",
          "22023",
          "SQL compilation error:\nInvalid argument types"
              + " for function '"
              + fn
              + "': ("
              + a.type().describe()
              + ")");
    }
    return a;
  }
}
