package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.TokenCursor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CREATE / DROP / SHOW / DESC STAGE for internal named stages. A stage's FILE_FORMAT and
 * COPY_OPTIONS are stored as option text and apply to COPYs that do not set their own.
 */
final class StageDdl {
  static final long SHOW_STATEMENT_TYPE = 0x4400;
  static final long DESCRIBE_STATEMENT_TYPE = 0x4500;

  private static final Set<String> CREATE_OPTIONS =
      Set.of("FILE_FORMAT", "COPY_OPTIONS", "COMMENT", "ENCRYPTION", "DIRECTORY");

  private final Catalog catalog;
  private final SchemaObjects objects;
  private final StageStorage storage;
  private final Clock clock;

  StageDdl(Catalog catalog, SchemaObjects objects, StageStorage storage, Clock clock) {
    this.catalog = catalog;
    this.objects = objects;
    this.storage = storage;
    this.clock = clock;
  }

  StatementResult.Rows create(SessionState session, TokenCursor c) {
    DdlHeader head = DdlHeader.create(session, c, "STAGE");
    OptionList options = OptionList.parse(c, Set.of());
    c.expectEnd();
    for (String external : List.of("URL", "STORAGE_INTEGRATION", "CREDENTIALS")) {
      if (options.has(external)) {
        throw SnowflakeError.unsupported("external stages (" + external + ")");
      }
    }
    options.requireOnly("CREATE STAGE", CREATE_OPTIONS);
    OptionList directory = options.nested("DIRECTORY");
    if (directory != null && directory.bool("ENABLE", false)) {
      throw SnowflakeError.unsupported("directory tables on stages");
    }
    Map<String, String> body = new HashMap<>();
    if (options.nested("FILE_FORMAT") != null) {
      body.put(StageAccess.FILE_FORMAT_KEY, options.nested("FILE_FORMAT").toText());
    }
    if (options.nested("COPY_OPTIONS") != null) {
      body.put(StageAccess.COPY_OPTIONS_KEY, options.nested("COPY_OPTIONS").toText());
    }
    // One step from the check to the new definition: a session that found no stage must not
    // empty the one another session created (and PUT files into) meanwhile.
    return objects.atomically(() -> create(session, head, options.text("COMMENT"), body));
  }

  private StatementResult.Rows create(
      SessionState session, DdlHeader head, String comment, Map<String, String> body) {
    head.requireCreatePrivilege(catalog, session, "CREATE STAGE");
    boolean exists = objects.find(SchemaObjects.Kind.STAGE, head.name()).isPresent();
    if (exists) {
      if (head.ifExistsClause()) {
        return head.alreadyExists();
      }
      if (!head.orReplace()) {
        throw SnowflakeError.alreadyExists(head.name().name());
      }
    }
    storage.drop(location(head)); // a replaced internal stage loses its files
    objects.put(
        SchemaObjects.Kind.STAGE, head.name(), session.role(), comment, body, clock.instant());
    head.recordCreated(catalog, session, "STAGE", exists);
    return StatementResult.Rows.status(
        "Stage area " + head.name().name() + " successfully created.");
  }

  StatementResult.Rows drop(SessionState session, TokenCursor c) {
    DdlHeader head = DdlHeader.drop(session, c, "STAGE");
    var stage =
        objects
            .find(SchemaObjects.Kind.STAGE, head.name())
            .filter(
                s ->
                    Ownership.allowed(
                        catalog, session, s.owner(), "OWNERSHIP", "STAGE", head.name()));
    if (stage.isEmpty()) {
      if (head.ifExistsClause()) {
        return head.alreadyDropped();
      }
      throw SnowflakeError.containerMissing("Stage", head.name().toString());
    }
    objects.remove(SchemaObjects.Kind.STAGE, head.name());
    storage.drop(location(head));
    head.recordDropped(catalog, "STAGE");
    return head.dropped();
  }

