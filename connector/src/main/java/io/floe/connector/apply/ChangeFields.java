package io.floe.connector.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import io.floe.connector.apply.ApplyTarget.DeleteMode;
import io.floe.connector.apply.ApplyTarget.Field;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.table.schema.ColumnName;
import io.floe.connector.table.schema.ColumnType;
import io.floe.connector.table.schema.TableColumn;
import io.floe.connector.table.schema.TableColumns;
import io.floe.connector.table.schema.TableSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an apply reads from its changes: the key's and the row's field names, as they are in the
 * changes to apply, and their column types, as the target has them. The names are read from the
 * change table (one SELECT DISTINCT per apply) rather than remembered from converted records,
 * because changes a previous owner of a partition loaded were never seen by this task, and a
 * column's name does not say its field's (schematization upper-cases {@code id} to {@code ID}).
 */
public final class ChangeFields {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SnowflakeClient client;
  private final List<String> keyFields;
  private final DeleteMode deleteMode;
  private final boolean retainChanges;

  /**
   * @param keyFields {@code floe.cdc.key.fields}: the row's fields forming the key; empty for the
   *     record key's fields
   */
  public ChangeFields(
      SnowflakeClient client, List<String> keyFields, DeleteMode deleteMode, boolean retain) {
    this.client = client;
    this.keyFields = List.copyOf(keyFields);
    this.deleteMode = deleteMode;
    this.retainChanges = retain;
  }

  /** The apply target for {@code ranges} of {@code target}'s changes. */
  ApplyTarget target(ObjectRef target, TableSchema schema, List<PartitionRange> ranges) {
    Set<String> keyNames = new LinkedHashSet<>(keyFields);
    Set<String> rowNames = new LinkedHashSet<>();
    List<List<String>> found =
        client.query(
            "read the change fields of " + target,
            "SELECT DISTINCT TO_VARCHAR(OBJECT_KEYS(RECORD_METADATA:key)),"
                + " TO_VARCHAR(OBJECT_KEYS("
                + ApplyStatement.ROW_OF
                + ")) FROM "
                + ChangeTables.of(target).sql()
                + " WHERE "
                + ApplyStatement.inRanges(ranges));
    for (List<String> row : found) {
      if (keyFields.isEmpty()) {
        keyNames.addAll(names(row.get(0)));
      }
      rowNames.addAll(names(row.get(1)));
    }
    TableColumns columns = schema.columns();
    if (!hasAll(columns, keyNames) || !hasAll(columns, rowNames)) {
      columns = schema.evolve(Map.of(), Set.of()); // another task added them: describe again
    }
    List<Field> keys = new ArrayList<>();
    for (String k : keyNames) {
      Optional<ColumnType> type = type(columns, k);
      if (type.isEmpty()) {
        throw new FloeException(
            ErrorCode.FLOE_3060,
            target
                + ", statement: read the change fields: the key field '"
                + k
                + "' has no column"
                + " of a type Floe writes in the target.");
      }
      keys.add(new Field(k, type.get()));
    }
    List<Field> values = new ArrayList<>();
    for (String f : rowNames) {
      if (MirrorTables.isOwnField(f) || keyNames.contains(f)) {
        continue;
      }
      type(columns, f).ifPresent(t -> values.add(new Field(f, t)));
    }
    return new ApplyTarget(target, keys, values, deleteMode, !keyFields.isEmpty(), retainChanges);
  }

  private static boolean hasAll(TableColumns columns, Set<String> fields) {
    return fields.stream()
        .filter(f -> !MirrorTables.isOwnField(f))
        .allMatch(f -> column(columns, f) != null);
  }

  private static Optional<ColumnType> type(TableColumns columns, String field) {
    TableColumn c = column(columns, field);
    return c == null ? Optional.empty() : c.type();
  }

  private static TableColumn column(TableColumns columns, String field) {
    try {
      return columns.get(ColumnName.of(field));
    } catch (IllegalArgumentException e) {
      return null; // no column can have this name; the converter refused such records
    }
  }

  /** The names in OBJECT_KEYS' JSON array text (null for a change without that object). */
  private static List<String> names(String arrayText) {
    if (arrayText == null || arrayText.isBlank()) {
      return List.of();
    }
    try {
      JsonNode array = JSON.readTree(arrayText);
      List<String> out = new ArrayList<>();
      array.forEach(n -> out.add(n.asText()));
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("OBJECT_KEYS returned " + arrayText, e);
    }
  }
}
