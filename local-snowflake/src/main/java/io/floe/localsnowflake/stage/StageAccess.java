package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.Catalog.TableInfo;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;

/**
 * Resolves a stage reference for a session: fills in the session's database and schema, checks that
 * the stage exists and that the session's role may use it, and returns the stage's stored
 * FILE_FORMAT and COPY_OPTIONS. A stage the role may not use is reported as missing, as Snowflake
 * does.
 */
final class StageAccess {
  static final String FILE_FORMAT_KEY = "file_format";
  static final String COPY_OPTIONS_KEY = "copy_options";

  /** A usable stage location with the stage's defaults (empty for table and user stages). */
  record ResolvedStage(StageLocation location, OptionList fileFormat, OptionList copyOptions) {}

  /** What the statement does with the stage. */
  enum Use {
    /** LIST, GET, COPY: Snowflake's READ privilege on named stages. */
    READ("READ", "OWNERSHIP"),
    /** PUT, REMOVE: WRITE. */
    WRITE("WRITE", "OWNERSHIP"),
    /** The source of a COPY: a table stage may be read by whoever may load the table. */
    LOAD("READ", "INSERT");

    private final String stagePrivilege;
    private final String tablePrivilege;

    Use(String stagePrivilege, String tablePrivilege) {
      this.stagePrivilege = stagePrivilege;
      this.tablePrivilege = tablePrivilege;
    }
  }

  private final Catalog catalog;
  private final SchemaObjects objects;

  StageAccess(Catalog catalog, SchemaObjects objects) {
    this.catalog = catalog;
    this.objects = objects;
  }

  ResolvedStage resolve(SessionState session, StageRef ref, Use use) {
    return switch (ref.kind()) {
      case USER ->
          new ResolvedStage(
              new StageLocation(
                  StageRef.Kind.USER, new ObjectName(null, null, session.user()), ref.path()),
              OptionList.empty(),
              OptionList.empty());
      case TABLE -> {
        TableInfo table = catalog.table(session, ref.name(), use.tablePrivilege);
        yield new ResolvedStage(
            new StageLocation(StageRef.Kind.TABLE, table.name(), ref.path()),
            OptionList.empty(),
            OptionList.empty());
      }
      case NAMED -> named(session, ref, use);
    };
  }

  private ResolvedStage named(SessionState session, StageRef ref, Use use) {
    ObjectName name = ref.name().in(session);
    SchemaObjects.Entry stage =
        objects
            .find(SchemaObjects.Kind.STAGE, name)
            .filter(
                s ->
                    Ownership.allowed(
                        catalog, session, s.owner(), use.stagePrivilege, "STAGE", name))
            .orElseThrow(() -> SnowflakeError.containerMissing("Stage", name.toString()));
    return new ResolvedStage(
        new StageLocation(StageRef.Kind.NAMED, name, ref.path()),
        options(stage, FILE_FORMAT_KEY),
        options(stage, COPY_OPTIONS_KEY));
  }

  private static OptionList options(SchemaObjects.Entry stage, String key) {
    String text = stage.body().get(key);
    return text == null ? OptionList.empty() : OptionList.parseText(text);
  }
}