  StatementResult.Rows show(SessionState session, TokenCursor c) {
    c.expect("SHOW", "STAGES");
    ShowFilter filter = ShowFilter.parse(session, c);
    List<List<String>> rows = new ArrayList<>();
    for (SchemaObjects.Entry s :
        objects.list(SchemaObjects.Kind.STAGE, filter.database(), filter.schema())) {
      if (rows.size() < filter.limit() && filter.matches(s.name().name()) && visible(session, s)) {
        rows.add(
            Arrays.asList(
                ShowFilter.timestamp(s.createdOn()),
                s.name().name(),
                s.name().database(),
                s.name().schema(),
                "",
                "N",
                "N",
                s.owner(),
                s.comment() == null ? "" : s.comment(),
                null,
                "INTERNAL",
                null,
                null,
                null,
                null,
                "ROLE",
                "N"));
      }
    }
    return new StatementResult.Rows(
        ShowFilter.columns(
            "created_on",
            "name",
            "database_name",
            "schema_name",
            "url",
            "has_credentials",
            "has_encryption_key",
            "owner",
            "comment",
            "region",
            "type",
            "cloud",
            "notification_channel",
            "storage_integration",
            "endpoint",
            "owner_role_type",
            "directory_enabled"),
        rows,
        SHOW_STATEMENT_TYPE);
  }

  StatementResult.Rows describe(SessionState session, TokenCursor c) {
    c.next(); // DESC or DESCRIBE
    c.expect("STAGE");
    var name = c.objectName().in(session);
    c.expectEnd();
    SchemaObjects.Entry stage =
        objects
            .find(SchemaObjects.Kind.STAGE, name)
            .filter(s -> visible(session, s))
            .orElseThrow(() -> SnowflakeError.containerMissing("Stage", name.toString()));
    OptionList format = optionList(stage, StageAccess.FILE_FORMAT_KEY);
    OptionList copy = optionList(stage, StageAccess.COPY_OPTIONS_KEY);
    List<List<String>> rows = new ArrayList<>();
    rows.add(property("STAGE_FILE_FORMAT", "TYPE", "String", text(format, "TYPE", "CSV"), "CSV"));
    for (String key : format.values().keySet()) {
      if (!key.equals("TYPE")) {
        rows.add(property("STAGE_FILE_FORMAT", key, "String", text(format, key, ""), ""));
      }
    }
    rows.add(
        property(
            "STAGE_COPY_OPTIONS",
            "ON_ERROR",
            "String",
            text(copy, "ON_ERROR", "ABORT_STATEMENT"),
            "ABORT_STATEMENT"));
    rows.add(
        property("STAGE_COPY_OPTIONS", "PURGE", "Boolean", text(copy, "PURGE", "false"), "false"));
    rows.add(
        property("STAGE_COPY_OPTIONS", "FORCE", "Boolean", text(copy, "FORCE", "false"), "false"));
    rows.add(
        property(
            "STAGE_COPY_OPTIONS",
            "MATCH_BY_COLUMN_NAME",
            "String",
            text(copy, "MATCH_BY_COLUMN_NAME", "NONE"),
            "NONE"));
    rows.add(property("STAGE_LOCATION", "URL", "String", "", ""));
    rows.add(property("DIRECTORY", "ENABLE", "Boolean", "false", "false"));
    return new StatementResult.Rows(
        ShowFilter.columns(
            "parent_property", "property", "property_type", "property_value", "property_default"),
        rows,
        DESCRIBE_STATEMENT_TYPE);
  }

  private boolean visible(SessionState session, SchemaObjects.Entry stage) {
    return Ownership.allowed(catalog, session, stage.owner(), "READ", "STAGE", stage.name());
  }

  private static StageLocation location(DdlHeader head) {
    return new StageLocation(StageRef.Kind.NAMED, head.name(), "");
  }

  private static OptionList optionList(SchemaObjects.Entry stage, String key) {
    String text = stage.body().get(key);
    return text == null ? OptionList.empty() : OptionList.parseText(text);
  }

  private static String text(OptionList options, String key, String defaultValue) {
    OptionList.Value v = options.values().get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof OptionList.Scalar s) {
      return s.text();
    }
    return v instanceof OptionList.Nested n ? n.options().toText() : v.toString();
  }

  private static List<String> property(
      String parent, String property, String type, String value, String defaultValue) {
    return List.of(parent, property, type, value, defaultValue);
  }
}
