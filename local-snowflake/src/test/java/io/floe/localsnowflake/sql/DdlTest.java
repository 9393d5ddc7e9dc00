package io.floe.localsnowflake.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.localsnowflake.core.SfType;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Databases, schemas and tables: DDL round trips, SHOW/DESC shapes, identifier case rules. */
class DdlTest {
  private final SqlFixture sf = new SqlFixture();

  @AfterEach
  void close() {
    sf.close();
  }

  @Test
  void createDatabaseMakesItAndItsPublicSchemaCurrent() {
    StatementResult.Rows r = sf.run("create database testdb comment = 'for tests'");
    assertEquals("Database TESTDB successfully created.", r.rows().get(0).get(0));
    assertEquals(StatementResult.Rows.DDL, r.statementTypeId());
    assertEquals("TESTDB", sf.admin.database());
    assertEquals("PUBLIC", sf.admin.schema());
    assertEquals(List.of("PUBLIC"), sf.column("show schemas", 1));
    assertEquals("TESTDB", sf.value("select current_database()"));
  }

  @Test
  void ifNotExistsAndOrReplace() {
    sf.run("create database d");
    assertEquals(
        "D already exists, statement succeeded.", sf.value("create database if not exists d"));
    SnowflakeError e = sf.error("create database d");
    assertEquals("002002", e.code());
    assertEquals("42710", e.sqlState());
    sf.run("create table t (a int)");
    sf.run("insert into t values (1)");
    sf.run("create or replace table t (b string)");
    assertEquals(List.of("B"), sf.column("desc table t", 0));
    assertEquals("0", sf.value("select count(*) from t"));
  }

  @Test
  void theConnectorsTableDdlAndDescribe() {
    sf.run("create database db");
    String ddl =
        "create table if not exists db.public.\"topic-1\" (RECORD_METADATA VARIANT,"
            + " RECORD_CONTENT VARIANT) comment = 'Created by Floe, the Kafka Connect sink for"
            + " Snowflake'";
    assertEquals("Table topic-1 successfully created.", sf.value(ddl));
    assertEquals("topic-1 already exists, statement succeeded.", sf.value(ddl));
    assertEquals(
        List.of(
            List.of("RECORD_METADATA", "VARIANT", "Y"), List.of("RECORD_CONTENT", "VARIANT", "Y")),
        sf.rows("desc table db.public.\"topic-1\"").stream()
            .map(r -> List.of(r.get(0), r.get(1), r.get(3)))
            .toList());
    assertEquals(
        "Created by Floe, the Kafka Connect sink for Snowflake",
        sf.rows("show tables like 'topic-1'").get(0).get(5));
  }

  @Test
  void unquotedIdentifiersAreUpperCasedQuotedKept() {
    sf.run("create database db");
    sf.run("create table MixedCase (Col1 int, \"lower\" string)");
    sf.run("create table \"quoted\" (x int)");
    assertEquals(List.of("MIXEDCASE", "quoted"), sf.column("show tables", 1));
    assertEquals(List.of("COL1", "lower"), sf.column("desc table mixedcase", 0));
    sf.run("insert into mixedcase (col1, \"lower\") values (5, 'x')");
    assertEquals(List.of(List.of("5", "x")), sf.rows("select COL1, \"lower\" from MIXEDCASE"));
    assertEquals("000904", sf.error("select \"col1\" from mixedcase").code());
    assertEquals("002003", sf.error("select * from quoted").code());
    sf.run("insert into \"quoted\" values (7)");
    assertEquals("7", sf.value("select x from \"quoted\""));
    SnowflakeError clash = sf.error("create table \"Quoted\" (y int)");
    assertEquals("000002", clash.code());
  }

  @Test
  void identifierBindsResolveQualifiedNames() {
    sf.run("create database db");
    sf.run("create schema s1");
    sf.run(
        "create table if not exists identifier(?) (record_metadata variant,"
            + " record_content variant)",
        SqlFixture.text("db.s1.\"events\""));
    sf.run("use schema public");
    assertEquals(List.of("events"), sf.column("show tables in schema db.s1", 1));
    assertEquals(
        List.of("RECORD_METADATA", "RECORD_CONTENT"),
        sf.column("desc table identifier('db.s1.\"events\"')", 0));
  }

  @Test
  void describeTableHasSnowflakesColumnsAndTypes() {
    sf.run("create database db");
    sf.run(
        "create table t (a number, b varchar, c variant not null, d decimal(10,2),"
            + " e float, f boolean, g timestamp_ltz, h text(20) comment 'hi', i object, j array,"
            + " k date, l timestamp)");
    StatementResult.Rows r = sf.run("describe table t");
    assertEquals(
        List.of(
            "name",
            "type",
            "kind",
            "null?",
            "default",
            "primary key",
            "unique key",
            "check",
            "expression",
            "comment",
            "policy name",
            "privacy domain"),
        r.columns().stream().map(c -> c.name()).toList());
    assertEquals(0x4500, r.statementTypeId());
    assertEquals(
        List.of(
            "NUMBER(38,0)",
            "VARCHAR(16777216)",
            "VARIANT",
            "NUMBER(10,2)",
            "FLOAT",
            "BOOLEAN",
            "TIMESTAMP_LTZ(9)",
            "VARCHAR(20)",
            "OBJECT",
            "ARRAY",
            "DATE",
            "TIMESTAMP_NTZ(9)"),
        sf.column("desc table t", 1));
    assertEquals(List.of("Y", "Y", "N"), sf.column("desc table t", 3).subList(0, 3));
    assertEquals("hi", sf.rows("desc table t").get(7).get(9));
  }

