package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.TokenCursor;
import java.time.Instant;
import java.util.List;

/**
 * A pipe: its COPY statement's text verbatim (DESC PIPE shows it and connectors compare it) and an
 * id that changes when the pipe is recreated, which is what separates load histories.
 */
record Pipe(
    long id, ObjectName name, String owner, String comment, String definition, Instant createdOn) {

  /** The pipe's COPY; unqualified names in it resolve in the pipe's own schema. */
  CopyStatement copy() {
    return CopyParser.parse(new TokenCursor(null, definition, List.of()));
  }

  /** A session in the pipe's schema acting as {@code role} (the owner's, when loading). */
  SessionState session(String user, String role) {
    return new SessionState(user, role, name.database(), name.schema(), null);
  }
}
