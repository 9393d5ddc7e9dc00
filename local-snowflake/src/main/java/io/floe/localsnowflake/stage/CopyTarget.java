package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import io.floe.localsnowflake.core.Catalog.TableInfo;
import java.util.List;

/** Everything about a COPY except which files it reads: table, columns, mapping, format, source. */
record CopyTarget(
    TableInfo table,
    List<ColumnInfo> columns,
    RowProjection projection,
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
