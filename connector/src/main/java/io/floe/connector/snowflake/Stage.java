package io.floe.connector.snowflake;

/**
 * A stage as SQL names it after the {@code @}: a named internal stage ({@code DB.SCH.STAGE}) or a
 * table's stage ({@code DB.SCH.%TABLE}). LIST prints paths differently for the two.
 */
public record Stage(String sql, boolean tableStage) {

  public static Stage named(ObjectRef stage) {
    return new Stage(stage.sql(), false);
  }

  public static Stage ofTable(ObjectRef table) {
    return new Stage(
        table.database().sql() + "." + table.schema().sql() + ".%" + table.name().sql(), true);
  }

  /**
   * The path below the stage for a name as LIST prints it: named stages prefix it with the
   * lower-cased stage name and a slash, table stages print the bare path.
   */
  String pathOf(String listedName) {
    if (tableStage) {
      return listedName;
    }
    int slash = listedName.indexOf('/');
    return slash < 0 ? listedName : listedName.substring(slash + 1);
  }

  @Override
  public String toString() {
    return "@" + sql;
  }
}
