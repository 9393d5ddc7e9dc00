package io.floe.connector.conversion;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.floe.connector.ErrorCode;
import io.floe.connector.config.CdcSettings;
import io.floe.connector.config.MetadataSettings;
import io.floe.connector.table.schema.AvroColumnTypes;
import io.floe.connector.table.schema.ColumnFit;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.table.schema.ConnectColumnTypes;
import io.floe.connector.table.schema.TableColumn;
import io.floe.connector.table.schema.TableColumns;
import io.floe.connector.table.schema.TableSchema;
import io.floe.connector.table.schema.ValueColumnTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Conversion for change data capture ({@code floe.cdc.mode=upsert}): each change event is staged as
 * it is, {@code {"meta":…,"content":…}}, into the change table, which the apply step reads with
 * SQL. Before that it is checked and its target made ready: a change without a key, a truncate or a
 * value that is not the configured format is a broken record (FLOE-4030 to 4032), and the target
 * gets a column for each field of the change's row (the envelope's {@code after}, or the flattened
 * value; never the envelope's own fields), typed as schematization types them, so the apply's MERGE
 * always finds its columns. A row value that does not fit its column is FLOE-4020.
 *
 * <p>Not thread-safe, like {@link RecordConverter}: one per task.
 */
public final class ChangeConverter implements RecordConversion {
  private final RecordConverter lines;
  private final CdcSettings cdc;
  private final Function<SinkRecord, TableSchema> targets;
  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .build();

  /**
   * @param settings the connector's conversion settings; RECORD_METADATA always gets topic,
   *     partition, offset and key, which the apply step reads
   * @param targets the mirrored table a record's changes are applied to
   */
  public ChangeConverter(
      ConversionSettings settings, CdcSettings cdc, Function<SinkRecord, TableSchema> targets) {
    MetadataSettings m = settings.metadata();
    this.lines =
        new RecordConverter(
            new ConversionSettings(
                new MetadataSettings(true, true, true, m.all() && m.createTime()),
                settings.nullValues(),
                settings.maxRecordBytes()));
    this.cdc = cdc;
    this.targets = targets;
  }

  @Override
  public ConvertedRecord convert(SinkRecord record) {
    ConvertedRecord converted = lines.convert(asRead(record));
    if (!(converted instanceof ConvertedRecord.Rows rows)) {
      return converted;
    }
    try {
      for (byte[] line : rows.lines()) {
        ConvertedRecord refused = check(record, mapper.readTree(line));
        if (refused != null) {
          return refused;
        }
      }
      return converted;
    } catch (ConversionException e) {
      return RecordConverter.refused(record, e.code(), e.reason());
    } catch (IOException e) {
      throw new IllegalStateException("Floe's own line is not JSON", e);
    }
  }

  /**
   * The record under the topic and partition it was read from, for its RECORD_METADATA: the apply
   * step selects a partition's changes by what the loader tracks and Kafka commits, the original
   * partition's offsets, whereas a topic-renaming transform (RegexRouter stripping Debezium's
   * server and schema prefix) only picks the table.
   */
  private static SinkRecord asRead(SinkRecord record) {
    String topic = RecordOrigin.topic(record);
    int partition = RecordOrigin.partition(record);
    if (topic.equals(record.topic()) && partition == record.kafkaPartition()) {
      return record;
    }
    return record.newRecord(
        topic,
        partition,
        record.keySchema(),
        record.key(),
        record.valueSchema(),
        record.value(),
        record.timestamp(),
        record.headers());
  }

