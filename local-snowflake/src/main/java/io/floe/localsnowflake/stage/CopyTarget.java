package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import io.floe.localsnowflake.core.Catalog.TableInfo;
import java.util.List;

/**
 * Everything about a COPY except which files it reads: table, columns, mapping, format, source.
 * {@code streamed} is the fast form of {@code projection}, or null when the COPY needs the tree;
 * {@code byName} is the fast form of a MATCH_BY_COLUMN_NAME projection (null otherwise).
 */
record CopyTarget(
    TableInfo table,
    List<ColumnInfo> columns,
    RowProjection projection,
    StreamedProjection streamed,
    StreamedByName byName,
    JsonFormat format,
    StageLocation location,
    CopyOptions options) {

  /** Snowflake names a failing column like {@code "T"["COL":2]} (1-based position). */
  String errorColumnName(int index) {
    return "\""
        + table.name().name()
        + "\"[\""
        + columns.get(index).name()
        + "\":"
        + (index + 1)
        + "]";
  }

  List<String> columnNames() {
    return columns.stream().map(ColumnInfo::name).toList();
  }
}
