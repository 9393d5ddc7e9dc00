package io.floe.connector.config;

import java.util.List;
import java.util.Optional;

/**
 * Checks, during {@code validate}, that Floe can really work with the configured Snowflake account:
 * log in, use the database and schema, and has the privileges it needs. {@link ConnectorValidator}
 * calls it only when every connection setting is individually valid and none is given through an
 * unresolved config provider reference.
 *
 * <p>Implementations report each problem against the setting the user has to change, for example an
 * unknown database against {@code snowflake.database.name}, missing privileges against {@code
 * snowflake.role.name} or {@code snowflake.schema.name}, a refused login against {@code
 * snowflake.user.name} and {@code snowflake.private.key} (citing {@link SnowflakeKey#fingerprint()}
 * so users can compare it with {@code DESC USER}).
 */
@FunctionalInterface
public interface ConnectionCheck {
  /** A check that accepts everything, for when no connection can or should be made. */
  ConnectionCheck NONE = settings -> List.of();

  /**
   * @return the problems found; empty when the connection works
   */
  List<ConfigProblem> check(ConnectionSettings settings);

  /**
   * The same, knowing the connector's name (Connect's {@code name} setting), so that a check can
   * also look at the Snowflake objects Floe would create for it.
   */
  default List<ConfigProblem> check(ConnectionSettings settings, Optional<String> connectorName) {
    return check(settings);
  }

  /**
   * The same, also checking the existing tables among {@code schematizedTables} (the tables the
   * configured topics map to, when {@code snowflake.enable.schematization=true}; else empty) can
   * take schematized rows, each problem reported on the target's key.
   */
  default List<ConfigProblem> check(
      ConnectionSettings settings,
      Optional<String> connectorName,
      List<TargetTables.Target> schematizedTables) {
    return check(settings, connectorName);
  }
}
