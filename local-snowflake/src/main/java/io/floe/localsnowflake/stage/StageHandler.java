package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.StatementHandler;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.core.TokenCursor;
import java.util.Locale;

/**
 * The local Snowflake's stage and loading statements: PUT, GET, LIST/LS, REMOVE/RM, COPY INTO a
 * table, CREATE/DROP/SHOW/DESC STAGE and PIPE, and CREATE/DROP/SHOW FILE FORMAT. Placed first in
 * the router; it accepts nothing else.
 */
public final class StageHandler implements StatementHandler {
  private final StageDdl stages;
  private final PipeDdl pipes;
  private final FileFormatDdl fileFormats;
  private final StageFileCommands files;
  private final CopyExecutor copy;

  StageHandler(
      StageDdl stages,
      PipeDdl pipes,
      FileFormatDdl fileFormats,
      StageFileCommands files,
      CopyExecutor copy) {
    this.stages = stages;
    this.pipes = pipes;
    this.fileFormats = fileFormats;
    this.files = files;
    this.copy = copy;
  }

  private enum Command {
    PUT,
    GET,
    LIST,
    REMOVE,
    COPY,
    CREATE_STAGE,
    DROP_STAGE,
    SHOW_STAGES,
    DESC_STAGE,
    CREATE_PIPE,
    DROP_PIPE,
    SHOW_PIPES,
    DESC_PIPE,
    CREATE_FILE_FORMAT,
    DROP_FILE_FORMAT,
    SHOW_FILE_FORMATS
  }

  @Override
  public boolean accepts(TokenCursor statement) {
    return command(statement) != null;
  }

  @Override
  public StatementResult execute(SessionState session, TokenCursor statement) {
    Command command = command(statement);
    statement.reset(0);
    return switch (command) {
      case PUT -> files.put(session, statement);
      case GET -> files.get(session, statement);
      case LIST -> files.list(session, statement);
      case REMOVE -> files.remove(session, statement);
      case COPY -> copy.execute(session, CopyParser.parse(statement), statement.queryId());
      case CREATE_STAGE -> stages.create(session, statement);
      case DROP_STAGE -> stages.drop(session, statement);
      case SHOW_STAGES -> stages.show(session, statement);
      case DESC_STAGE -> stages.describe(session, statement);
      case CREATE_PIPE -> pipes.create(session, statement);
      case DROP_PIPE -> pipes.drop(session, statement);
      case SHOW_PIPES -> pipes.show(session, statement);
      case DESC_PIPE -> pipes.describe(session, statement);
      case CREATE_FILE_FORMAT -> fileFormats.create(session, statement);
      case DROP_FILE_FORMAT -> fileFormats.drop(session, statement);
      case SHOW_FILE_FORMATS -> fileFormats.show(session, statement);
    };
  }

  /** Recognises a command from its leading words only (nothing is consumed for good). */
  private static Command command(TokenCursor c) {
    int start = c.index();
    try {
      Token first = c.next();
      if (first.kind() != Token.Kind.WORD) {
        return null;
      }
      switch (first.text().toUpperCase(Locale.ROOT)) {
        case "PUT":
          return Command.PUT;
        case "GET":
          return Command.GET;
        case "LIST", "LS":
          return Command.LIST;
        case "REMOVE", "RM":
          return Command.REMOVE;
        case "COPY":
          return c.peek().is("INTO") ? Command.COPY : null;
        case "CREATE":
          c.accept("OR", "REPLACE");
          return kind(c, Command.CREATE_STAGE, Command.CREATE_PIPE, Command.CREATE_FILE_FORMAT);
        case "DROP":
          return kind(c, Command.DROP_STAGE, Command.DROP_PIPE, Command.DROP_FILE_FORMAT);
        case "SHOW":
          if (c.accept("STAGES")) {
            return Command.SHOW_STAGES;
          }
          if (c.accept("PIPES")) {
            return Command.SHOW_PIPES;
          }
          return c.accept("FILE", "FORMATS") ? Command.SHOW_FILE_FORMATS : null;
        case "DESC", "DESCRIBE":
          return kind(c, Command.DESC_STAGE, Command.DESC_PIPE, null);
        default:
          return null;
      }
    } finally {
      c.reset(start);
    }
  }

  private static Command kind(TokenCursor c, Command stage, Command pipe, Command fileFormat) {
    if (c.accept("STAGE")) {
      return stage;
    }
    if (c.accept("PIPE")) {
      return pipe;
    }
    return c.accept("FILE", "FORMAT") ? fileFormat : null;
  }
}
