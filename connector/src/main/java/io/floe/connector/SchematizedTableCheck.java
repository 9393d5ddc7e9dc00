package io.floe.connector;

import io.floe.connector.config.ConfigProblem;
import io.floe.connector.config.TargetTables.Target;
import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;
import io.floe.connector.snowflake.SnowflakeClient.Column;
import io.floe.connector.table.SchematizedTables;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the existing tables the configuration names can take schematized rows, checked as a task
 * checks them when it prepares a table ({@link SchematizedTables#check}), so that a table Floe
 * cannot fill is reported at {@code validate()} on the setting that names it rather than when the
 * task starts. Tables that do not exist yet are fine (Floe creates them); tables that cannot be
 * described are left to the task, which reports what it is refused.
 */
final class SchematizedTableCheck {
  private SchematizedTableCheck() {}

  static List<ConfigProblem> problems(
      Statement s, List<Target> targets, String database, String schema) {
    List<ConfigProblem> out = new ArrayList<>();
    for (Target target : targets) {
      ObjectRef table = target.table().toObjectRef(database, schema);
      Optional<List<Column>> columns;
      try {
        columns = SnowflakeClient.describeTable(s, table);
      } catch (SQLException e) {
        continue;
      }
      try {
        columns.ifPresent(c -> SchematizedTables.check(table, c));
      } catch (FloeException e) {
        out.add(new ConfigProblem(target.key(), e.getMessage()));
      }
    }
    return out;
  }
}
