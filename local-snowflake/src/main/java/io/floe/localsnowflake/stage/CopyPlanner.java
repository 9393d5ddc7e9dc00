package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.Catalog.ColumnInfo;
import io.floe.localsnowflake.core.Catalog.TableInfo;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Compiles a COPY statement for a session: resolves the table (the session's role needs INSERT),
 * the stage, the file format and options, and maps the loaded values onto the target columns.
 */
final class CopyPlanner {
  private static final Set<String> SEMI_STRUCTURED = Set.of("VARIANT", "OBJECT", "ARRAY");

  private final Catalog catalog;
  private final StageAccess stages;
  private final FileFormats formats;

  CopyPlanner(Catalog catalog, StageAccess stages, FileFormats formats) {
    this.catalog = catalog;
    this.stages = stages;
    this.formats = formats;
  }

  CopyTarget plan(SessionState session, CopyStatement copy) {
    TableInfo table = catalog.table(session, copy.table(), "INSERT");
    StageAccess.ResolvedStage stage = stages.resolve(session, copy.source(), StageAccess.Use.LOAD);
    CopyOptions options = CopyOptions.from(copy.options(), stage.copyOptions());
    JsonFormat format =
        formats.resolve(session, copy.options().nested("FILE_FORMAT"), stage.fileFormat());
    List<ColumnInfo> columns = columns(table, copy.columns());
    RowProjection projection;
    StreamedProjection streamed = null;
    StreamedByName byName = null;
    if (copy.transforms() && !options.matchByColumnName().equals("NONE")) {
      // Snowflake refuses it since bundle 2024_02 (the error code is ours; the text is
      // Snowflake's).
      throw new SnowflakeError(
          "002099",
          "0A000",
          "SQL compilation error:\nmatch_by_column_name is not supported with copy transform.");
    }
    if (copy.transforms()) {
      if (copy.select().size() != columns.size()) {
        throw new SnowflakeError(
            "002020",
            "21S01",
            "SQL compilation error:\nInsert value list does not match column list expecting "
                + columns.size()
                + " but got "
                + copy.select().size());
      }
      projection = RowProjection.of(copy.select());
      streamed = StreamedProjection.of(copy.select(), columns, format);
    } else if (!options.matchByColumnName().equals("NONE")) {
      boolean caseSensitive = options.matchByColumnName().equals("CASE_SENSITIVE");
      projection = RowProjection.byColumnName(columns, caseSensitive);
      byName = StreamedByName.of(columns, format, caseSensitive);
    } else {
      if (columns.size() != 1
          || !SEMI_STRUCTURED.contains(ValueConverter.baseType(columns.get(0).type()))) {
        throw new SnowflakeError(
            "002019",
            "0A000",
            "SQL compilation error:\nJSON file format can produce one and only one column of type"
                + " variant, object, or array. Load data into separate columns using the"
                + " MATCH_BY_COLUMN_NAME copy option or copy with transformation.");
      }
      projection = RowProjection.of(List.of(LoadExpression.document()));
      streamed = StreamedProjection.of(List.of(LoadExpression.document()), columns, format);
    }
    return new CopyTarget(
        table, columns, projection, streamed, byName, format, stage.location(), options);
  }

  private static List<ColumnInfo> columns(TableInfo table, List<String> names) {
    if (names.isEmpty()) {
      return table.columns();
    }
    List<ColumnInfo> chosen = new ArrayList<>();
    for (String name : names) {
      ColumnInfo column =
          table.columns().stream()
              .filter(c -> c.name().equals(name))
              .findFirst()
              .orElseThrow(() -> SnowflakeError.invalidIdentifier(name));
      if (chosen.contains(column)) {
        throw new SnowflakeError(
            "002026", "42701", "SQL compilation error:\nduplicate column name '" + name + "'");
      }
      chosen.add(column);
    }
    return Collections.unmodifiableList(chosen);
  }
}
