package io.floe.localsnowflake.sql;

import io.floe.localsnowflake.core.ResultColumn;
import io.floe.localsnowflake.core.StatementResult;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the fixed-shape results of SHOW, DESC and DML from Java values, in the same wire text
 * forms as {@link ResultEncoder}: text, numbers, booleans and TIMESTAMP_LTZ instants.
 */
final class ResultBuilder {
  static final long SHOW = 0x4400;
  static final long DESCRIBE = 0x4500;
  static final long USE = 0x4300;
  static final long INSERT = 0x3100;
  static final long UPDATE = 0x3200;
  static final long DELETE = 0x3300;
  static final long TCL = 0x5000;

  private final List<ResultColumn> columns = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  ResultBuilder text(String... names) {
    for (String n : names) {
      columns.add(ResultColumn.text(n));
    }
    return this;
  }

  ResultBuilder number(String name) {
    columns.add(ResultColumn.number(name));
    return this;
  }

  ResultBuilder timestamp(String name) {
    columns.add(SqlType.of(SqlType.Kind.TIMESTAMP_LTZ).resultColumn(name));
    return this;
  }

  ResultBuilder bool(String name) {
    columns.add(SqlType.BOOLEAN.resultColumn(name));
    return this;
  }

  /** Values in column order: String, Number, Boolean, OffsetDateTime or null. */
  ResultBuilder row(Object... values) {
    List<String> row = new ArrayList<>();
    for (Object v : values) {
      row.add(wire(v));
    }
    rows.add(row);
    return this;
  }

  StatementResult.Rows build(long statementType) {
    return new StatementResult.Rows(List.copyOf(columns), List.copyOf(rows), statementType);
  }

  private static String wire(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof OffsetDateTime t) {
      return BigDecimal.valueOf(t.toEpochSecond())
          .add(BigDecimal.valueOf(t.getNano(), 9))
          .setScale(9)
          .toPlainString();
    }
    if (v instanceof Boolean b) {
      return b ? "1" : "0";
    }
    return v.toString();
  }

  /** The one-row count result of INSERT, UPDATE and DELETE. */
  static StatementResult.Rows count(long statementType, long count) {
    ResultBuilder b = new ResultBuilder();
    if (statementType == INSERT) {
      return b.number("number of rows inserted").row(count).build(INSERT);
    }
    if (statementType == UPDATE) {
      return b.number("number of rows updated")
          .number("number of multi-joined rows updated")
          .row(count, 0)
          .build(UPDATE);
    }
    return b.number("number of rows deleted").row(count).build(DELETE);
  }
}
