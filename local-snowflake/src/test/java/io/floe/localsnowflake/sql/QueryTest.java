package io.floe.localsnowflake.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.Bind;
import io.floe.localsnowflake.core.ResultColumn;
import io.floe.localsnowflake.core.SfType;
import io.floe.localsnowflake.core.StatementResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SELECT translation: paths, casts, VARIANT comparisons and aggregates, binds, result types. */
class QueryTest {
  private final SqlFixture sf = new SqlFixture();

  @BeforeEach
  void kafkaTable() {
    sf.run("create database db");
    sf.run("create table events (record_metadata variant, record_content variant)");
    for (int offset : new int[] {9, 10, 11, 2}) {
      sf.run(
          "insert into events select parse_json(?), parse_json(?)",
          SqlFixture.text(
              "{\"topic\":\"t\",\"partition\":" + (offset % 2) + ",\"offset\":" + offset + "}"),
          SqlFixture.text(
              "{\"name\":\"n"
                  + offset
                  + "\",\"Key With Space\":"
                  + offset
                  + ",\"list\":["
                  + offset
                  + ",\"x\"],\"nested\":{\"a\":{\"b\":"
                  + offset
                  + ".50}},\"nothing\":null}"));
    }
  }

  @AfterEach
  void close() {
    sf.close();
  }

  @Test
  void numericPathComparisonsAndAggregatesAreNotLexicographic() {
    assertEquals("11", sf.value("select max(record_metadata:offset) from events"));
    assertEquals("2", sf.value("select min(record_metadata:offset) from events"));
    assertEquals(
        List.of("10", "2"),
        sf.column(
            "select record_metadata:offset from events where record_metadata:partition = 0"
                + " order by record_metadata:offset desc",
            0));
    assertEquals(
        List.of("2", "9", "10", "11"),
        sf.column("select record_metadata:offset::number from events order by 1", 0));
    assertEquals("3", sf.value("select count(*) from events where record_metadata:offset > 8"));
    assertEquals("32", sf.value("select sum(record_metadata:offset::int) from events"));
    assertEquals(
        List.of(List.of("0", "2"), List.of("1", "2")),
        sf.rows(
            "select record_metadata:partition::int p, count(*) from events group by 1 order by p"));
  }

  @Test
  void pathSyntaxes() {
    String where = " from events where record_metadata:offset = 10";
    assertEquals("\"n10\"", sf.value("select record_content:name" + where));
    assertEquals("n10", sf.value("select record_content:name::string" + where));
    assertEquals("10", sf.value("select record_content:\"Key With Space\"" + where));
    assertEquals("10", sf.value("select record_content['list'][0]" + where));
    assertEquals("\"x\"", sf.value("select record_content:list[1]" + where));
    assertEquals("10.50", sf.value("select record_content:nested.a.b" + where));
    assertEquals("10.5", sf.value("select record_content:nested.a.b::float" + where));
    assertEquals("11", sf.value("select record_content:nested.a.b::number" + where));
    assertEquals("null", sf.value("select record_content:nothing" + where));
    assertNull(sf.value("select record_content:nothing::string" + where));
    assertNull(sf.value("select record_content:absent" + where));
    assertNull(sf.value("select record_content:NAME" + where), "keys are case-sensitive");
    assertEquals("{\n  \"b\": 10.50\n}", sf.value("select record_content:nested.a" + where));
    assertEquals(
        "n10",
        sf.value(
            "select record_content:name::varchar from events"
                + " where record_content:name = 'n10'"));
    assertEquals(
        "10",
        sf.value(
            "select e.record_metadata:offset from events e"
                + " where e.record_content:\"Key With Space\" = 10"));
  }

  @Test
  void variantResultsRenderAsSnowflakePrintsThem() {
    StatementResult.Rows r =
        sf.run(
            "select record_content, object_construct('b', 2, 'a', null,"
                + " 'c', parse_json('[]')) o, array_construct(1, 'x') a, parse_json('{}') e,"
                + " parse_json('1.5e3') d from events where record_metadata:offset = 2");
    List<String> row = r.rows().get(0);
    assertEquals(
        "{\n  \"Key With Space\": 2,\n  \"list\": [\n    2,\n    \"x\"\n  ],\n"
            + "  \"name\": \"n2\",\n  \"nested\": {\n    \"a\": {\n      \"b\": 2.50\n    }\n  },\n"
            + "  \"nothing\": null\n}",
        row.get(0));
    assertEquals("{\n  \"b\": 2,\n  \"c\": []\n}", row.get(1));
    assertEquals("[\n  1,\n  \"x\"\n]", row.get(2));
    assertEquals("{}", row.get(3));
    assertEquals("1.500000000000000e+03", row.get(4));
    assertEquals(
        List.of(SfType.VARIANT, SfType.OBJECT, SfType.ARRAY, SfType.VARIANT, SfType.VARIANT),
        r.columns().stream().map(ResultColumn::type).toList());
    assertEquals(
        List.of("RECORD_CONTENT", "O", "A", "E", "D"),
        r.columns().stream().map(ResultColumn::name).toList());
  }

