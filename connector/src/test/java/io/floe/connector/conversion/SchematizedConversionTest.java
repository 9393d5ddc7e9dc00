package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.table.schema.TableColumn;
import io.floe.connector.table.schema.TableColumns;
import io.floe.connector.table.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Schematized rows: the line's shape, evolution requests, and the broken records it produces. */
class SchematizedConversionTest {
  private final FakeTable table = new FakeTable();
  private final RecordConverter converter =
      new RecordConverter(Lines.CONTENT_ONLY, record -> table);
  private final RecordConverter withMetadata =
      new RecordConverter(ConversionSettings.defaults(), record -> table);

  @Test
  void writesMetadataThenEachFieldUnderItsColumnAndAddsTheMissingColumns() {
    Schema schema =
        SchemaBuilder.struct()
            .field("orderId", Schema.INT64_SCHEMA)
            .field("\"quoted\"", Schema.STRING_SCHEMA)
            .field("raw", Schema.BYTES_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Struct value =
        new Struct(schema)
            .put("orderId", 7L)
            .put("\"quoted\"", "q")
            .put("raw", new byte[] {1, 2, (byte) 0xff});

    List<String> lines = Lines.rows(withMetadata, Lines.record(schema, value));

    assertEquals(
        List.of(
            "{\"RECORD_METADATA\":{\"topic\":\"orders\",\"offset\":42,\"partition\":3,"
                + "\"CreateTime\":1705313730123},\"ORDERID\":7,\"quoted\":\"q\",\"RAW\":\"0102ff\"}"),
        lines);
    assertEquals(
        List.of("ORDERID NUMBER(38,0), quoted VARCHAR, RAW BINARY, NOTE VARCHAR"), table.added);
  }

  @Test
  void schemalessFieldsAreTypedByTheirValuesAndANullWaitsForAValue() {
    SinkRecord record =
        Lines.record(null, jsonValue("{\"n\":1,\"x\":1.5,\"s\":\"t\",\"o\":{\"a\":1},\"z\":null}"));

    assertEquals(
        List.of("{\"N\":1,\"X\":1.5,\"S\":\"t\",\"O\":{\"a\":1}}"), Lines.rows(converter, record));
    assertEquals(List.of("N NUMBER(38,0), X FLOAT, S VARCHAR, O VARIANT"), table.added);
  }

  @Test
  void aNotNullColumnTheRecordLeavesEmptyLosesNotNull() {
    table.columns.add(new TableColumn("ID", "NUMBER(38,0)", false));
    table.columns.add(new TableColumn("NAME", "VARCHAR(16777216)", false));

    Lines.rows(converter, Lines.record(null, jsonValue("{\"id\":1,\"name\":null}")));

    assertEquals(List.of("drop not null NAME"), table.dropped);
  }

  @Test
  void aValueThatDoesNotFitItsColumnIsBrokenAndChangesNothing() {
    table.columns.add(new TableColumn("ID", "NUMBER(38,0)", true));

    ConvertedRecord.Broken b =
        Lines.broken(converter, Lines.record(null, jsonValue("{\"id\":\"seven\",\"new\":1}")));

    assertEquals(ErrorCode.FLOE_4020, b.code());
    assertEquals(
        "field 'id' (VARCHAR) does not fit column ID (NUMBER(38,0)): the value is not a number",
        b.reason());
    assertEquals(List.of(), table.added);
  }

  @Test
  void nonObjectsAndCollidingNamesAreBroken() {
    assertEquals(
        ErrorCode.FLOE_4021,
        Lines.broken(converter, Lines.record(null, jsonValue("\"x\""))).code());
    assertEquals(
        ErrorCode.FLOE_4021, Lines.broken(converter, Lines.record(Schema.INT32_SCHEMA, 5)).code());
    ConvertedRecord.Broken twice =
        Lines.broken(converter, Lines.record(null, jsonValue("{\"id\":1,\"ID\":2}")));
    assertEquals(ErrorCode.FLOE_4022, twice.code());
    assertTrue(twice.reason().contains("'id' and 'ID'"), twice.reason());
    assertEquals(
        ErrorCode.FLOE_4022,
        Lines.broken(converter, Lines.record(null, jsonValue("{\"record_metadata\":1}"))).code());
  }

  @Test
  void withSchemaEvolutionOffANewFieldIsBrokenNamingFieldAndTableAndTheRowsThatFitLoad() {
    table.evolves = false;
    table.columns.add(new TableColumn("ID", "NUMBER(38,0)", true));

    ConvertedRecord.Broken b =
        Lines.broken(converter, Lines.record(null, jsonValue("{\"id\":1,\"note\":\"x\"}")));

    assertEquals(ErrorCode.FLOE_4023, b.code());
    assertEquals(
        "table DB.PUBLIC.ORDERS has ENABLE_SCHEMA_EVOLUTION off: field 'note' has no column NOTE",
        b.reason());
    assertEquals(1, table.rereads, "the table was read again before the record was refused");
    // A field that is null (even with a declared type) needs no column; the others load.
    Schema schema =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    assertEquals(
        List.of("{\"ID\":2}"),
        Lines.rows(converter, Lines.record(schema, new Struct(schema).put("id", 2L))));
    assertEquals(List.of(), table.added);
  }

  @Test
  void withSchemaEvolutionOffANotNullColumnLeftEmptyIsBrokenAndKeepsNotNull() {
    table.evolves = false;
    table.columns.add(new TableColumn("ID", "NUMBER(38,0)", false));

    ConvertedRecord.Broken b =
        Lines.broken(converter, Lines.record(null, jsonValue("{\"id\":null}")));

    assertEquals(ErrorCode.FLOE_4023, b.code());
    assertTrue(
        b.reason().contains("column ID is NOT NULL and the record has no value for it"),
        b.reason());
    assertEquals(List.of(), table.dropped);
  }

  @Test
  void schemaEvolutionTurnedOnSinceTheTableWasReadLetsTheTableEvolve() {
    table.evolves = false;
    table.evolvesOnReread = true;

    assertEquals(
        List.of("{\"ID\":1}"), Lines.rows(converter, Lines.record(null, jsonValue("{\"id\":1}"))));
    assertEquals(List.of("ID NUMBER(38,0)"), table.added);
  }

  @Test
  void aTombstoneIsARowOfMetadataOnly() {
    assertEquals(List.of("{}"), Lines.rows(converter, Lines.record(null, null)));
  }

  @Test
  void snowflakeRefusingToEvolveTheTableStopsTheTaskInsteadOfBreakingTheRecord() {
    table.refuse = true;
    FloeException e =
        assertThrows(
            FloeException.class,
            () -> converter.convert(Lines.record(null, jsonValue("{\"id\":1}"))));
    assertEquals(ErrorCode.FLOE_2011, e.code());
  }

  private static Object jsonValue(String json) {
    SnowflakeJsonConverter c = new SnowflakeJsonConverter();
    c.configure(Map.of(), false);
    return c.toConnectData("orders", json.getBytes(StandardCharsets.UTF_8)).value();
  }

  /** A table in memory that records what Floe asks of it. */
  private static final class FakeTable implements TableSchema {
    final List<TableColumn> columns = new ArrayList<>();
    final List<String> added = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();
    boolean refuse;

    /** ENABLE_SCHEMA_EVOLUTION; {@link #reread} turns to {@link #evolvesOnReread}. */
    boolean evolves = true;

    boolean evolvesOnReread;
    int rereads;

    @Override
    public String name() {
      return "DB.PUBLIC.ORDERS";
    }

    @Override
    public TableColumns columns() {
      return new TableColumns(columns);
    }

    @Override
    public boolean evolves() {
      return evolves;
    }

    @Override
    public TableColumns reread() {
      rereads++;
      evolves = evolvesOnReread;
      return columns();
    }

    @Override
    public TableColumns evolve(Map<ColumnName, ColumnType> add, Set<ColumnName> dropNotNull) {
      if (!evolves) {
        throw new AssertionError("evolving a table whose schema evolution is off");
      }
      if (refuse) {
        throw new FloeException(ErrorCode.FLOE_2011, "refused");
      }
      if (!add.isEmpty()) {
        List<String> defs = new ArrayList<>();
        new LinkedHashMap<>(add)
            .forEach(
                (n, t) -> {
                  defs.add(n + " " + t.sql());
                  columns.add(new TableColumn(n.name(), t.described(), true));
                });
        added.add(String.join(", ", defs));
      }
      for (ColumnName n : dropNotNull) {
        dropped.add("drop not null " + n);
        columns.replaceAll(
            c -> c.name().equals(n.name()) ? new TableColumn(c.name(), c.described(), true) : c);
      }
      return columns();
    }
  }
}
