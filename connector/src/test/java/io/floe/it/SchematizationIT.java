package io.floe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.testing.FloeFixture;
import io.floe.localsnowflake.LocalSnowflakeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * snowflake.enable.schematization=true in a Connect cluster: schemaless JSON lands in one column
 * per field, a new field adds a column while two tasks load, a value of the wrong type is set aside
 * on the table stage, and every other record lands once.
 */
class SchematizationIT {
  @RegisterExtension
  @Order(1)
  static final LocalSnowflakeExtension SNOWFLAKE = new LocalSnowflakeExtension();

  @RegisterExtension
  @Order(2)
  static final ConnectClusterExtension connect = ConnectClusterExtension.withWorkers(1).build();

  @Test
  void fieldsLandInColumnsThatEvolveAndAConflictIsSetAside() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_schema");
    connect.createTopic("orders", 4);
    Map<String, String> config = new LinkedHashMap<>(f.config("floe-schema", 5));
    config.put("connector.class", ConnectorClasses.FLOE);
    config.put("tasks.max", "2");
    config.put("topics", "orders");
    config.put("buffer.flush.time", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("snowflake.enable.schematization", "true");
    config.put("errors.tolerance", "all");
    connect.configureConnector("floe-schema", config);
    connect.awaitRunning("floe-schema", 2);

    List<JsonRecord> records = new ArrayList<>();
    for (int id = 0; id < 40; id++) {
      Map<String, Object> order = new LinkedHashMap<>();
      order.put("id", id);
      order.put("item", "widget-" + (id % 7));
      if (id >= 20) {
        order.put("qty", id);
      }
      records.add(JsonRecord.of("orders", id % 4, "order-" + id, order));
    }
    // Partition 1's offset 10: an id that is not a number.
    records.add(JsonRecord.of("orders", 1, "bad", Map.of("id", "forty", "item", "x")));
    connect.produce(records);

    f.awaitRows("ORDERS", 40);
    SNOWFLAKE.get().snowpipe().awaitIdle(Duration.ofSeconds(30));
    assertEquals(
        List.of(List.of("40", "40", "20", "780")),
        f.query(
            "select count(*), count(distinct record_metadata:partition::string || '-' ||"
                + " record_metadata:offset::string), count(qty), sum(id) from "
                + f.database()
                + ".PUBLIC.ORDERS"));
    List<String> columns = new ArrayList<>();
    f.query("desc table " + f.database() + ".PUBLIC.ORDERS")
        .forEach(r -> columns.add(r.get(0) + " " + r.get(1)));
    assertEquals(
        List.of(
            "ID NUMBER(38,0)",
            "ITEM VARCHAR(16777216)",
            "QTY NUMBER(38,0)",
            "RECORD_METADATA VARIANT"),
        columns.stream().sorted().toList(),
        "columns in any order: JsonConverter's maps have none");
    String broken = f.query("list @" + f.database() + ".PUBLIC.%ORDERS/floe_broken/").toString();
    assertTrue(broken.contains("orders/1/10"), broken);
  }

  @Test
  void validateAcceptsSchematizationInBothIngestionModes() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_schema_validate");
    Map<String, String> config = new LinkedHashMap<>(f.config("floe-schema-validate", 5));
    config.put("connector.class", ConnectorClasses.FLOE);
    config.put("topics", "anything");
    config.put("snowflake.enable.schematization", "true");
    assertEquals(0, connect.validate(ConnectorClasses.FLOE, config).errorCount(), "file mode");

    config.put("snowflake.ingestion.method", "SNOWPIPE_STREAMING");
    config.put("snowflake.role.name", "ACCOUNTADMIN");
    ConfigValidation v = connect.validate(ConnectorClasses.FLOE, config);
    assertEquals(0, v.errorCount(), v.toString());
  }

  @Test
  void validateNamesAnExistingTableSchematizationCannotFillOnTheSettingThatNamesIt() {
    FloeFixture f = new FloeFixture(SNOWFLAKE.get(), "it_schema_tables");
    f.query("create table " + f.database() + ".public.legacy (id number not null)");
    f.query("create table " + f.database() + ".public.audit (record_metadata varchar)");
    Map<String, String> config = new LinkedHashMap<>(f.config("floe-schema-tables", 5));
    config.put("connector.class", ConnectorClasses.FLOE);
    config.put("topics", "legacy,events");
    config.put("snowflake.topic2table.map", "events:AUDIT");
    config.put("snowflake.enable.schematization", "true");

    ConfigValidation v = connect.validate(ConnectorClasses.FLOE, config);
    assertEquals(2, v.errorCount(), v.toString());
    assertTrue(
        v.errorsFor("topics").toString().contains("FLOE-2010")
            && v.errorsFor("topics").toString().contains("has no RECORD_METADATA column"),
        v.toString());
    assertTrue(
        v.errorsFor("snowflake.topic2table.map").toString().contains("not VARIANT"), v.toString());
  }
}
