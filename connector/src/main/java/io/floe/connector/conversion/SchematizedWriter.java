package io.floe.connector.conversion;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.floe.connector.ErrorCode;
import io.floe.connector.table.schema.ColumnFit;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.table.schema.TableColumn;
import io.floe.connector.table.schema.TableColumns;
import io.floe.connector.table.schema.TableSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Writes a record value's top-level fields as columns of a schematized row, after making sure its
 * table has a column for each and that each value fits its column: new fields get a nullable column
 * and NOT NULL is dropped from columns the record leaves empty before the row is staged, so a
 * staged file always loads; a value that does not fit is a {@link ConversionException} (FLOE-4020),
 * so its record is broken instead of failing its file, and so is a record that needs such a change
 * of a table whose schema evolution is off (FLOE-4023).
 */
final class SchematizedWriter {
  private final ValueWriter values;
  private final RecordFields fields;
  private final LineBuffer content;
  private final JsonFactory factory;
  private final ObjectMapper mapper;

  SchematizedWriter(ValueWriter values, int maxRecordBytes) {
    this.values = values;
    this.fields = new RecordFields();
    this.content = new LineBuffer(maxRecordBytes);
    this.factory =
        JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .streamWriteConstraints(
                StreamWriteConstraints.builder()
                    .maxNestingDepth(ConversionLimits.MAX_DEPTH + 2)
                    .build())
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(ConversionLimits.MAX_DEPTH + 2)
                    .maxStringLength(maxRecordBytes)
                    .maxNameLength(maxRecordBytes)
                    .maxNumberLength(maxRecordBytes)
                    .build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();
  }

  /** Writes the value's fields as {@code "COLUMN":value} pairs into the open line object. */
  void write(JsonGenerator g, SinkRecord record, Object value, int index, TableSchema table)
      throws IOException {
    if (value == null) {
      // A tombstone with behavior.on.null.values=default: a row with RECORD_METADATA only.
      fitTable(table, List.of());
      return;
    }
    List<RecordFields.Field> row = fields.of(record, value, index, tree(record, value, index));
    TableColumns columns = fitTable(table, row);
    for (RecordFields.Field f : row) {
      TableColumn column = columns.get(f.column());
      if (column == null || f.value().isNull()) {
        continue; // a null without a type yet: no column to fill
      }
      g.writeFieldName(column.name());
      if (column.type().map(t -> t.kind() == ColumnType.Kind.BINARY).orElse(false)) {
        // Snowflake's default BINARY_FORMAT for JSON files is HEX; Floe writes bytes as base64.
        g.writeString(HexFormat.of().formatHex(Base64.getDecoder().decode(f.value().textValue())));
      } else {
        writeNode(g, f.value());
      }
    }
  }

  /**
   * Writes a tree back as it was read: cheaper than ObjectMapper.writeTree, which sets up a
   * serializer context per call (once per field of every record).
   */
  private static void writeNode(JsonGenerator g, JsonNode n) throws IOException {
    switch (n.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          g.writeFieldName(e.getKey());
          writeNode(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode element : n) {
          writeNode(g, element);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(n.textValue());
      case BOOLEAN -> g.writeBoolean(n.booleanValue());
      case NULL -> g.writeNull();
      case NUMBER -> {
        if (n.isInt()) {
          g.writeNumber(n.intValue());
        } else if (n.isLong()) {
          g.writeNumber(n.longValue());
        } else if (n.isBigInteger()) {
          g.writeNumber(n.bigIntegerValue());
        } else {
          g.writeNumber(n.decimalValue());
        }
      }
      default -> throw new IllegalStateException("not JSON text: " + n.getNodeType());
    }
  }

  /** The value as JSON, written as for RECORD_CONTENT and read back as a tree. */
  private JsonNode tree(SinkRecord record, Object value, int index) throws IOException {
    content.reset();
    try (JsonGenerator cg = factory.createGenerator(content)) {
      values.writeValue(cg, record.valueSchema(), value, index);
    }
    return mapper.readTree(factory.createParser(content.toByteArray()));
  }

  /**
   * Checks the fields against the table's columns, evolving the table where they need it (when it
   * may be evolved), and returns the columns to write into.
   */
  private TableColumns fitTable(TableSchema table, List<RecordFields.Field> row) {
    TableColumns columns = table.columns();
    // Conflicts with columns the table already has first: such a record changes nothing.
    requireFit(row, columns);
    Change change = Change.of(row, columns);
    if (change.none()) {
      return columns;
    }
    if (!table.evolves()) {
      // Nothing to change but a typed null's column: the value is not lost, the row fits.
      if (change.needed().isEmpty()) {
        return columns;
      }
      // The user may have fixed the table since it was read.
      columns = table.reread();
      requireFit(row, columns);
      change = Change.of(row, columns);
      if (!table.evolves()) {
        if (change.needed().isEmpty()) {
          return columns;
        }
        throw new ConversionException(
            ErrorCode.FLOE_4023,
            "table "
                + table.name()
                + " has ENABLE_SCHEMA_EVOLUTION off: "
                + String.join("; ", change.needed()));
      }
      if (change.none()) {
        return columns;
      }
    }
    columns = table.evolve(change.add(), change.dropNotNull());
    // Another task may have added a column first, with another type.
    requireFit(row, columns);
    return columns;
  }

  /**
   * What a record needs of its table: columns to add (for fields with a value, and for typed nulls,
   * which give a column its declared type early) and NOT NULL to drop (columns it leaves empty);
   * {@code needed} names those a row cannot do without, for a table that may not be changed.
   */
  private record Change(
      Map<ColumnName, ColumnType> add, Set<ColumnName> dropNotNull, List<String> needed) {
    static Change of(List<RecordFields.Field> row, TableColumns columns) {
      Map<ColumnName, ColumnType> add = new LinkedHashMap<>();
      List<String> needed = new ArrayList<>();
      Set<String> filled = new LinkedHashSet<>();
      for (RecordFields.Field f : row) {
        if (!f.value().isNull()) {
          filled.add(f.column().name());
        }
        if (columns.get(f.column()) == null) {
          if (!f.value().isNull()) {
            needed.add("field '" + f.name() + "' has no column " + f.column().name());
          }
          if (f.type().isPresent()) {
            add.put(f.column(), f.type().get());
          }
        }
      }
      Set<ColumnName> dropNotNull = new LinkedHashSet<>();
      for (TableColumn c : columns.all()) {
        if (!c.nullable()
            && !c.name().equals(RecordFields.METADATA)
            && !filled.contains(c.name())) {
          dropNotNull.add(new ColumnName(c.name()));
          needed.add("column " + c.name() + " is NOT NULL and the record has no value for it");
        }
      }
      return new Change(add, dropNotNull, needed);
    }

    boolean none() {
      return add.isEmpty() && dropNotNull.isEmpty();
    }
  }

  private static void requireFit(List<RecordFields.Field> row, TableColumns columns) {
    List<String> misfits = new ArrayList<>();
    for (RecordFields.Field f : row) {
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
