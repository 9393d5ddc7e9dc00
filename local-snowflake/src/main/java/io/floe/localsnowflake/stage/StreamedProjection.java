package io.floe.localsnowflake.stage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.floe.localsnowflake.core.CanonicalJson;
import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import java.io.IOException;
import java.util.List;

/**
 * The fast way through a COPY whose every column is semi-structured and takes either the whole
 * document ({@code $1}, or a COPY without transformation) or one of its top-level elements ({@code
 * $1:meta}, {@code $1['meta']}), as the connectors' pipes do: each record is read once from the
 * parser, the chosen elements written in stored form as they stream past and the others skipped,
 * with no tree. Gives the same values and the same errors as the tree path ({@link RowProjection}
 * with {@link ValueConverter}), which every other COPY takes.
 */
final class StreamedProjection {
  /** Per column, the top-level key it loads, or null for the whole document. */
  private final String[] keys;

  private final boolean[] nullable;

  /** The record's top-level keys, for duplicates; a projection serves one file at a time. */
  private final ObjectKeys topLevel = new ObjectKeys();

  private StreamedProjection(String[] keys, boolean[] nullable) {
    this.keys = keys;
    this.nullable = nullable;
  }

  /**
   * The streamed form of a COPY, or null when it needs the tree path: a cast to another type,
   * deeper paths, METADATA$ columns, MATCH_BY_COLUMN_NAME (streamed by {@link StreamedByName}),
   * STRIP_NULL_VALUES or ALLOW_DUPLICATE, a column that is not semi-structured, or the whole
   * document beside other columns.
   *
   * @param expressions the SELECT list, or one {@link LoadExpression#document()} without one
   */
  static StreamedProjection of(
      List<LoadExpression> expressions, List<ColumnInfo> columns, JsonFormat format) {
    if (format.stripNullValues() || format.allowDuplicate() || expressions.isEmpty()) {
      return null;
    }
    String[] keys = new String[columns.size()];
    boolean[] nullable = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      ColumnInfo column = columns.get(i);
      if (!ValueConverter.isSemiStructured(ValueConverter.baseType(column.type()))) {
        return null;
      }
      LoadExpression e = expressions.get(i);
      List<Object> path = e.documentPath();
      if (path == null
          || path.size() > 1
          || (path.size() == 1 && !(path.get(0) instanceof String))) {
        return null;
      }
      keys[i] = path.isEmpty() ? null : (String) path.get(0);
      nullable[i] = column.nullable();
    }
    for (String key : keys) {
      if (key == null && keys.length > 1) {
        return null;
      }
    }
    return new StreamedProjection(keys, nullable);
  }

  /** How many columns the projection loads. */
  int width() {
    return keys.length;
  }

  /** The top-level key column {@code index} loads, or null for the whole document. */
  String key(int index) {
    return keys[index];
  }

  /**
   * The column values of the record starting at the parser's current token, which is consumed; null
   * entries are SQL NULL (the element is absent, or the record is not an object). One writer per
   * file being read: it keeps buffers.
   */
  CanonicalJson[] read(JsonParser p, CanonicalJsonWriter writer) throws IOException {
    CanonicalJson[] values = new CanonicalJson[keys.length];
    if (keys[0] == null) {
      values[0] = CanonicalJson.ofUtf8(writer.writeUtf8(p));
      return values;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      writer.skip(p);
      return values;
    }
    topLevel.clear();
    for (String name; (name = p.nextFieldName()) != null; ) {
      if (!topLevel.add(name)) {
        throw CanonicalJsonWriter.duplicate(p, name);
      }
      p.nextToken();
      CanonicalJson value = null;
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].equals(name)) {
          if (value == null) {
            value = CanonicalJson.ofUtf8(writer.writeUtf8(p));
          }
          values[i] = value;
        }
      }
      if (value == null) {
        writer.skip(p);
      }
    }
    return values;
  }

  /** A column's value for the insert, failing the row as the tree path does on NOT NULL. */
  Object column(CanonicalJson[] values, int index) throws ValueError {
    CanonicalJson v = values[index];
    if (v == null && !nullable[index]) {
      throw ValueConverter.nullInNonNullable();
    }
    return v;
  }
}
