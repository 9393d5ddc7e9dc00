package io.floe.localsnowflake.sql;

/**
 * DuckDB macros that give VARIANT values (stored as DuckDB JSON text) Snowflake's semantics.
 *
 * <p>Exact numbers: DuckDB's JSON functions parse non-integer numbers into doubles, so {@code
 * json_extract('{"a":1.10}', '$.a')} yields {@code 1.1} and 20-digit decimals lose digits. {@code
 * sf_get} therefore first wraps every non-integer number of the document in a marker string ({@code
 * "\u0001N1.10"}), extracts, and unwraps the markers in the result: the digits pass through
 * untouched. Integers need no wrapping (DuckDB keeps big integers as written).
 *
 * <p>Comparisons: a VARIANT compared with a number is compared numerically through {@code sf_num}
 * (as a DOUBLE), with a string through its unquoted text ({@code sf_text}); ordering, MIN and MAX
 * of VARIANTs use {@code sf_vkey}, which orders numbers numerically before other values, so {@code
 * MAX(record_metadata:offset)} is numeric, not lexicographic. The translator decides where to apply
 * them because it knows which expressions are VARIANT.
 */
final class VariantMacros {
  private static final String NUMBER_OUTSIDE_STRINGS =
      "(\"(?:[^\"\\\\]|\\\\.)*\")|(-?[0-9]+\\.[0-9]+(?:[eE][-+]?[0-9]+)?|-?[0-9]+[eE][-+]?[0-9]+)";

  private VariantMacros() {}

  static void install(Duck duck) {
    // The second replace removes the empty marker the first one leaves after each string.
    macro(
        duck,
        "sf_protect(j)",
        "regexp_replace(regexp_replace(j::VARCHAR, '"
            + NUMBER_OUTSIDE_STRINGS
            + "',"
            + " '\\1\"\\\\u0001N\\2\"', 'g'), '\"\\\\u0001N\"', '', 'g')");
    macro(
        duck,
        "sf_unprotect(j)",
        "regexp_replace(j::VARCHAR, '\"\\\\u0001N([-+.0-9eE]+)\"', '\\1', 'g')");
    macro(
        duck,
        "sf_get(j, p)",
        "CASE WHEN j IS NULL OR p IS NULL THEN NULL"
            + " ELSE sf_unprotect(json_extract(sf_protect(j), p))::JSON END");
    macro(
        duck,
        "sf_text(j)",
        "CASE json_type(j) WHEN 'VARCHAR' THEN json_extract_string(j, '$')"
            + " WHEN 'NULL' THEN NULL ELSE j::VARCHAR END");
    macro(duck, "sf_num(j)", "CAST(sf_text(j) AS DOUBLE)");
    macro(duck, "sf_isnum(j)", "coalesce(json_type(j) IN ('BIGINT', 'UBIGINT', 'DOUBLE'), false)");
    macro(
        duck,
        "sf_vkey(j)",
        "CASE WHEN j IS NULL THEN NULL ELSE struct_pack("
            + "k := CASE WHEN sf_isnum(j) THEN 0 ELSE 1 END,"
            + " n := CASE WHEN sf_isnum(j) THEN CAST(j::VARCHAR AS DOUBLE) ELSE 0 END,"
            + " s := j::VARCHAR) END");
    macro(
        duck,
        "sf_typeof(j)",
        "CASE json_type(j) WHEN 'VARCHAR' THEN 'VARCHAR' WHEN 'BOOLEAN' THEN 'BOOLEAN'"
            + " WHEN 'NULL' THEN 'NULL_VALUE' WHEN 'OBJECT' THEN 'OBJECT' WHEN 'ARRAY' THEN 'ARRAY'"
            + " ELSE CASE WHEN regexp_matches(j::VARCHAR, '[eE]') THEN 'DOUBLE'"
            + " WHEN contains(j::VARCHAR, '.') THEN 'DECIMAL'"
            + " WHEN length(ltrim(j::VARCHAR, '-')) > 38 THEN 'DOUBLE' ELSE 'INTEGER' END END");
    macro(
        duck,
        "sf_array_size(j)",
        "CASE WHEN json_type(j) = 'ARRAY' THEN json_array_length(j)::BIGINT END");
    macro(
        duck,
        "sf_parse_json(s)",
        "CASE WHEN s IS NULL OR trim(s::VARCHAR) = '' THEN NULL ELSE s::VARCHAR::JSON END");
  }

  private static void macro(Duck duck, String signature, String body) {
    duck.execute("CREATE OR REPLACE MACRO " + signature + " AS " + body);
  }
}
