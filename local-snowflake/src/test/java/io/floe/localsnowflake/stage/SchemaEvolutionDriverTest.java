package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.localsnowflake.LocalSnowflake;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import io.floe.localsnowflake.RsaKeys;
import io.floe.localsnowflake.driver.DriverGeneration;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.snowflake.ingest.SimpleIngestManager;
import net.snowflake.ingest.utils.StagedFileWrapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Loads that evolve their table (ENABLE_SCHEMA_EVOLUTION with MATCH_BY_COLUMN_NAME), by COPY and by
 * a pipe through the Snowpipe SDK: new columns, NOT NULL dropped, SchemaEvolutionRecords, the
 * role's privilege and the 100-column limit. Each test uses its own schema.
 */
class SchemaEvolutionDriverTest {
  @RegisterExtension static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  private static final DriverSql db = new DriverSql(SNOWFLAKE);

  @BeforeAll
  static void database() {
    SNOWFLAKE.get().execute("create database db");
  }

  @Test
  void copyEvolvesATableWithSchemaEvolution() throws Exception {
    db.sql(
        "create schema db.evolve",
        "create stage db.evolve.st",
        "create table db.evolve.t (record_metadata variant, id number not null)"
            + " enable_schema_evolution = true",
        "create table db.evolve.fixed (record_metadata variant, id number not null)");
    db.upload(
        "@db.evolve.st",
        "e.json",
        "{\"record_metadata\":{\"offset\":1},\"id\":1,\"city\":\"Oslo\",\"score\":1.5,"
            + "\"n\":3,\"tags\":[1],\"nothing\":null}\n"
            + "{\"record_metadata\":{\"offset\":2},\"city\":\"Rome\",\"n\":2.5}\n");
    List<String> loaded =
        db.query(
                "copy into db.evolve.t from @db.evolve.st file_format = (type = json)"
                    + " match_by_column_name = case_insensitive")
            .get(0);
    assertEquals("LOADED", loaded.get(1));
    List<List<String>> desc = db.query("desc table db.evolve.t");
    assertEquals(
        List.of("RECORD_METADATA", "ID", "CITY", "SCORE", "N", "TAGS"), DriverSql.column(desc, 0));
    assertEquals(
        List.of("VARIANT", "NUMBER(38,0)", "VARCHAR(16777216)", "FLOAT", "FLOAT", "VARIANT"),
        DriverSql.column(desc, 1));
    assertEquals(List.of("Y", "Y", "Y", "Y", "Y", "Y"), DriverSql.column(desc, 3));
    assertNull(desc.get(0).get(12));
    assertTrue(
        desc.get(1).get(12).contains("\"evolutionType\":\"DROP_NOT_NULL\""), desc.get(1).get(12));
    String added = desc.get(2).get(12);
    assertTrue(added.contains("\"evolutionType\":\"ADD_COLUMN\""), added);
    assertTrue(added.contains("\"evolutionMode\":\"COPY\""), added);
    assertTrue(added.contains("\"fileName\":\"st/p/e.json"), added);
    assertTrue(added.contains("\"queryId\":"), added);
    assertEquals(
        List.of(List.of("1", "Oslo", "1.5", "3"), Arrays.asList(null, "Rome", null, "2.5")),
        db.query("select id, city, score, n from db.evolve.t order by city"));

    // Without the property the extra keys are ignored, and NOT NULL stays.
    List<String> fixed =
        db.query(
                "copy into db.evolve.fixed from @db.evolve.st file_format = (type = json)"
                    + " match_by_column_name = case_insensitive on_error = continue")
            .get(0);
    assertEquals(List.of("PARTIALLY_LOADED", "1"), List.of(fixed.get(1), fixed.get(3)));
    assertEquals(
        List.of("RECORD_METADATA", "ID"),
        DriverSql.column(db.query("desc table db.evolve.fixed"), 0));
  }

  @Test
  void aColumnAddedForAKeyLoadsThatKey() throws Exception {
    db.sql(
        "create schema db.names",
        "create stage db.names.st",
        "create table db.names.t (id number) enable_schema_evolution = true");
    db.upload("@db.names.st", "n.json", "{\"id\":1,\"größe\":\"XL\",\"Colour\":\"red\"}\n");
    db.query(
        "copy into db.names.t from @db.names.st file_format = (type = json)"
            + " match_by_column_name = case_insensitive");
    assertEquals(
        List.of("ID", "GRÖßE", "COLOUR"), DriverSql.column(db.query("desc table db.names.t"), 0));
    assertEquals(
        List.of(List.of("1", "XL", "red")),
        db.query("select id, \"GRÖßE\", colour from db.names.t"));
  }

