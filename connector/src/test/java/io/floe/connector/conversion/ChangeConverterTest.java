package io.floe.connector.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.connector.ErrorCode;
import io.floe.connector.config.CdcSettings;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.table.schema.TableColumn;
import io.floe.connector.table.schema.TableColumns;
import io.floe.connector.table.schema.TableSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Change events before they are staged: what is refused, and what the target is given. */
class ChangeConverterTest {
  /** A target that records the columns it was asked to add. */
  private static final class Target implements TableSchema {
    final Map<String, String> columns = new LinkedHashMap<>();
    boolean evolves = true;

    @Override
    public String name() {
      return "DB.PUBLIC.ITEMS";
    }

    @Override
    public boolean evolves() {
      return evolves;
    }

    @Override
    public TableColumns reread() {
      return columns();
    }

    @Override
    public TableColumns columns() {
      List<TableColumn> out = new ArrayList<>();
      columns.forEach((n, t) -> out.add(new TableColumn(n, t, true)));
      return new TableColumns(out);
    }

    @Override
    public TableColumns evolve(Map<ColumnName, ColumnType> add, Set<ColumnName> dropNotNull) {
      add.forEach((n, t) -> columns.put(n.name(), t.described()));
      return columns();
    }
  }

  private final Target target = new Target();

  private ChangeConverter converter(List<String> keyFields) {
    return new ChangeConverter(
        ConversionSettings.defaults(),
        new CdcSettings(
            true, CdcSettings.Format.AUTO, keyFields, false, Duration.ofSeconds(1), false, 10),
        r -> target);
  }

  private static SinkRecord record(Object key, Object value) {
    return new SinkRecord("pg.items", 2, null, key, null, value, 41, 1L, TimestampType.CREATE_TIME);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void anEnvelopeIsStagedAsItIsAndItsAfterRowGivesTheTargetItsColumns() {
    Map<String, Object> after = map("id", 7, "name", "a", "__lsn", 3);
    ConvertedRecord c =
        converter(List.of())
            .convert(
                record(map("id", 7), map("before", null, "after", after, "op", "c", "ts_ms", 5)));
    ConvertedRecord.Rows rows = assertInstanceOf(ConvertedRecord.Rows.class, c);
    String line = new String(rows.lines().get(0), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(line.contains("\"content\":{\"before\":null,\"after\":{"), line);
    assertTrue(line.contains("\"key\":{\"id\":7}"), line);
    assertEquals(Map.of("ID", "NUMBER(38,0)", "NAME", "VARCHAR(16777216)"), target.columns);
  }

  @Test
  void aChangeWithoutAKeyIsBrokenNamingWhereItIs() {
    ConvertedRecord c = converter(List.of()).convert(record(null, map("id", 1, "name", "x")));
    ConvertedRecord.Broken b = assertInstanceOf(ConvertedRecord.Broken.class, c);
    assertEquals(ErrorCode.FLOE_4030, b.code());
    String message = b.error().getMessage();
    assertTrue(
        message.startsWith("FLOE-4030") && message.contains("pg.items, partition 2, offset 41"),
        message);
    assertEquals(Map.of(), target.columns, "a broken change changes no table");
  }

  @Test
  void aTruncateIsBroken() {
    ConvertedRecord c =
        converter(List.of())
            .convert(record(map("id", 1), map("before", null, "after", null, "op", "t")));
    assertEquals(ErrorCode.FLOE_4031, assertInstanceOf(ConvertedRecord.Broken.class, c).code());
    c =
        converter(List.of())
            .convert(record(map("id", 1), map("before", null, "after", null, "op", "u")));
    assertEquals(ErrorCode.FLOE_4032, assertInstanceOf(ConvertedRecord.Broken.class, c).code());
    c =
        converter(List.of())
            .convert(record(map("id", 1), map("before", map("id", 1), "after", null, "op", "t")));
    ConvertedRecord.Broken b = assertInstanceOf(ConvertedRecord.Broken.class, c);
    assertEquals(ErrorCode.FLOE_4031, b.code());
    assertTrue(b.reason().contains("truncate"), b.reason());
  }

  @Test
  void withKeyFieldsTheRowMustHoldThemAndTombstonesAreSkipped() {
    ChangeConverter withKeys = converter(List.of("id"));
    assertInstanceOf(
        ConvertedRecord.Rows.class,
        withKeys.convert(record(null, map("id", 3, "__deleted", "false"))));
    assertEquals(
        ErrorCode.FLOE_4030,
        assertInstanceOf(
                ConvertedRecord.Broken.class, withKeys.convert(record(null, map("name", "x"))))
            .code());
    assertInstanceOf(ConvertedRecord.Skipped.class, withKeys.convert(record(map("id", 3), null)));
    assertEquals(Map.of("ID", "NUMBER(38,0)"), target.columns, "__deleted gets no column");
  }

  @Test
  void aTargetWithSchemaEvolutionOffGetsNoColumnAndTheChangeIsBroken() {
    target.columns.put("ID", "NUMBER(38,0)");
    target.evolves = false;
    ConvertedRecord c =
        converter(List.of()).convert(record(map("id", 7), map("id", 7, "name", "a")));
    ConvertedRecord.Broken b = assertInstanceOf(ConvertedRecord.Broken.class, c);
    assertEquals(ErrorCode.FLOE_4023, b.code());
    assertTrue(b.reason().contains("NAME"), b.reason());
    assertEquals(Map.of("ID", "NUMBER(38,0)"), target.columns);
    // A change the table's columns already hold is staged.
    assertInstanceOf(
        ConvertedRecord.Rows.class,
        converter(List.of()).convert(record(map("id", 8), map("id", 8))));
  }

  @Test
  void anAvroKeyRecordTypesItsColumnsFromItsSchema() {
    org.apache.avro.Schema key =
        AvroData.schema(
            "{\"type\":\"record\",\"name\":\"Key\",\"namespace\":\"pg.public.visits\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
                + "{\"name\":\"day\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}},"
                + "{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                + "\"precision\":10,\"scale\":2}}]}");
    org.apache.avro.generic.GenericRecord k = new org.apache.avro.generic.GenericData.Record(key);
    k.put("id", 7L);
    k.put("day", 19000);
    k.put("amount", java.nio.ByteBuffer.wrap(java.math.BigInteger.valueOf(1250).toByteArray()));
    AvroContent avroKey = new AvroContent(new byte[0], key, List.of(k), 12);
    // A tombstone: only the key gives the target its columns.
    SinkRecord tombstone =
        new SinkRecord(
            "pg.visits",
            0,
            SnowflakeContent.SCHEMA,
            avroKey,
            null,
            null,
            3,
            1L,
            TimestampType.CREATE_TIME);
    assertInstanceOf(ConvertedRecord.Rows.class, converter(List.of()).convert(tombstone));
    assertEquals(
        Map.of("ID", "NUMBER(38,0)", "DAY", "DATE", "AMOUNT", "NUMBER(10,2)"), target.columns);
  }
}
