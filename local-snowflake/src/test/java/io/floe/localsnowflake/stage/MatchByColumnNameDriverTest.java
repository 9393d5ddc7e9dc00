package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * COPY with MATCH_BY_COLUMN_NAME through the real snowflake-jdbc: each top-level key loads into its
 * column, conversion errors follow ON_ERROR, the streamed and the tree path agree, large loads into
 * typed columns store what small ones do, and a transformation is refused. Each test uses its own
 * schema.
 */
class MatchByColumnNameDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final DriverSql db = new DriverSql(SNOWFLAKE);

  @BeforeAll
  static void database() {
    SNOWFLAKE.get().execute("create database db");
  }

  @Test
  void matchByColumnNameLoadsEachTopLevelKeyIntoItsColumn() throws Exception {
    db.sql(
        "create schema db.match",
        "create stage db.match.st",
        "create table db.match.t (id number, name varchar, price number(10,2), ok boolean,"
            + " at timestamp_ntz, tags variant, \"lower\" varchar)");
    db.upload(
        "@db.match.st",
        "a.json",
        "{\"ID\":1,\"name\":\"ann\",\"Price\":\"9.5\",\"ok\":true,\"at\":\"2026-01-02 03:04:05\","
            + "\"tags\":[\"x\",{\"k\":1}],\"lower\":\"l\",\"extra\":\"ignored\"}\n"
            + "{\"id\":2}\n");
    List<List<String>> result =
        db.query(
            "copy into db.match.t from @db.match.st file_format = (type = json)"
                + " match_by_column_name = case_insensitive");
    assertEquals("LOADED", result.get(0).get(1));
    assertEquals(
        List.of(
            Arrays.asList(
                "1", "ann", "9.50", "TRUE", "2026-01-02 03:04:05.000", "[\"x\",{\"k\":1}]", "l"),
            Arrays.asList("2", null, null, null, null, null, null)),
        db.query(
            "select id, name, price, ok, at::varchar,"
                + " to_json(tags), \"lower\" from db.match.t order by id"));

    // CASE_SENSITIVE: only keys spelled like the column load ("lower" and "tags" here).
    db.sql("truncate table db.match.t");
    db.query(
        "copy into db.match.t from @db.match.st file_format = (type = json)"
            + " match_by_column_name = case_sensitive force = true");
    assertEquals(
        List.of(Arrays.asList("1", null, "l"), Arrays.asList(null, null, null)),
        db.query("select id, name, \"lower\" from db.match.t order by \"lower\" nulls last"));
  }

  @Test
  void theStreamedAndTheTreePathLoadTheSameRowsAndErrors() throws Exception {
    String columns =
        " (id number not null, n number(10,2), f float, s varchar, b boolean, v variant,"
            + " o object, a array, d date, ts timestamp_ntz, tz timestamp_tz)";
    db.sql(
        "create schema db.paths",
        "create stage db.paths.st",
        "create table db.paths.streamed" + columns,
        "create table db.paths.tree" + columns);
    db.upload(
        "@db.paths.st",
        "p.json",
        String.join(
            "\n",
            "{\"id\":1,\"n\":\"12.345\",\"f\":1e3,\"s\":42,\"b\":\"yes\","
                + "\"v\":{\"z\":1,\"a\":[1.50,-0,1e400]},\"o\":{\"y\":null,\"x\":\"\\u00e9\"},"
                + "\"a\":[3,2],\"d\":\"2026-01-02\",\"ts\":\"2026-01-02 03:04:05.123456789\","
                + "\"tz\":\"2026-01-02T03:04:05+02:00\"}",
            "{\"ID\":2,\"id\":3,\"S\":true,\"v\":null,\"N\":null,\"f\":\"2.5\","
                + "\"b\":0,\"s2\":\"ignored\"}",
            "{\"id\":4,\"n\":\"abc\"}",
            "[1,2]",
            "{\"id\":5,\"n\":123456789.5}",
            "{\"id\":6,\"b\":\"maybe\",\"f\":{\"k\":1}}",
            "{\"id\":12345678901234567890123,\"s\":1.50}",
            "{\"id\":7,\"d\":\"not a date\"}",
            "{\"id\":8,\"s\":\"tab\\there\",\"v\":\"text\",\"a\":\"not an array\"}"));
    String options =
        " from @db.paths.st match_by_column_name = case_insensitive on_error = continue"
            + " file_format = (type = json";
    List<List<String>> streamed = db.query("copy into db.paths.streamed" + options + ")");
    // ALLOW_DUPLICATE sends a COPY down the tree path; the file has no duplicate keys.
    List<List<String>> tree =
        db.query("copy into db.paths.tree" + options + " allow_duplicate = true)");
    // The same outcome, up to the table's name in the failing column's.
    assertEquals(tree.toString().replace("\"TREE\"", "\"STREAMED\""), streamed.toString());
    assertEquals("PARTIALLY_LOADED", streamed.get(0).get(1));
    String select = "select * from db.paths.%s order by id";
    assertEquals(db.query(select.formatted("tree")), db.query(select.formatted("streamed")));
    assertEquals(4, db.query(select.formatted("streamed")).size(), "rows that loaded");
  }

  @Test
  void aLargeLoadIntoTypedColumnsStoresWhatASmallOneStores() throws Exception {
    String columns =
        " (id number, n number(10,2), f float, s varchar, b boolean, v variant, d date,"
            + " ts timestamp_ntz, tz timestamp_tz, t time)";
    db.sql(
        "create schema db.typed",
        "create stage db.typed.st",
        "create table db.typed.many" + columns,
        "create table db.typed.one" + columns);
    StringBuilder many = new StringBuilder();
    String seven = null;
    for (int i = 0; i < 500; i++) {
      String row =
          "{\"id\":"
              + i
              + ",\"n\":"
              + i
              + ".25,\"f\":"
              + (i % 5 == 0 ? "null" : Double.toString(i / 3.0))
              + ",\"s\":\"x"
              + i
              + "\",\"b\":"
              + (i % 2 == 0)
              + ",\"v\":{\"k\":"
              + i
              + "},\"d\":\"2026-01-03\",\"ts\":\"2026-01-02 03:04:05.123456\","
              + "\"tz\":\"2026-01-02T03:04:05+02:00\",\"t\":\"10:11:12.5\"}";
      many.append(row).append('\n');
      if (i == 7) {
        seven = row;
      }
    }
    db.upload("@db.typed.st", "many.json", many.toString());
    db.upload("@db.typed.st", "one.json", seven + "\n");
    String copy = " file_format = (type = json) match_by_column_name = case_insensitive pattern = ";
    // 500 rows take the staging table, one row the batch of inserts.
    db.query("copy into db.typed.many from @db.typed.st" + copy + "'.*many.json'");
    db.query("copy into db.typed.one from @db.typed.st" + copy + "'.*one.json'");
    assertEquals(
        List.of(List.of("500", "124750", "124750.00", "250", "400")),
        db.query(
            "select count(*), sum(id), sum(n) - 125, sum(iff(b, 1, 0)), count(f) from"
                + " db.typed.many"));
    assertEquals(
        db.query("select * from db.typed.one"),
        db.query("select * from db.typed.many where id = 7"));
    assertEquals(
        List.of(
            List.of(
                "7",
                "7.25",
                "x7",
                "2026-01-03",
                "2026-01-02 03:04:05.123",
                "123456000",
                "2026-01-02 01:04:05.000",
                "10:11:12",
                "500000000")),
        // Text shows Snowflake's default formats (milliseconds, TIME without a fraction), so the
        // fractions that were loaded are read as numbers.
        db.query(
            "select id, n, s, d::varchar, ts::varchar, date_part(nanosecond, ts),"
                + " to_varchar(tz::timestamp_ntz), t::varchar, date_part(nanosecond, t)"
                + " from db.typed.one"));
  }

  @Test
  void aValueThatDoesNotFitItsColumnIsALoadErrorUnderOnError() throws Exception {
    db.sql(
        "create schema db.bad",
        "create stage db.bad.st",
        "create table db.bad.t (id number, name varchar)");
    db.upload(
        "@db.bad.st", "b.json", "{\"id\":1,\"name\":\"a\"}\n{\"id\":\"abc\",\"name\":\"b\"}\n");
    String copy =
        "copy into db.bad.t from @db.bad.st file_format = (type = json)"
            + " match_by_column_name = case_insensitive";
    SQLException abort = assertThrows(SQLException.class, () -> db.query(copy));
    assertTrue(
        abort.getMessage().contains("Numeric value 'abc' is not recognized"), abort.getMessage());
    assertEquals(List.of(), db.query("select id from db.bad.t"));

    List<String> partial = db.query(copy + " on_error = continue").get(0);
    assertEquals(
        List.of(
            "st/p/b.json",
            "PARTIALLY_LOADED",
            "2",
            "1",
            "2",
            "1",
            "Numeric value 'abc' is not recognized",
            "2",
            "1",
            "\"T\"[\"ID\":1]"),
        partial);
    assertEquals(List.of(List.of("1", "a")), db.query("select id, name from db.bad.t"));
  }

  @Test
  void binaryColumnsLoadHexTextAsTheirBytesAsSnowflakesDefaultBinaryFormat() throws Exception {
    db.sql(
        "create schema db.bin",
        "create stage db.bin.st",
        "create table db.bin.t (id number, b binary)");
    db.upload("@db.bin.st", "h.json", "{\"ID\":1,\"B\":\"0102ff\"}\n{\"ID\":2,\"B\":\"zz\"}\n");
    List<String> result =
        db.query(
                "copy into db.bin.t from @db.bin.st file_format = (type = json)"
                    + " match_by_column_name = case_sensitive on_error = continue")
            .get(0);
    assertEquals("PARTIALLY_LOADED", result.get(1));
    assertTrue(result.get(6).contains("Hex value 'zz' is not recognized"), result.toString());
    assertEquals(List.of(List.of("1", "0102FF")), db.query("select id, b from db.bin.t"));
  }

  @Test
  void matchByColumnNameRefusesATransformAndTheColumnListFormWorks() throws Exception {
    db.sql(
        "create schema db.form",
        "create stage db.form.st",
        "create table db.form.t (a number, b varchar)");
    db.upload("@db.form.st", "f.json", "{\"a\":1,\"b\":\"x\"}\n");
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                db.query(
                    "copy into db.form.t(a, b) from (select $1:a, $1:b from @db.form.st)"
                        + " file_format = (type = json) match_by_column_name = case_insensitive"));
    assertTrue(
        e.getMessage().contains("match_by_column_name is not supported with copy transform"),
        e.getMessage());
    db.query(
        "copy into db.form.t(a, b) from (select $1:a, $1:b from @db.form.st)"
            + " file_format = (type = json)");
    assertEquals(List.of(List.of("1", "x")), db.query("select a, b from db.form.t"));
  }
}