  @Test
  void bigNumbersStayExact() {
    sf.run("create table n (v variant, d number(38,0), x number(38,10))");
    sf.run(
        "insert into n select parse_json('{\"big\": 123456789012345678901234567890,"
            + " \"dec\": 0.123456789012345678901234567}'), 12345678901234567890123456789012345678,"
            + " 1234567890123456789012345678.0123456789");
    assertEquals("123456789012345678901234567890", sf.value("select v:big from n"));
    assertEquals("0.123456789012345678901234567", sf.value("select v:dec from n"));
    assertEquals("0.123456789012345678901234567", sf.value("select v:dec::string from n"));
    assertEquals("123456789012345678901234567890", sf.value("select v:big::number from n"));
    assertEquals("12345678901234567890123456789012345678", sf.value("select d from n"));
    assertEquals("1234567890123456789012345678.0123456789", sf.value("select x from n"));
    assertEquals(
        "{\n  \"big\": 123456789012345678901234567890,\n"
            + "  \"dec\": 0.123456789012345678901234567\n}",
        sf.value("select v from n"));
  }

  @Test
  void bindsOfEachType() {
    sf.run(
        "create table b (s string, n number(10,2), f float, ok boolean, d date,"
            + " ts timestamp_ntz, bin binary)");
    sf.run(
        "insert into b values (?, ?, ?, ?, ?, ?, ?)",
        SqlFixture.text("hi"),
        new Bind("FIXED", "12.5"),
        new Bind("REAL", "1.25"),
        new Bind("BOOLEAN", "true"),
        new Bind("DATE", "86400000"),
        new Bind("TIMESTAMP_NTZ", "1500000000123456000"),
        new Bind("BINARY", "CAFE"));
    assertEquals(
        List.of(Arrays.asList("hi", "12.50", "1.25", "1", "1", "1500000000.123456000", "CAFE")),
        sf.rows("select * from b"));
    assertEquals(
        "1",
        sf.value(
            "select count(*) from b where s = ? and n > ?",
            SqlFixture.text("hi"),
            new Bind("FIXED", "12")));
  }

  @Test
  void resultTypesAndStatementTypes() {
    StatementResult.Rows r = sf.run("select count(*), 1, 'a', 1.5::float, true, current_role()");
    assertEquals(
        List.of(SfType.FIXED, SfType.FIXED, SfType.TEXT, SfType.REAL, SfType.BOOLEAN, SfType.TEXT),
        r.columns().stream().map(ResultColumn::type).toList());
    assertEquals(18, r.columns().get(0).precision());
    assertEquals(List.of("1", "1", "a", "1.5", "1", "ACCOUNTADMIN"), r.rows().get(0));
    assertEquals(
        List.of("COUNT(*)", "1", "'a'", "1.5::FLOAT", "TRUE", "CURRENT_ROLE()"),
        r.columns().stream().map(ResultColumn::name).toList());
    assertEquals(StatementResult.Rows.SELECT, r.statementTypeId());
    StatementResult.Rows ins = sf.run("insert into events (record_metadata) select null");
    assertEquals(0x3100, ins.statementTypeId());
    assertEquals("number of rows inserted", ins.columns().get(0).name());
    assertEquals("1", ins.rows().get(0).get(0));
    StatementResult.Rows del = sf.run("delete from events where record_metadata is null");
    assertEquals(List.of("1"), del.rows().get(0));
    StatementResult.Rows upd =
        sf.run(
            "update events set record_metadata = parse_json('{}')"
                + " where record_metadata:offset::int > 9");
    assertEquals(List.of("2", "0"), upd.rows().get(0));
  }

  @Test
  void currentContextFunctions() {
    assertEquals(
        List.of(Arrays.asList("DB", "PUBLIC", "ACCOUNTADMIN", "ADMIN", null)),
        sf.rows(
            "select current_database(), current_schema(), current_role(), current_user(),"
                + " current_warehouse()"));
    assertTrue(sf.value("select current_version()").matches("\\d+\\.\\d+\\.\\d+"));
  }

  @Test
  void typeofAndArraySize() {
    assertEquals(
        List.of(List.of("OBJECT", "INTEGER", "VARCHAR", "DECIMAL", "2", "NULL_VALUE")),
        sf.rows(
            "select typeof(record_content), typeof(record_metadata:offset),"
                + " typeof(record_content:name), typeof(record_content:nested.a.b),"
                + " array_size(record_content:list), typeof(record_content:nothing)"
                + " from events where record_metadata:offset = 2"));
  }

  @Test
  void translationMistakesSurfaceAsSnowflakeErrors() {
    assertEquals("000904", sf.error("select nope from events").code());
    assertEquals("000002", sf.error("select soundex('a')").code());
    assertEquals("100038", sf.error("select record_content:name::number from events").code());
    assertEquals("100069", sf.error("select parse_json('{\"a\":1,\"a\":2}')").code());
    assertEquals("001044", sf.error("select 'x':a").code());
    assertEquals("001003", sf.error("select * from events where").code());
    assertEquals("002023", sf.error("insert into events (record_content) values ('{}')").code());
  }
}
