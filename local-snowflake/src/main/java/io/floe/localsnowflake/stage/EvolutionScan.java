package io.floe.localsnowflake.stage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a load with MATCH_BY_COLUMN_NAME into a table with ENABLE_SCHEMA_EVOLUTION = TRUE changes in
 * the table before its rows go in: a column for each top-level key no column matches, and NOT NULL
 * dropped from each column some record leaves out (or sets to null). Reads the files once more,
 * streaming (keys and the first token of each value, no trees); a syntax error ends a file's scan
 * as it ends its load, which then reports it.
 *
 * <p>New columns are named as Snowflake documents for CASE_INSENSITIVE (upper-cased, {@code col4}
 * becomes {@code COL4}) and keep the key as written under CASE_SENSITIVE. Their types (what
 * Snowflake infers for JSON is not documented): integers NUMBER(38,0), other numbers FLOAT, strings
 * VARCHAR, booleans BOOLEAN, objects and arrays VARIANT; keys whose values disagree across records
 * get FLOAT when all are numbers, else VARIANT; a key that is only ever null adds nothing. At most
 * {@link #MAX_ADDED_COLUMNS} columns are added per load (Snowflake's default limit per COPY);
 * further new keys are ignored, as unmatched keys are without evolution.
 */
final class EvolutionScan {
  static final int MAX_ADDED_COLUMNS = 100;

  /** The changes: new columns (in order of first appearance), columns to relax, files by column. */
  record Changes(List<ColumnInfo> add, List<String> relax, Map<String, String> fileOf) {
    boolean isEmpty() {
      return add.isEmpty() && relax.isEmpty();
    }
  }

  private enum Kind {
    NUMBER("NUMBER(38,0)"),
    FLOAT("FLOAT"),
    TEXT("VARCHAR(16777216)"),
    BOOLEAN("BOOLEAN"),
    VARIANT("VARIANT");

    final String type;

    Kind(String type) {
      this.type = type;
    }
  }

  private final boolean caseSensitive;

  /** Column by the name a key must have to match it (upper-cased when matching ignores case). */
  private final Map<String, ColumnInfo> columns = new HashMap<>();

  private final Map<String, Kind> added = new LinkedHashMap<>();
  private final Set<String> relax = new HashSet<>();
  private final Map<String, String> fileOf = new HashMap<>();
  private final Set<String> present = new HashSet<>();
  private String file;

  private EvolutionScan(List<ColumnInfo> targetColumns, boolean caseSensitive) {
    this.caseSensitive = caseSensitive;
    for (ColumnInfo c : targetColumns) {
      columns.putIfAbsent(key(c.name()), c);
    }
  }

  /** Whether a COPY evolves its table: MATCH_BY_COLUMN_NAME, no column list, the property on. */
  static boolean applies(CopyStatement copy, CopyTarget target) {
    return !target.options().matchByColumnName().equals("NONE")
        && copy.columns().isEmpty()
        && target.table().schemaEvolution();
  }

  /** Scans {@code files} (with their display names) for what {@code target}'s table lacks. */
  static Changes scan(CopyTarget target, StageStorage storage, Map<StagedFile, String> files) {
    EvolutionScan scan =
        new EvolutionScan(
            target.columns(), target.options().matchByColumnName().equals("CASE_SENSITIVE"));
    for (Map.Entry<StagedFile, String> f : files.entrySet()) {
      scan.file = f.getValue();
      try (InputStream in = storage.open(f.getKey());
          JsonRecordReader reader = JsonRecordReader.open(in, target.format(), true)) {
        while (reader.next(scan::record) != null) {
          // each record is scanned as it is read
        }
      } catch (JsonRecordReader.ParseFailure | IOException e) {
        // The load reports it; what was scanned before the error still counts.
      }
    }
    List<ColumnInfo> add = new ArrayList<>();
    for (Map.Entry<String, Kind> e : scan.added.entrySet()) {
      if (add.size() == MAX_ADDED_COLUMNS) {
        break;
      }
      add.add(new ColumnInfo(e.getKey(), e.getValue().type, true));
    }
    List<String> relaxed = new ArrayList<>();
    for (ColumnInfo c : target.columns()) {
      if (scan.relax.contains(c.name())) {
        relaxed.add(c.name());
      }
    }
    return new Changes(add, relaxed, scan.fileOf);
  }

  /**
   * The name a key must match, and a new column's name: upper-cased character by character under
   * CASE_INSENSITIVE, so that the load, which compares with {@link String#equalsIgnoreCase},
   * matches the column (whole-string upper-casing turns {@code ß} into {@code SS}, which it would
   * not).
   */
  private String key(String name) {
    if (caseSensitive) {
      return name;
    }
    char[] chars = name.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = Character.toUpperCase(chars[i]);
    }
    return new String(chars);
  }

  /** One record, from its first token to its last. */
  private Boolean record(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Boolean.TRUE;
    }
    present.clear();
    for (String name; (name = p.nextFieldName()) != null; ) {
      JsonToken t = p.nextToken();
      Kind kind = kind(t);
      p.skipChildren();
      String key = key(name);
      ColumnInfo column = columns.get(key);
      if (column != null) {
        if (kind != null) {
          present.add(column.name());
        }
      } else if (kind != null) {
        Kind before = added.get(key);
        added.put(key, before == null ? kind : widened(before, kind));
        fileOf.putIfAbsent(key, file);
      }
    }
    for (ColumnInfo c : columns.values()) {
      if (!c.nullable() && !present.contains(c.name()) && relax.add(c.name())) {
        fileOf.putIfAbsent(c.name(), file);
      }
    }
    return Boolean.TRUE;
  }

  private static Kind kind(JsonToken t) {
    return switch (t) {
      case VALUE_NUMBER_INT -> Kind.NUMBER;
      case VALUE_NUMBER_FLOAT -> Kind.FLOAT;
      case VALUE_STRING -> Kind.TEXT;
      case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
      case VALUE_NULL -> null;
      default -> Kind.VARIANT;
    };
  }

  private static Kind widened(Kind a, Kind b) {
    if (a == b) {
      return a;
    }
    boolean numbers =
        (a == Kind.NUMBER || a == Kind.FLOAT) && (b == Kind.NUMBER || b == Kind.FLOAT);
    return numbers ? Kind.FLOAT : Kind.VARIANT;
  }
}
