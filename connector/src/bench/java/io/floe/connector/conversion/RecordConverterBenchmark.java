package io.floe.connector.conversion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Conversion throughput per core: Floe's RecordConverter next to plain Jackson doing the same job
 * on the same ~1 KB order record. The {@code bytes} counter is the JSON line bytes produced per
 * second; divide by 10^6 for MB/s. Run with {@code mvn -B -Pbench -DskipTests test-compile
 * exec:exec} (docs/conversion.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class RecordConverterBenchmark {
  private static final int ITEMS = 5;
  private static final long CREATED = 1705313730123L;

  /** Output bytes, reported by JMH as a rate (bytes per second). */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Output {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  private final ObjectMapper mapper = new ObjectMapper();
  private final RecordConverter converter = new RecordConverter(ConversionSettings.defaults());

  /** With schematization, into a table that already has every column (the steady state). */
  private final RecordConverter schematized =
      new RecordConverter(ConversionSettings.defaults(), record -> EvolvedTable.INSTANCE);

  private final SnowflakeJsonConverter jsonConverter = new SnowflakeJsonConverter();
  private SnowflakeAvroConverter avroConverter;
  private FakeSchemaRegistry registry;
  private byte[] jsonBytes;
  private Schema structSchema;
  private Struct struct;
  private Map<String, Object> structAsMap;
  private org.apache.avro.Schema avroSchema;
  private byte[] avroBytes;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    jsonBytes = orderJson().getBytes(StandardCharsets.UTF_8);
    buildStruct();
    buildAvro();
    registry = FakeSchemaRegistry.start().register(1, avroSchema);
    avroConverter = new SnowflakeAvroConverter();
    avroConverter.configure(Map.of("schema.registry.url", registry.url()), false);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
  }

  @Benchmark
  public void jsonFloe(Output out) {
    out.bytes +=
        lineBytes(
            converter.convert(
                record(
                    SnowflakeContent.SCHEMA,
                    jsonConverter.toConnectData("orders", jsonBytes).value())));
  }

  /** What the incumbent does with JSON: a tree, then serialize the tree with the metadata. */
  @Benchmark
  public void jsonJacksonTree(Output out) throws IOException {
    ObjectNode line = mapper.createObjectNode();
    line.set("meta", meta());
    line.set("content", mapper.readTree(jsonBytes));
    out.bytes += mapper.writeValueAsBytes(line).length;
  }

  @Benchmark
  public void jsonSchematized(Output out) {
    out.bytes +=
        lineBytes(
            schematized.convert(
                record(
                    SnowflakeContent.SCHEMA,
                    jsonConverter.toConnectData("orders", jsonBytes).value())));
  }

  @Benchmark
  public void structSchematized(Output out) {
    out.bytes += lineBytes(schematized.convert(record(structSchema, struct)));
  }

  /** A table that gains the columns asked for, once: later records find them all. */
  private static final class EvolvedTable implements io.floe.connector.table.schema.TableSchema {
    static final EvolvedTable INSTANCE = new EvolvedTable();
    private final java.util.List<io.floe.connector.table.schema.TableColumn> columns =
        new java.util.ArrayList<>();
    private io.floe.connector.table.schema.TableColumns current =
        new io.floe.connector.table.schema.TableColumns(columns);

    @Override
    public String name() {
      return "BENCH";
    }

    @Override
    public io.floe.connector.table.schema.TableColumns columns() {
      return current;
    }

    @Override
    public boolean evolves() {
      return true;
    }

    @Override
    public io.floe.connector.table.schema.TableColumns reread() {
      return current;
    }

    @Override
    public synchronized io.floe.connector.table.schema.TableColumns evolve(
        Map<io.floe.connector.table.schema.ColumnName, io.floe.connector.table.schema.ColumnType>
            add,
        java.util.Set<io.floe.connector.table.schema.ColumnName> dropNotNull) {
      add.forEach(
          (n, t) ->
              columns.add(
                  new io.floe.connector.table.schema.TableColumn(n.name(), t.described(), true)));
      current = new io.floe.connector.table.schema.TableColumns(columns);
      return current;
    }
  }

  @Benchmark
  public void structFloe(Output out) {
    out.bytes += lineBytes(converter.convert(record(structSchema, struct)));
  }

  /** Plain Jackson serializing the same data, already as Java maps and lists. */
  @Benchmark
  public void structJacksonMap(Output out) throws IOException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put(
        "meta", Map.of("topic", "orders", "offset", 42L, "partition", 3, "CreateTime", CREATED));
    line.put("content", structAsMap);
    out.bytes += mapper.writeValueAsBytes(line).length;
  }

  @Benchmark
  public void avroFloe(Output out) {
    out.bytes +=
        lineBytes(
            converter.convert(
                record(
                    SnowflakeContent.SCHEMA,
                    avroConverter.toConnectData("orders", avroBytes).value())));
  }

  /** The incumbent's Avro path: decode, GenericRecord.toString(), parse that, serialize a tree. */
  @Benchmark
  public void avroIncumbentStyle(Output out) throws IOException {
    GenericDatumReader<Object> reader = new GenericDatumReader<>(avroSchema);
    Object datum =
        reader.read(
            null, DecoderFactory.get().binaryDecoder(avroBytes, 5, avroBytes.length - 5, null));
    ObjectNode line = mapper.createObjectNode();
    ObjectNode meta = meta();
    meta.put("schema_id", 1);
    line.set("meta", meta);
    line.set("content", mapper.readTree(datum.toString()));
    out.bytes += mapper.writeValueAsBytes(line).length;
  }

  private ObjectNode meta() {
    return mapper
        .createObjectNode()
        .put("topic", "orders")
        .put("offset", 42L)
        .put("partition", 3)
        .put("CreateTime", CREATED);
  }

  private static SinkRecord record(Schema schema, Object value) {
    return new SinkRecord(
        "orders",
        3,
        null,
        null,
        schema,
        value,
        42L,
        CREATED,
        TimestampType.CREATE_TIME,
        new ConnectHeaders());
  }

  private static long lineBytes(ConvertedRecord result) {
    if (result instanceof ConvertedRecord.Rows rows) {
      return rows.byteCount();
    }
    throw new IllegalStateException("not converted: " + result);
  }

  private static String orderJson() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < ITEMS; i++) {
      if (i > 0) {
        items.append(',');
      }
      items
          .append("{\"sku\":\"SKU-")
          .append(1000 + i)
          .append("\",\"name\":\"Widget number ")
          .append(i)
          .append(" – deluxe\",\"qty\":")
          .append(i + 1)
          .append(",\"price\":")
          .append(19 + i)
          .append(".99,\"tags\":[\"a\",\"b\"]}");
    }
    return "{\"orderId\":9007199254740993,\"status\":\"PLACED\",\"created\":\"2024-01-15T10:15:30.123Z\",\"customer\":{\"id\":123456,\"name\":\"Zoë"
               + " Müller\",\"email\":\"zoe@example.com\",\"address\":{\"street\":\"1 Main"
               + " Street\",\"city\":\"Springfield\",\"zip\":\"12345\"}},\"items\":["
        + items
        + "],\"total\":1234.56,\"gift\":false,\"note\":null,"
        + "\"comment\":\"Please leave the parcel at the back door, thank you!\"}";
  }

  private void buildStruct() {
    Schema address =
        SchemaBuilder.struct()
            .name("Address")
            .field("street", Schema.STRING_SCHEMA)
            .field("city", Schema.STRING_SCHEMA)
            .field("zip", Schema.STRING_SCHEMA)
            .build();
    Schema customer =
        SchemaBuilder.struct()
            .name("Customer")
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("email", Schema.STRING_SCHEMA)
            .field("address", address)
            .build();
    Schema item =
        SchemaBuilder.struct()
            .name("Item")
            .field("sku", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("qty", Schema.INT32_SCHEMA)
            .field("price", Decimal.schema(2))
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .build();
    structSchema =
        SchemaBuilder.struct()
            .name("Order")
            .field("orderId", Schema.INT64_SCHEMA)
            .field("status", Schema.STRING_SCHEMA)
            .field("created", Timestamp.SCHEMA)
            .field("customer", customer)
            .field("items", SchemaBuilder.array(item).build())
            .field("total", Decimal.schema(2))
            .field("gift", Schema.BOOLEAN_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("comment", Schema.STRING_SCHEMA)
            .build();
    List<Struct> items = new ArrayList<>();
    List<Map<String, Object>> itemMaps = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      BigDecimal price = new BigDecimal((19 + i) + ".99");
      items.add(
          new Struct(item)
              .put("sku", "SKU-" + (1000 + i))
              .put("name", "Widget number " + i + " – deluxe")
              .put("qty", i + 1)
              .put("price", price)
              .put("tags", List.of("a", "b")));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sku", "SKU-" + (1000 + i));
      m.put("name", "Widget number " + i + " – deluxe");
      m.put("qty", i + 1);
      m.put("price", price);
      m.put("tags", List.of("a", "b"));
      itemMaps.add(m);
    }
    struct =
        new Struct(structSchema)
            .put("orderId", 9007199254740993L)
            .put("status", "PLACED")
            .put("created", new java.util.Date(CREATED))
            .put(
                "customer",
                new Struct(customer)
                    .put("id", 123456L)
                    .put("name", "Zoë Müller")
                    .put("email", "zoe@example.com")
                    .put(
                        "address",
                        new Struct(address)
                            .put("street", "1 Main Street")
                            .put("city", "Springfield")
                            .put("zip", "12345")))
            .put("items", items)
            .put("total", new BigDecimal("1234.56"))
            .put("gift", false)
            .put("comment", "Please leave the parcel at the back door, thank you!");
    structAsMap = new LinkedHashMap<>();
    structAsMap.put("orderId", 9007199254740993L);
    structAsMap.put("status", "PLACED");
    structAsMap.put("created", "2024-01-15T10:15:30.123Z");
    structAsMap.put(
        "customer",
        Map.of(
            "id",
            123456L,
            "name",
            "Zoë Müller",
            "email",
            "zoe@example.com",
            "address",
            Map.of("street", "1 Main Street", "city", "Springfield", "zip", "12345")));
    structAsMap.put("items", itemMaps);
    structAsMap.put("total", new BigDecimal("1234.56"));
    structAsMap.put("gift", false);
    structAsMap.put("note", null);
    structAsMap.put("comment", "Please leave the parcel at the back door, thank you!");
  }

  private void buildAvro() {
    avroSchema =
        new org.apache.avro.Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Order\",\"fields\":["
                    + "{\"name\":\"orderId\",\"type\":\"long\"},{\"name\":\"status\",\"type\":\"string\"},"
                    + "{\"name\":\"created\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
                    + "{\"name\":\"customer\",\"type\":{\"type\":\"record\",\"name\":\"Customer\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"name\",\"type\":\"string\"},"
                    + "{\"name\":\"email\",\"type\":\"string\"},"
                    + "{\"name\":\"address\",\"type\":{\"type\":\"record\",\"name\":\"Address\",\"fields\":["
                    + "{\"name\":\"street\",\"type\":\"string\"},{\"name\":\"city\",\"type\":\"string\"},"
                    + "{\"name\":\"zip\",\"type\":\"string\"}]}}]}},"
                    + "{\"name\":\"items\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\","
                    + "\"name\":\"Item\",\"fields\":[{\"name\":\"sku\",\"type\":\"string\"},"
                    + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\"},"
                    + "{\"name\":\"price\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                    + "\"precision\":9,\"scale\":2}},"
                    + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"}}]}}},"
                    + "{\"name\":\"total\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                    + "\"precision\":9,\"scale\":2}},{\"name\":\"gift\",\"type\":\"boolean\"},"
                    + "{\"name\":\"note\",\"type\":[\"null\",\"string\"]},"
                    + "{\"name\":\"comment\",\"type\":\"string\"}]}");
    org.apache.avro.Schema customerSchema = avroSchema.getField("customer").schema();
    org.apache.avro.Schema addressSchema = customerSchema.getField("address").schema();
    org.apache.avro.Schema itemSchema = avroSchema.getField("items").schema().getElementType();
    GenericData.Record address = new GenericData.Record(addressSchema);
    address.put("street", new Utf8("1 Main Street"));
    address.put("city", new Utf8("Springfield"));
    address.put("zip", new Utf8("12345"));
    GenericData.Record customer = new GenericData.Record(customerSchema);
    customer.put("id", 123456L);
    customer.put("name", new Utf8("Zoë Müller"));
    customer.put("email", new Utf8("zoe@example.com"));
    customer.put("address", address);
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      GenericData.Record it = new GenericData.Record(itemSchema);
      it.put("sku", new Utf8("SKU-" + (1000 + i)));
      it.put("name", new Utf8("Widget number " + i + " – deluxe"));
      it.put("qty", i + 1);
      it.put("price", unscaled(new BigDecimal((19 + i) + ".99")));
      it.put("tags", List.of(new Utf8("a"), new Utf8("b")));
      items.add(it);
    }
    GenericData.Record order = new GenericData.Record(avroSchema);
    order.put("orderId", 9007199254740993L);
    order.put("status", new Utf8("PLACED"));
    order.put("created", CREATED);
    order.put("customer", customer);
    order.put("items", items);
    order.put("total", unscaled(new BigDecimal("1234.56")));
    order.put("gift", false);
    order.put("note", null);
    order.put("comment", new Utf8("Please leave the parcel at the back door, thank you!"));
    avroBytes = AvroData.confluent(1, avroSchema, order);
  }

  private static ByteBuffer unscaled(BigDecimal value) {
    return ByteBuffer.wrap(value.unscaledValue().toByteArray());
  }
}
