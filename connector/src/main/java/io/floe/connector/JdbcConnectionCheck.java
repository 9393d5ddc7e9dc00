package io.floe.connector;

import io.floe.connector.config.ConfigProblem;
import io.floe.connector.config.ConnectionCheck;
import io.floe.connector.config.ConnectionSettings;
import io.floe.connector.config.ConnectorValidator;
import io.floe.connector.config.FloeSinkConfig;
import io.floe.connector.config.TargetTables.Target;
import io.floe.connector.snowflake.Connections;
import io.floe.connector.snowflake.SqlName;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The live part of config validation: logs in with the configured key, uses the database and
 * schema, checks the role's privileges, that the connector's name does not map to another
 * connector's objects and, with schematization, that existing target tables can take its rows,
 * reporting each failure against the setting the user has to change.
 */
final class JdbcConnectionCheck implements ConnectionCheck {

  @Override
  public List<ConfigProblem> check(ConnectionSettings settings) {
    return check(settings, Optional.empty());
  }

  @Override
  public List<ConfigProblem> check(ConnectionSettings settings, Optional<String> connectorName) {
    return check(settings, connectorName, List.of());
  }

  @Override
  public List<ConfigProblem> check(
      ConnectionSettings settings, Optional<String> connectorName, List<Target> schematized) {
    List<ConfigProblem> problems = new ArrayList<>();
    Connections connections = new Connections(settings.session());
    try (Connection c = connections.openChecked();
        Statement s = c.createStatement()) {
      if (!use(s, "database", settings.database())) {
        problems.add(
            new ConfigProblem(
                FloeSinkConfig.SNOWFLAKE_DATABASE,
                "Database '"
                    + settings.database()
                    + "' does not exist or the role "
                    + role(settings)
                    + " has no USAGE on it. "
                    + ErrorCode.FLOE_2002.remedy()));
      } else if (!use(s, "schema", settings.schema())) {
        problems.add(
            new ConfigProblem(
                FloeSinkConfig.SNOWFLAKE_SCHEMA,
                "Schema '"
                    + settings.database()
                    + "."
                    + settings.schema()
                    + "' does not exist"
                    + " or the role "
                    + role(settings)
                    + " has no USAGE on it. "
                    + ErrorCode.FLOE_2002.remedy()));
      } else {
        SchemaPrivilegeCheck.missing(
                s,
                SqlName.parse(settings.database()).resolved(),
                SqlName.parse(settings.schema()).resolved())
            .ifPresent(
                m ->
                    problems.add(
                        new ConfigProblem(
                            FloeSinkConfig.SNOWFLAKE_ROLE, ErrorCode.FLOE_2003.id() + " " + m)));
        connectorName
            .flatMap(name -> ConnectorNameCheck.conflict(s, name))
            .ifPresent(
                m ->
                    problems.add(
                        new ConfigProblem(
                            ConnectorValidator.CONNECTOR_NAME,
                            ErrorCode.FLOE_0030.id()
                                + " "
                                + m
                                + " "
                                + ErrorCode.FLOE_0030.remedy())));
        problems.addAll(
            SchematizedTableCheck.problems(s, schematized, settings.database(), settings.schema()));
      }
    } catch (FloeException e) {
      switch (e.code()) {
        case FLOE_1020 ->
            problems.add(
                new ConfigProblem(FloeSinkConfig.SNOWFLAKE_OAUTH_REFRESH_TOKEN, e.getMessage()));
        case FLOE_1021 -> {
          problems.add(new ConfigProblem(FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_ID, e.getMessage()));
          problems.add(
              new ConfigProblem(FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_SECRET, e.getMessage()));
        }
        case FLOE_1002 -> {
          if (settings.key() == null) {
            // OAuth: Snowflake took the token endpoint's access token but refused the login.
            problems.add(
                new ConfigProblem(
                    FloeSinkConfig.SNOWFLAKE_USER,
                    e.getMessage()
                        + " With OAuth, snowflake.user.name must be the user the refresh token"
                        + " was issued to."));
            break;
          }
          String detail =
              "Snowflake refused the login of user '"
                  + settings.user()
                  + "' with the key whose"
                  + " public key fingerprint is "
                  + settings.key().fingerprint()
                  + ". "
                  + ErrorCode.FLOE_1002.remedy();
          problems.add(new ConfigProblem(FloeSinkConfig.SNOWFLAKE_USER, detail));
          problems.add(new ConfigProblem(FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY, detail));
        }
        case FLOE_1003 ->
            problems.add(new ConfigProblem(FloeSinkConfig.SNOWFLAKE_ROLE, e.getMessage()));
        default -> problems.add(new ConfigProblem(FloeSinkConfig.SNOWFLAKE_URL, e.getMessage()));
      }
    } catch (SQLException e) {
      problems.add(new ConfigProblem(FloeSinkConfig.SNOWFLAKE_URL, e.getMessage()));
    }
    return problems;
  }

  private static boolean use(Statement s, String kind, String name) throws SQLException {
    try {
      s.execute("use " + kind + " " + SqlName.parse(name).sql());
      return true;
    } catch (SQLException e) {
      if (e.getErrorCode() == 2003 || e.getErrorCode() == 3001) {
        return false;
      }
      throw e;
    }
  }

  private static String role(ConnectionSettings settings) {
    return settings.role().map(r -> "'" + r + "'").orElse("(the user's default role)");
  }
}
