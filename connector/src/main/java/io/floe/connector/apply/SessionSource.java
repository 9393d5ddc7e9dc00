package io.floe.connector.apply;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the applier's sessions come from: {@code Connections::open} in a task (a session of its
 * own, not a per-thread one), the local Snowflake's login in tests.
 */
@FunctionalInterface
public interface SessionSource {
  Connection open() throws SQLException;
}
