package io.floe.localsnowflake.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqlSmokeTest {
  private final SqlFixture sf = new SqlFixture();

  @AfterEach
  void close() {
    sf.close();
  }

  @Test
  void createInsertSelect() {
    sf.run("create database db");
    sf.run("create table t (id int, v variant, s string)");
    sf.run("insert into t (id, s) values (1, 'a'), (2, 'b')");
    sf.run(
        "insert into t select 3, parse_json('{\"b\": 1.10, \"a\": [1, 12345678901234567890123]}'),"
            + " 'c'");
    assertEquals(
        List.of(List.of("1", "a"), List.of("2", "b"), List.of("3", "c")),
        sf.rows("select id, s from t order by id"));
    assertEquals(
        "{\n  \"a\": [\n    1,\n    12345678901234567890123\n  ],\n  \"b\": 1.10\n}",
        sf.value("select v from t where id = 3"));
    assertEquals("1.10", sf.value("select v:b from t where id = 3"));
    assertEquals("12345678901234567890123", sf.value("select v:a[1] from t where id = 3"));
  }
}
