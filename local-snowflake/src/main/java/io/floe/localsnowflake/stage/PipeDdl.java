package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * CREATE / DROP / SHOW / DESC PIPE. The pipe's COPY is compiled when the pipe is created (table,
 * stage and format must exist and the creating role must be able to load the table) and kept as
 * written.
 */
final class PipeDdl {
  /** Copy options Snowflake rejects in a pipe definition. */
  private static final List<String> NOT_IN_PIPES =
      List.of("FILES", "FORCE", "PURGE", "RETURN_FAILED_ONLY", "VALIDATION_MODE", "SIZE_LIMIT");

  private static final String[] COLUMNS = {
    "created_on",
    "name",
    "database_name",
    "schema_name",
    "definition",
    "owner",
    "notification_channel",
    "comment",
    "integration",
    "pattern",
    "error_integration",
    "owner_role_type",
    "invalid",
    "invalid_reason",
    "kind"
  };

  private final Catalog catalog;
  private final PipeRegistry pipes;
  private final CopyPlanner planner;
  private final Clock clock;

  PipeDdl(Catalog catalog, PipeRegistry pipes, CopyPlanner planner, Clock clock) {
    this.catalog = catalog;
    this.pipes = pipes;
    this.planner = planner;
    this.clock = clock;
  }

  StatementResult.Rows create(SessionState session, TokenCursor c) {
    DdlHeader head = DdlHeader.create(session, c, "PIPE");
    OptionList options = OptionList.parse(c, Set.of());
    options.requireOnly("CREATE PIPE", Set.of("AUTO_INGEST", "COMMENT"));
    if (options.bool("AUTO_INGEST", false)) {
      throw SnowflakeError.unsupported("AUTO_INGEST = TRUE (pipes load through the REST API)");
    }
    c.expect("AS");
    int copyStart = c.index();
    CopyStatement copy = CopyParser.parse(c);
    String definition = c.sourceBetween(copyStart, statementEnd(c));
    head.requireCreatePrivilege(catalog, session, "CREATE PIPE");
    for (String option : NOT_IN_PIPES) {
      if (copy.options().has(option)) {
        throw notInPipe(option);
      }
    }
    if (copy.source().kind() == StageRef.Kind.USER) {
      throw notInPipe("A user stage (@~)");
    }
    String onError = copy.options().text("ON_ERROR");
    if (onError != null && OnError.parse(onError).mode() == OnError.Mode.ABORT_STATEMENT) {
      throw notInPipe("ON_ERROR = ABORT_STATEMENT");
    }
    // One step from the check to the new definition, so racing creators see each other's pipe.
    return pipes.atomically(
        () -> {
          var existing = pipes.find(head.name());
          if (existing.isPresent()) {
            if (head.ifExistsClause()) {
              return head.alreadyExists();
            }
            if (!head.orReplace()) {
              throw SnowflakeError.alreadyExists(head.name().name());
            }
          }
          Pipe draft = new Pipe(0, head.name(), session.role(), null, definition, clock.instant());
          planner.plan(draft.session(session.user(), session.role()), copy);
          pipes.create(
              head.name(), session.role(), options.text("COMMENT"), definition, clock.instant());
          head.recordCreated(catalog, session, "PIPE", existing.isPresent());
          return StatementResult.Rows.status(
              "Pipe " + head.name().name() + " successfully created.");
        });
  }

  StatementResult.Rows drop(SessionState session, TokenCursor c) {
    DdlHeader head = DdlHeader.drop(session, c, "PIPE");
    var pipe =
        pipes
            .find(head.name())
            .filter(
                p -> Ownership.allowed(catalog, session, p.owner(), "OWNERSHIP", "PIPE", p.name()));
    if (pipe.isEmpty()) {
      if (head.ifExistsClause()) {
        return head.alreadyDropped();
      }
      throw SnowflakeError.containerMissing("Pipe", head.name().toString());
    }
    pipes.drop(head.name());
    head.recordDropped(catalog, "PIPE");
    return head.dropped();
  }

  StatementResult.Rows show(SessionState session, TokenCursor c) {
    c.expect("SHOW", "PIPES");
    ShowFilter filter = ShowFilter.parse(session, c);
    List<List<String>> rows = new ArrayList<>();
    for (Pipe p : pipes.list(filter.database(), filter.schema())) {
      if (rows.size() < filter.limit() && filter.matches(p.name().name()) && visible(session, p)) {
        rows.add(row(p));
      }
    }
    return new StatementResult.Rows(
        ShowFilter.columns(COLUMNS), rows, StageDdl.SHOW_STATEMENT_TYPE);
  }

  StatementResult.Rows describe(SessionState session, TokenCursor c) {
    c.next(); // DESC or DESCRIBE
    c.expect("PIPE");
    var name = c.objectName().in(session);
    c.expectEnd();
    Pipe pipe =
        pipes
            .find(name)
            .filter(p -> visible(session, p))
            .orElseThrow(() -> SnowflakeError.containerMissing("Pipe", name.toString()));
    return new StatementResult.Rows(
        ShowFilter.columns(COLUMNS), List.of(row(pipe)), StageDdl.DESCRIBE_STATEMENT_TYPE);
  }

  private boolean visible(SessionState session, Pipe p) {
    return Ownership.allowed(catalog, session, p.owner(), "MONITOR", "PIPE", p.name())
        || Ownership.allowed(catalog, session, p.owner(), "OPERATE", "PIPE", p.name());
  }

  private static List<String> row(Pipe p) {
    return Arrays.asList(
        ShowFilter.timestamp(p.createdOn()),
        p.name().name(),
        p.name().database(),
        p.name().schema(),
        p.definition(),
        p.owner(),
        null,
        p.comment() == null ? "" : p.comment(),
        null,
        p.copy().options().text("PATTERN"),
        null,
        "ROLE",
        "false",
        null,
        "STAGE");
  }

  /** The index of the statement's closing ';' or of its end. */
  private static int statementEnd(TokenCursor c) {
    List<Token> tokens = c.tokens();
    int end = tokens.size() - 1;
    return end > 0 && tokens.get(end - 1).isSymbol(";") ? end - 1 : end;
  }

  private static SnowflakeError notInPipe(String option) {
    return new SnowflakeError(
        "002012",
        "0A000",
        "SQL compilation error:\n" + option + " is not supported in a pipe definition.");
  }
}
