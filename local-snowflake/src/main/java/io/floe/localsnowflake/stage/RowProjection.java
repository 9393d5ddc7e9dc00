package io.floe.localsnowflake.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import java.util.List;
import java.util.Map;

/** How one JSON document becomes the values of a COPY's target columns, column by column. */
interface RowProjection {

  /** The value for target column {@code index}; null is SQL NULL. */
  JsonNode value(int index, JsonNode document, String fileName, long rowNumber) throws ValueError;

  /** A transforming SELECT list (or the whole document), positionally. */
  static RowProjection of(List<LoadExpression> expressions) {
    return (index, document, fileName, rowNumber) ->
        expressions.get(index).evaluate(document, fileName, rowNumber);
  }

  /**
   * MATCH_BY_COLUMN_NAME: each column takes the document's top-level field of the same name; absent
   * fields (or a document that is not an object) give NULL.
   */
  static RowProjection byColumnName(List<ColumnInfo> columns, boolean caseSensitive) {
    return (index, document, fileName, rowNumber) -> {
      if (!document.isObject()) {
        return null;
      }
      String column = columns.get(index).name();
      if (caseSensitive) {
        return document.get(column);
      }
      for (Map.Entry<String, JsonNode> field : document.properties()) {
        if (field.getKey().equalsIgnoreCase(column)) {
          return field.getValue();
        }
      }
      return null;
    };
  }
}