  /** Null when the change can be staged (its target fits it), else what to do instead. */
  private ConvertedRecord check(SinkRecord record, JsonNode line) {
    JsonNode key = line.path("meta").path("key");
    JsonNode content = line.path("content");
    if (record.value() == null) { // a tombstone: deletes its key
      if (!cdc.keyFields().isEmpty()) {
        return new ConvertedRecord.Skipped(
            "a tombstone, with floe.cdc.key.fields set: the delete before it carries the key");
      }
      fit(record, targets.apply(record), keyFields(record, key, null), List.of());
      return null;
    }
    boolean envelope =
        cdc.format() == CdcSettings.Format.ENVELOPE
            || (cdc.format() == CdcSettings.Format.AUTO && looksLikeEnvelope(content));
    if (envelope && content.path("op").asText("").equals("t")) {
      // Debezium's truncate has neither before nor after.
      throw new ConversionException(ErrorCode.FLOE_4031, "op t, a truncate of the source table");
    }
    if (envelope && !isEnvelope(content)) {
      // The apply reads an envelope only with an after or before object (ApplyStatement).
      throw new ConversionException(
          ErrorCode.FLOE_4032, "the value has no op field with an after or before object");
    }
    String op = envelope ? content.path("op").asText() : flattenedOp(content);
    boolean delete = op.equals("d");
    if (!op.equals("c") && !op.equals("r") && !op.equals("u") && !delete) {
      throw new ConversionException(
          ErrorCode.FLOE_4031,
          op.equals("t")
              ? "op t, a truncate of the source table"
              : "op '" + op + "' is not a row change");
    }
    String rowField = delete ? "before" : "after";
    JsonNode row = envelope ? content.path(rowField) : content;
    if (!row.isObject() && (envelope || !cdc.keyFields().isEmpty())) {
      throw new ConversionException(
          envelope ? ErrorCode.FLOE_4032 : ErrorCode.FLOE_4021,
          envelope
              ? "op " + op + " without an object in " + rowField
              : "the value is not an object, so it has no fields to load into columns");
    }
    List<Field> keys = keyFields(record, key, row);
    List<Field> fields =
        delete ? List.of() : rowFields(row, rowTypes(record, envelope ? rowField : null));
    fit(record, targets.apply(record), keys, fields);
    return null;
  }

  /** An op field and an after or before field, whatever their values. */
  private static boolean looksLikeEnvelope(JsonNode content) {
    return content.path("op").isTextual() && (content.has("after") || content.has("before"));
  }

  private static boolean isEnvelope(JsonNode content) {
    return content.path("op").isTextual()
        && (content.path("after").isObject() || content.path("before").isObject());
  }

  /** ExtractNewRecordState's markers: __deleted (rewrite mode) or __op (add.fields=op). */
  private static String flattenedOp(JsonNode content) {
    if (content.path("__deleted").asText("").equals("true")) {
      return "d";
    }
    String op = content.path("__op").asText("");
    return op.isEmpty() ? "u" : op;
  }

  /** A field of the change, its column and type (empty for a null without a schema). */
  private record Field(String name, ColumnName column, Optional<ColumnType> type, JsonNode value) {}

