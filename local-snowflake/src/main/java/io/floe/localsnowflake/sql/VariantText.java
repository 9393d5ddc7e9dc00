package io.floe.localsnowflake.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.floe.localsnowflake.core.SnowflakeError;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Semi-structured values as text, the way Snowflake prints them. Numbers are kept as the digits
 * they were written with (a JSON number never passes through a double), object keys are sorted.
 *
 * <ul>
 *   <li>{@link #render}: what the driver's getString returns for a VARIANT, OBJECT or ARRAY column:
 *       2-space indent, {@code ": "}, one element per line, {@code {}} and {@code []} when empty,
 *       strings quoted, doubles as {@code 1.500000000000000e+03}.
 *   <li>{@link #canonical}: compact form with sorted keys, as stored and as TO_JSON prints it.
 * </ul>
 *
 * Public so that the stage package (COPY, LIST output) can reuse it.
 */
public final class VariantText {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int MAX_FIXED_DIGITS = 38;

  private VariantText() {}

  /** Pretty text for a result set; null stays null. */
  public static String render(String json) {
    if (json == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    write(parse(json, false), out, 0, true);
    return out.toString();
  }

  /** Compact text with sorted keys; fails with 100069 on malformed JSON or duplicate keys. */
  public static String canonical(String json) {
    StringBuilder out = new StringBuilder();
    write(parse(json, true), out, -1, false);
    return out.toString();
  }

  /**
   * Parses one JSON value into maps (sorted), lists, {@link Num}, String, Boolean and NULL_VALUE.
   */
  static Object parse(String json, boolean rejectDuplicates) {
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw parseError("unexpected end of input", json.length());
      }
      Object value = read(p, rejectDuplicates);
      if (p.nextToken() != null) {
        throw parseError("unexpected character", (int) p.currentTokenLocation().getCharOffset());
      }
      return value;
    } catch (IOException e) {
      String msg = e.getMessage() == null ? "malformed JSON" : e.getMessage().split("\n")[0];
      throw parseError(msg, 0);
    }
  }

  /** A JSON number's original text. */
  record Num(String text) {}

  /** JSON null (distinct from SQL NULL). */
  static final Object NULL_VALUE = new Object();

  private static Object read(JsonParser p, boolean rejectDuplicates) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> map = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          Object value = read(p, rejectDuplicates);
          if (map.put(key, value) != null && rejectDuplicates) {
            throw parseError(
                "duplicate object attribute \"" + key + "\"",
                (int) p.currentTokenLocation().getCharOffset());
          }
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(p, rejectDuplicates));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new Num(p.getText());
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return NULL_VALUE;
      }
      default -> throw parseError("unexpected token " + t, 0);
    }
  }

  @SuppressWarnings("unchecked")
  private static void write(Object v, StringBuilder out, int indent, boolean snowflakeNumbers) {
    boolean pretty = indent >= 0;
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        newline(out, indent + 2, pretty);
        quote(e.getKey(), out);
        out.append(pretty ? ": " : ":");
        write(e.getValue(), out, pretty ? indent + 2 : -1, snowflakeNumbers);
      }
      newline(out, indent, pretty);
      out.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        out.append(i == 0 ? "" : ",");
        newline(out, indent + 2, pretty);
        write(l.get(i), out, pretty ? indent + 2 : -1, snowflakeNumbers);
      }
      newline(out, indent, pretty);
      out.append(']');
    } else if (v instanceof String s) {
      quote(s, out);
    } else if (v instanceof Num n) {
      out.append(snowflakeNumbers ? number(n.text()) : n.text());
    } else if (v instanceof Boolean b) {
      out.append(b);
    } else {
      out.append("null");
    }
  }

  /**
   * Snowflake keeps a JSON number as a fixed-point NUMBER when it has no exponent and fits 38
   * digits (printed as written), otherwise as a DOUBLE (printed with 15 fraction digits).
   */
  static String number(String text) {
    boolean exponent = text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
    long digits = text.chars().filter(Character::isDigit).count();
    if (!exponent && digits <= MAX_FIXED_DIGITS) {
      return text;
    }
    double d = new BigDecimal(text).doubleValue();
    return String.format(Locale.ROOT, "%.15e", d);
  }

  private static void newline(StringBuilder out, int indent, boolean pretty) {
    if (pretty) {
      out.append('\n').append(" ".repeat(Math.max(indent, 0)));
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
  }

  static SnowflakeError parseError(String detail, int pos) {
    return new SnowflakeError(
        "100069", "22P02", "Error parsing JSON: " + detail + ", pos " + Math.max(pos, 0));
  }
}
