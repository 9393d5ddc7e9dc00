package io.floe.connector.snowflake;

import java.security.PrivateKey;
import java.util.Map;

/**
 * Everything needed to reach one Snowflake account as the connector's user. Built from the
 * connector configuration; holds the private key, so it must never be logged ({@link #toString}
 * leaves it out).
 *
 * @param scheme https for Snowflake, http for the local Snowflake
 * @param account the account name used in JWT claims (e.g. XY12345 or ORG-ACCT)
 * @param role null for the user's default role
 * @param jdbcOverrides extra JDBC properties from snowflake.jdbc.map and the proxy's (see {@link
 *     HttpProxy}, which Snowpipe REST calls follow too)
 */
public record SessionSettings(
    String scheme,
    String host,
    int port,
    String account,
    String user,
    PrivateKey privateKey,
    String role,
    String database,
    String schema,
    Map<String, String> jdbcOverrides) {

  public String jdbcUrl() {
    return "jdbc:snowflake://"
        + host
        + ":"
        + port
        + "/"
        + ("http".equals(scheme) ? "?ssl=off" : "");
  }

  @Override
  public String toString() {
    return "SessionSettings["
        + scheme
        + "://"
        + host
        + ":"
        + port
        + ", account="
        + account
        + ", user="
        + user
        + ", role="
        + role
        + ", database="
        + database
        + ", schema="
        + schema
        + "]";
  }
}