  private List<Field> keyFields(SinkRecord record, JsonNode key, JsonNode row) {
    List<Field> out = new ArrayList<>();
    if (!cdc.keyFields().isEmpty()) {
      Function<String, Optional<ColumnType>> types = rowTypes(record, null);
      for (String name : cdc.keyFields()) {
        JsonNode v = row == null ? null : row.get(name);
        if (v == null || v.isNull()) {
          throw new ConversionException(
              ErrorCode.FLOE_4030, "the row has no value for key field '" + name + "'");
        }
        out.add(field(name, v, types));
      }
      return out;
    }
    if (!key.isObject() || key.isEmpty()) {
      throw new ConversionException(
          ErrorCode.FLOE_4030,
          key.isMissingNode() || key.isNull()
              ? "the record has no key"
              : "the record key is "
                  + key.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                  + ", not an object with the key's fields (set floe.cdc.key.fields)");
    }
    // Debezium's key struct, typed by its schema as the row is (a date or decimal key column
    // would otherwise be typed from its JSON text or number).
    Function<String, Optional<ColumnType>> types =
        declaredTypes(record.key(), record.keySchema(), null);
    for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        throw new ConversionException(
            ErrorCode.FLOE_4030, "key field '" + e.getKey() + "' is null");
      }
      out.add(field(e.getKey(), e.getValue(), types));
    }
    return out;
  }

  private static List<Field> rowFields(JsonNode row, Function<String, Optional<ColumnType>> types) {
    List<Field> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().startsWith("__") && !e.getKey().equals(RecordFields.METADATA)) {
        out.add(field(e.getKey(), e.getValue(), types));
      }
    }
    return out;
  }

  private static Field field(
      String name, JsonNode value, Function<String, Optional<ColumnType>> types) {
    ColumnName column;
    try {
      column = ColumnName.of(name);
    } catch (IllegalArgumentException bad) {
      throw new ConversionException(
          ErrorCode.FLOE_4022, "field '" + name + "': " + bad.getMessage());
    }
    Optional<ColumnType> type = types.apply(name).or(() -> ValueColumnTypes.of(value));
    return new Field(name, column, type, value);
  }

  /**
   * The declared type of each field of the row: from the Connect schema (JsonConverter with
   * schemas, the Avro and Protobuf converters) or the Avro schema when there is one, else none (and
   * the type is inferred from the value). {@code rowField} names the envelope's row, or is null for
   * a flattened value.
   */
  private static Function<String, Optional<ColumnType>> rowTypes(
      SinkRecord record, String rowField) {
    return declaredTypes(record.value(), record.valueSchema(), rowField);
  }

  /**
   * The declared types of the fields of {@code value} (a key or value; {@code rowField} names the
   * record field holding the fields, or is null for the value itself).
   */
  private static Function<String, Optional<ColumnType>> declaredTypes(
      Object value, Schema schema, String rowField) {
    if (value instanceof AvroContent avro && avro.datum(0) instanceof GenericRecord r) {
      org.apache.avro.Schema s = r.getSchema();
      if (rowField != null) {
        org.apache.avro.Schema.Field f = s.getField(rowField);
        s = f == null ? null : recordBranch(f.schema());
      }
      org.apache.avro.Schema row = s;
      return name ->
          row == null
              ? Optional.empty()
              : Optional.ofNullable(row.getField(name)).map(f -> AvroColumnTypes.of(f.schema()));
    }
    if (schema != null && schema.type() == Schema.Type.STRUCT) {
      Schema row = schema;
      if (rowField != null) {
        row = schema.field(rowField) == null ? null : schema.field(rowField).schema();
      }
      Schema rowSchema = row != null && row.type() == Schema.Type.STRUCT ? row : null;
      return name ->
          rowSchema == null
              ? Optional.empty()
              : Optional.ofNullable(rowSchema.field(name))
                  .map(f -> ConnectColumnTypes.of(f.schema()));
    }
    return name -> Optional.empty();
  }

  private static org.apache.avro.Schema recordBranch(org.apache.avro.Schema s) {
    if (s.getType() == org.apache.avro.Schema.Type.UNION) {
      for (org.apache.avro.Schema branch : s.getTypes()) {
        if (branch.getType() == org.apache.avro.Schema.Type.RECORD) {
          return branch;
        }
      }
      return null;
    }
    return s.getType() == org.apache.avro.Schema.Type.RECORD ? s : null;
  }

  /**
   * Gives the target a column for each field it lacks (before the change is staged, so the apply
   * always finds it), then checks every value against its column.
   */
  private static void fit(
      SinkRecord record, TableSchema table, List<Field> keys, List<Field> fields) {
    List<Field> all = new ArrayList<>(keys);
    for (Field f : fields) {
      if (keys.stream().noneMatch(k -> k.column().equals(f.column()))) {
        all.add(f);
      }
    }
    TableColumns columns = table.columns();
    requireFit(all, columns);
    Map<ColumnName, ColumnType> add = missing(all, columns);
    if (!add.isEmpty() && !table.evolves()) {
      // As for schematized tables, Floe changes only targets with ENABLE_SCHEMA_EVOLUTION on; the
      // user may have turned it on, or added the columns, since the table was read.
      columns = table.reread();
      requireFit(all, columns);
      add = missing(all, columns);
      if (!add.isEmpty() && !table.evolves()) {
        throw new ConversionException(
            ErrorCode.FLOE_4023,
            "table "
                + table.name()
                + " has ENABLE_SCHEMA_EVOLUTION off and no column for "
                + add.keySet().stream().map(ColumnName::sql).toList());
      }
    }
    if (!add.isEmpty()) {
      // Snowflake refusing it is a FloeException, no fault of the record: it fails the task.
      columns = table.evolve(add, Set.of());
      requireFit(all, columns); // another task may have added a column first, with another type
    }
  }

  /** Columns to add for the fields with a value and a type that the table lacks. */
  private static Map<ColumnName, ColumnType> missing(List<Field> fields, TableColumns columns) {
    Map<ColumnName, ColumnType> add = new LinkedHashMap<>();
    for (Field f : fields) {
      if (columns.get(f.column()) == null && f.type().isPresent()) {
        add.put(f.column(), f.type().get());
      }
    }
    return add;
  }

  private static void requireFit(List<Field> fields, TableColumns columns) {
    List<String> misfits = new ArrayList<>();
    for (Field f : fields) {
      TableColumn column = columns.get(f.column());
      if (column != null) {
        String misfit = ColumnFit.misfit(f.name(), f.type(), f.value(), column);
        if (misfit != null) {
          misfits.add(misfit);
        }
      }
    }
    if (!misfits.isEmpty()) {
      throw new ConversionException(ErrorCode.FLOE_4020, String.join("; ", misfits));
    }
  }
}