  @Test
  void showTablesColumnsLikeAndScope() {
    sf.run("create database db");
    sf.run("create table kafka_events (v variant)");
    sf.run("create table other (v variant)");
    sf.run("insert into other select parse_json('{}')");
    StatementResult.Rows r = sf.run("show tables like 'KAFKA%'");
    List<String> names = r.columns().stream().map(c -> c.name()).toList();
    assertEquals(
        List.of(
            "created_on",
            "name",
            "database_name",
            "schema_name",
            "kind",
            "comment",
            "cluster_by",
            "rows",
            "bytes",
            "owner",
            "retention_time"),
        names.subList(0, 11));
    assertEquals(SfType.TIMESTAMP_LTZ, r.columns().get(0).type());
    assertEquals(List.of("KAFKA_EVENTS"), sf.column("show tables like 'kafka\\_%'", 1));
    assertEquals(List.of("KAFKA_EVENTS", "OTHER"), sf.column("show tables in database db", 1));
    assertEquals("1", sf.rows("show tables like 'other'").get(0).get(7));
    assertEquals(List.of(), sf.column("show tables like 'nothing%'", 1));
  }

  @Test
  void alterTableAddsColumnsAndRelaxesNotNull() {
    sf.run("create database db");
    sf.run("create table t (record_content variant, x int not null)");
    sf.run("alter table identifier(?) add RECORD_METADATA VARIANT", SqlFixture.text("t"));
    sf.run("alter table t add column if not exists record_metadata variant");
    sf.run("alter table t add column if not exists extra string comment 'added'");
    sf.run("alter table t alter x drop not null");
    assertEquals(
        List.of("RECORD_CONTENT", "X", "RECORD_METADATA", "EXTRA"), sf.column("desc table t", 0));
    assertEquals(List.of("Y", "Y", "Y", "Y"), sf.column("desc table t", 3));
    sf.run("insert into t (x) values (null)");
    assertEquals("002025", sf.error("alter table t add extra int").code());
  }

  @Test
  void missingObjectsUseSnowflakesCodesAndStates() {
    SnowflakeError noDb = sf.error("use database nope");
    assertEquals("002003", noDb.code());
    assertEquals("02000", noDb.sqlState());
    sf.run("create database db");
    SnowflakeError noSchema = sf.error("create table nope.t (a int)");
    assertEquals("02000", noSchema.sqlState());
    assertTrue(noSchema.getMessage().contains("Schema 'DB.NOPE' does not exist"));
    SnowflakeError noTable = sf.error("select * from nope");
    assertEquals("002003", noTable.code());
    assertEquals("42S02", noTable.sqlState());
    assertEquals(
        "SQL compilation error:\nObject 'NOPE' does not exist or not authorized.",
        noTable.getMessage());
    assertEquals("42S02", sf.error("drop table nope").sqlState());
    assertTrue(sf.value("drop table if exists nope").contains("successfully"));
  }

  @Test
  void dropRemovesTablesSchemasAndDatabases() {
    sf.run("create database db");
    sf.run("create table t (a int)");
    assertEquals("T successfully dropped.", sf.value("drop table t"));
    sf.run("create schema s");
    sf.run("create table s.t2 (a int)");
    sf.run("drop schema s");
    assertEquals(List.of("PUBLIC"), sf.column("show schemas in database db", 1));
    sf.run("drop database db");
    assertEquals(List.of(), sf.column("show databases like 'DB'", 1));
    assertEquals(null, sf.admin.database());
  }

  @Test
  void truncateEmptiesTheTable() {
    sf.run("create database db");
    sf.run("create table t (a int)");
    sf.run("insert into t values (1), (2)");
    sf.run("truncate table t");
    assertEquals("0", sf.value("select count(*) from t"));
  }

  @Test
  void syntaxErrorsAndUnsupportedStatements() {
    SnowflakeError syntax = sf.error("create table (a int)");
    assertEquals("001003", syntax.code());
    assertEquals("42000", syntax.sqlState());
    SnowflakeError unsupported = sf.error("call refresh_everything()");
    assertEquals("000002", unsupported.code());
    assertEquals(
        "Unsupported feature: CALL is valid Snowflake SQL but not implemented by the local"
            + " Snowflake.",
        unsupported.getMessage());
    assertEquals("000002", sf.error("undrop table t").code());
    assertEquals("000002", sf.error("drop view v").code());
    assertEquals("000002", sf.error("describe view v").code());
    // Not Snowflake SQL: a syntax error at the word, as Snowflake reports it.
    assertEquals(
        "SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'selec'.",
        sf.error("selec 1").getMessage());
    assertEquals(
        "SQL compilation error:\nsyntax error line 1 at position 5 unexpected 'tabel'.",
        sf.error("drop tabel t").getMessage());
    assertEquals(
        "SQL compilation error:\nsyntax error line 1 at position 18 unexpected 'TABEL'.",
        sf.error("create or replace TABEL t (a int)").getMessage());
    assertEquals(
        "SQL compilation error:\nsyntax error line 1 at position 6 unexpected '<EOF>'.",
        sf.error("create").getMessage());
    assertEquals("001003", sf.error("alter \"TABLE\" t add column b int").code());
    sf.run("create database db");
    sf.run("create table t (a int)");
    assertEquals(
        "SQL compilation error:\nsyntax error line 1 at position 14 unexpected 'ADDD'.",
        sf.error("alter table t ADDD column b int").getMessage());
    assertEquals(
        "Unsupported feature: ALTER TABLE … RENAME is valid Snowflake SQL but not implemented by"
            + " the local Snowflake.",
        sf.error("alter table t rename to u").getMessage());
    assertEquals("001003", sf.error("\"select\" 1").code());
    assertEquals("000002", sf.error("alter session set timezone = 'UTC'").code());
    assertEquals("Statement executed successfully.", sf.value("alter session set query_tag = 'x'"));
  }
}
