package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.TokenCursor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CREATE / DROP / SHOW FILE FORMAT: named formats that COPY's {@code FILE_FORMAT = (FORMAT_NAME =
 * 'x')} refers to. Named formats are visible to every role (a simplification).
 */
final class FileFormatDdl {
  private final Catalog catalog;
  private final SchemaObjects objects;
  private final Clock clock;

  FileFormatDdl(Catalog catalog, SchemaObjects objects, Clock clock) {
    this.catalog = catalog;
    this.objects = objects;
    this.clock = clock;
  }

  StatementResult.Rows create(SessionState session, TokenCursor c) {
    DdlHeader head = DdlHeader.create(session, c, "FILE", "FORMAT");
    OptionList options = OptionList.parse(c, Set.of());
    c.expectEnd();
    if ("JSON".equalsIgnoreCase(options.text("TYPE"))) {
      JsonFormat.from(options); // reject what COPY would reject, now
    }
    head.requireCreatePrivilege(catalog, session, "CREATE FILE FORMAT");
    // One step from the check to the new definition, so racing creators see each other's.
    return objects.atomically(
        () -> {
          boolean exists = objects.find(SchemaObjects.Kind.FILE_FORMAT, head.name()).isPresent();
          if (exists) {
            if (head.ifExistsClause()) {
              return head.alreadyExists();
            }
            if (!head.orReplace()) {
              throw SnowflakeError.alreadyExists(head.name().name());
            }
          }
          objects.put(
              SchemaObjects.Kind.FILE_FORMAT,
              head.name(),
              session.role(),
              options.text("COMMENT"),
              Map.of(FileFormats.OPTIONS_KEY, options.toText()),
              clock.instant());
          head.recordCreated(catalog, session, "FILE FORMAT", exists);
          return StatementResult.Rows.status(
              "File format " + head.name().name() + " successfully created.");
        });
  }

  StatementResult.Rows drop(SessionState session, TokenCursor c) {
    DdlHeader head = DdlHeader.drop(session, c, "FILE", "FORMAT");
    if (!objects.remove(SchemaObjects.Kind.FILE_FORMAT, head.name())) {
      if (head.ifExistsClause()) {
        return head.alreadyDropped();
      }
      throw SnowflakeError.containerMissing("File format", head.name().toString());
    }
    head.recordDropped(catalog, "FILE FORMAT");
    return head.dropped();
  }

  StatementResult.Rows show(SessionState session, TokenCursor c) {
    c.expect("SHOW", "FILE", "FORMATS");
    ShowFilter filter = ShowFilter.parse(session, c);
    List<List<String>> rows = new ArrayList<>();
    for (SchemaObjects.Entry f :
        objects.list(SchemaObjects.Kind.FILE_FORMAT, filter.database(), filter.schema())) {
      if (rows.size() < filter.limit() && filter.matches(f.name().name())) {
        String text = f.body().get(FileFormats.OPTIONS_KEY);
        String type = OptionList.parseText(text).text("TYPE");
        rows.add(
            Arrays.asList(
                ShowFilter.timestamp(f.createdOn()),
                f.name().name(),
                f.name().database(),
                f.name().schema(),
                type == null ? "CSV" : type.toUpperCase(Locale.ROOT),
                f.owner(),
                f.comment() == null ? "" : f.comment(),
                text,
                "ROLE"));
      }
    }
    return new StatementResult.Rows(
        ShowFilter.columns(
            "created_on",
            "name",
            "database_name",
            "schema_name",
            "type",
            "owner",
            "comment",
            "format_options",
            "owner_role_type"),
        rows,
        StageDdl.SHOW_STATEMENT_TYPE);
  }
}
