package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.Bind;
import io.floe.localsnowflake.core.ObjectName;
import java.util.List;

/** The parsed form of the Snowflake queries and expressions the local Snowflake translates. */
final class Ast {
  private Ast() {}

  sealed interface Expr
      permits Literal,
          Param,
          Column,
          Star,
          Path,
          Cast,
          Call,
          Unary,
          Binary,
          IsNull,
          InList,
          Between,
          Like,
          Case,
          Subquery,
          Window {}

  enum LiteralKind {
    NUMBER,
    STRING,
    BOOLEAN,
    NULL
  }

  record Literal(LiteralKind kind, String text) implements Expr {}

  /** A {@code ?} with its bind value. */
  record Param(Bind bind) implements Expr {}

  /** {@code [qualifier.]name}; qualifier parts resolved (upper-cased unless quoted). */
  record Column(List<String> qualifier, String name) implements Expr {}

  /** {@code *} or {@code t.*} in a select list or COUNT(*). */
  record Star(List<String> qualifier) implements Expr {}

  /** One step of a semi-structured path: a key, a constant index, or a computed index/key. */
  record Step(String key, Integer index, Expr dynamic) {}

  /** {@code base:a.b[0]}, {@code base['k']}, {@code base[0]}. */
  record Path(Expr base, List<Step> steps) implements Expr {}

  record Cast(Expr expr, SqlType type, boolean tryCast) implements Expr {}

  /** A function call; {@code star} for COUNT(*). */
  record Call(String name, boolean distinct, List<Expr> args, boolean star) implements Expr {}

  record Unary(String op, Expr expr) implements Expr {}

  /** Arithmetic, comparison, AND/OR and ||. */
  record Binary(String op, Expr left, Expr right) implements Expr {}

  record IsNull(Expr expr, boolean not) implements Expr {}

  record InList(Expr expr, List<Expr> items, boolean not) implements Expr {}

  record Between(Expr expr, Expr low, Expr high, boolean not) implements Expr {}

  record Like(Expr expr, Expr pattern, boolean not, boolean ilike) implements Expr {}

  record When(Expr condition, Expr result) {}

  record Case(Expr operand, List<When> whens, Expr otherwise) implements Expr {}

  /** A ranking function with its window: {@code ROW_NUMBER() OVER (PARTITION BY … ORDER BY …)}. */
  record Window(String name, List<Expr> partitionBy, List<Order> orderBy) implements Expr {}

  /** A scalar subquery or IN/EXISTS subquery operand. */
  record Subquery(Query query) implements Expr {}

  // ---- queries

  /** One select list entry; {@code text} is its source, for the default column name. */
  record Item(Expr expr, String alias, String text) {}

  sealed interface From permits TableRef, Derived, Join {}

  record TableRef(ObjectName name, String alias) implements From {}

  record Derived(Query query, String alias) implements From {}

  /** {@code kind}: INNER, LEFT, RIGHT, FULL or CROSS; {@code on} null for CROSS. */
  record Join(From left, String kind, From right, Expr on) implements From {}

  record Order(Expr expr, boolean descending, Boolean nullsFirst) {}

  /** {@code qualify}: the QUALIFY filter, applied after window functions; null when absent. */
  record Select(
      boolean distinct,
      List<Item> items,
      From from,
      Expr where,
      List<Expr> groupBy,
      Expr having,
      Expr qualify) {}

  /** Selects joined by UNION [ALL] / EXCEPT / MINUS / INTERSECT, then ORDER BY and LIMIT. */
  record Query(
      List<Select> selects, List<String> setOps, List<Order> orderBy, Expr limit, Expr offset) {}
}
