package io.floe.connector.table;

import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.Stage;
import java.util.Locale;

/**
 * The Snowflake objects Floe uses for one target table, named deterministically so that every task
 * and every restart finds the same ones:
 *
 * <ul>
 *   <li>stage {@code FLOE_<CONNECTOR>_STAGE_<TABLE>}, in the table's schema;
 *   <li>pipe {@code FLOE_<CONNECTOR>_PIPE_<TABLE>}, one per table (not per partition: a pipe per
 *       partition multiplies Snowpipe's cost without adding safety, since load metadata is keyed by
 *       file path and every path is unique to its topic and partition);
 *   <li>files {@code <topic>/<partition>/<first offset>_<last offset>.json.gz} on the stage.
 * </ul>
 *
 * {@code CONNECTOR} and {@code TABLE} are upper-cased with anything outside {@code [A-Z0-9_]}
 * replaced by {@code _}, so distinct connector names can map to the same objects; {@link
 * StageOwner} keeps them apart.
 */
public record TableObjects(ObjectRef table, ObjectRef stage, ObjectRef pipe) {

  public static TableObjects of(String connectorName, ObjectRef table) {
    String name = identifierPart(table.name().resolved());
    return new TableObjects(
        table,
        table.sibling(stageNamePrefix(connectorName) + name),
        table.sibling("FLOE_" + identifierPart(connectorName) + "_PIPE_" + name));
  }

  /** The start of the names of all of {@code connectorName}'s stages. */
  public static String stageNamePrefix(String connectorName) {
    return "FLOE_" + identifierPart(connectorName) + "_STAGE_";
  }

  public Stage namedStage() {
    return Stage.named(stage);
  }

  public Stage tableStage() {
    return Stage.ofTable(table);
  }

  /** The pipe's COPY: each staged JSON line's meta and content into the two VARIANT columns. */
  public String copyStatement() {
    return "copy into "
        + table.sql()
        + "(RECORD_METADATA, RECORD_CONTENT) from (select $1:meta, $1:content from @"
        + stage.sql()
        + " t) file_format = (type = 'json')";
  }

  /**
   * The pipe's COPY for schematized tables: each staged line's top-level keys into the columns of
   * exactly those names (Floe writes each key as the column's stored name, so matching by case
   * keeps Floe's view of the columns and Snowflake's the same). No transform: Snowflake refuses one
   * with MATCH_BY_COLUMN_NAME.
   */
  public String columnsCopyStatement() {
    return "copy into "
        + table.sql()
        + " from @"
        + stage.sql()
        + " file_format = (type = 'json') match_by_column_name = case_sensitive";
  }

  static String identifierPart(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(upper.length());
    for (int i = 0; i < upper.length(); i++) {
      char c = upper.charAt(i);
      b.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    return b.toString();
  }
}