  @Test
  void onlyARoleThatMayEvolveTheTableEvolvesIt() throws Exception {
    db.sql(
        "create schema db.roles",
        "create stage db.roles.st",
        "create table db.roles.t (a number) enable_schema_evolution = true",
        "create role loader",
        "grant role loader to user " + SNOWFLAKE.get().user(),
        "grant usage on database db to role loader",
        "grant usage on schema db.roles to role loader",
        "grant read on stage db.roles.st to role loader",
        "grant insert, select on table db.roles.t to role loader");
    db.upload("@db.roles.st", "r.json", "{\"a\":1,\"b\":2}\n");
    String copy =
        "copy into db.roles.t from @db.roles.st file_format = (type = json)"
            + " match_by_column_name = case_insensitive force = true";
    db.asRole("loader", copy);
    assertEquals(List.of("A"), DriverSql.column(db.query("desc table db.roles.t"), 0));
    db.sql("grant evolve schema on table db.roles.t to role loader");
    db.asRole("loader", copy);
    assertEquals(List.of("A", "B"), DriverSql.column(db.query("desc table db.roles.t"), 0));
  }

  @Test
  void aLoadAddsAtMostAHundredColumns() throws Exception {
    db.sql(
        "create schema db.wide",
        "create stage db.wide.st",
        "create table db.wide.t (id number) enable_schema_evolution = true");
    StringBuilder json = new StringBuilder("{\"id\":1");
    for (int i = 0; i < 105; i++) {
      json.append(",\"c").append(i).append("\":").append(i);
    }
    db.upload("@db.wide.st", "w.json", json.append("}\n").toString());
    String copy =
        "copy into db.wide.t from @db.wide.st file_format = (type = json)"
            + " match_by_column_name = case_insensitive force = true";
    db.query(copy);
    assertEquals(101, db.query("desc table db.wide.t").size());
    db.query(copy);
    assertEquals(106, db.query("desc table db.wide.t").size());
  }

  @Test
  void aPipeWithMatchByColumnNameEvolvesTheTable() throws Exception {
    assumeTrue(DriverGeneration.runsIngestSdk(), DriverGeneration.NO_INGEST_SDK);
    LocalSnowflake sf = SNOWFLAKE.get();
    KeyPair key = RsaKeys.generate();
    sf.registerPublicKey(sf.user(), key.getPublic());
    db.sql(
        "create schema db.pipe",
        "create stage db.pipe.st",
        "create table db.pipe.t (record_metadata variant, id number not null)"
            + " enable_schema_evolution = true",
        "create pipe db.pipe.p as copy into db.pipe.t from @db.pipe.st"
            + " file_format = (type = json) match_by_column_name = case_insensitive");
    db.upload("@db.pipe.st", "1.json", "{\"record_metadata\":{\"offset\":0},\"id\":1}\n");
    db.upload(
        "@db.pipe.st",
        "2.json",
        "{\"record_metadata\":{\"offset\":1},\"Colour\":\"red\"}\n"
            + "{\"record_metadata\":{\"offset\":2},\"id\":\"x\",\"colour\":\"blue\"}\n");
    try (SimpleIngestManager ingest =
        new SimpleIngestManager(
            sf.account(),
            sf.user(),
            "db.pipe.p",
            key.getPrivate(),
            "http",
            "127.0.0.1",
            sf.port())) {
      ingest.ingestFiles(
          List.of(new StagedFileWrapper("p/1.json"), new StagedFileWrapper("p/2.json")), null);
      assertTrue(sf.awaitSnowpipeIdle(Duration.ofSeconds(30)));
      List<String> statuses =
          ingest.getHistory(null, null, null).files.stream()
              .map(f -> f.getPath() + " " + f.getStatus() + " " + f.getFirstError())
              .sorted()
              .toList();
      // 2.json's second record has an id that is no number: the pipe's ON_ERROR skips the file.
      assertEquals(
          List.of(
              "p/1.json LOADED null", "p/2.json LOAD_FAILED Numeric value 'x' is not recognized"),
          statuses);
    }
    List<List<String>> desc = db.query("desc table db.pipe.t");
    assertEquals(List.of("RECORD_METADATA", "ID", "COLOUR"), DriverSql.column(desc, 0));
    assertEquals(List.of("Y", "Y", "Y"), DriverSql.column(desc, 3));
    String added = desc.get(2).get(12);
    assertTrue(added.contains("\"evolutionMode\":\"SNOWPIPE\""), added);
    assertTrue(added.contains("\"pipeId\":"), added);
    assertEquals(List.of(Arrays.asList("1", null)), db.query("select id, colour from db.pipe.t"));
  }
}
