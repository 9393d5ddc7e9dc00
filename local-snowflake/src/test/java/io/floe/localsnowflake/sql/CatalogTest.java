package io.floe.localsnowflake.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SnowflakeError;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Catalog contract as the stage package and the HTTP layer use it. */
class CatalogTest {

  @Test
  void insertIsAtomicAndTypesValues() {
    try (SqlFixture sf = new SqlFixture()) {
      sf.run("create database db");
      sf.run("create table t (v variant, n number(38,2), d date, s string)");
      Catalog.TableInfo t = sf.catalog.table(sf.admin, new ObjectName(null, null, "T"), "INSERT");
      assertEquals(new ObjectName("DB", "PUBLIC", "T"), t.name());
      assertEquals("VARIANT", t.columns().get(0).type());
      List<String> cols = List.of("V", "N", "D", "S");
      long n =
          sf.catalog.insert(
              sf.admin,
              t,
              cols,
              List.of(
                  Arrays.asList(
                      "{\"b\":1, \"a\":0.10}",
                      new BigDecimal("1.5"),
                      LocalDate.of(2024, 1, 2),
                      "x"),
                  Arrays.asList(null, null, null, null)));
      assertEquals(2, n);
      assertEquals("{\n  \"a\": 0.10,\n  \"b\": 1\n}", sf.value("select v from t where s = 'x'"));
      assertEquals("1.50", sf.value("select n from t where s = 'x'"));
      SnowflakeError bad =
          assertThrows(
              SnowflakeError.class,
              () ->
                  sf.catalog.insert(
                      sf.admin,
                      t,
                      cols,
                      List.of(
                          Arrays.asList("{}", null, null, "ok"),
                          Arrays.asList("{not json", null, null, "bad"))));
      assertEquals("100069", bad.code());
      assertEquals("2", sf.value("select count(*) from t"), "a failed insert adds nothing");
      assertEquals(
          "002003",
          assertThrows(
                  SnowflakeError.class,
                  () -> sf.catalog.table(sf.admin, new ObjectName(null, null, "NOPE"), "INSERT"))
              .code());
    }
  }

  @Test
  void fileBackedStoreKeepsEverythingAndBootstrapIsIdempotent(@TempDir Path dir) {
    Path file = dir.resolve("local.duckdb");
    try (SqlFixture sf = new SqlFixture(DuckStore.open(file))) {
      sf.run("create database db");
      sf.run("create table t (v variant)");
      sf.run("insert into t select parse_json('{\"k\": 1}')");
      sf.run("create user u password = 'p'");
    }
    try (SqlFixture sf = new SqlFixture(DuckStore.open(file))) {
      sf.catalog.bootstrap("ADMIN", "secret");
      assertEquals("1", sf.value("select v:k from db.public.t"));
      assertEquals("VARIANT", sf.rows("desc table db.public.t").get(0).get(1));
      assertTrue(sf.catalog.user("u").isPresent());
      assertEquals("secret", sf.catalog.user("admin").orElseThrow().password());
      assertTrue(sf.catalog.roleGrantedTo("ADMIN", "ACCOUNTADMIN"));
      assertEquals(List.of("ADMIN", "U"), sf.column("show users", 0));
    }
  }
}
