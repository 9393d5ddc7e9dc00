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
 * @param privateKey the key-pair credential; null under OAuth
 * @param role null for the user's default role
 * @param jdbcOverrides extra JDBC properties from snowflake.jdbc.map and the proxy's (see {@link
 *     HttpProxy}, which Snowpipe REST calls follow too)
 * @param oauth the OAuth access-token source (shared by the sessions and Snowpipe calls built from
 *     these settings); null for key-pair authentication
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
    Map<String, String> jdbcOverrides,
    OAuthTokens oauth) {

  /** Key-pair authentication. */
  public SessionSettings(
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
    this(
        scheme, host, port, account, user, privateKey, role, database, schema, jdbcOverrides, null);
  }

  public boolean oauthAuthentication() {
    return oauth != null;
  }

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
        + (oauth != null ? ", authenticator=oauth" : "")
        + ", role="
        + role
        + ", database="
        + database
        + ", schema="
        + schema
        + "]";
  }
}
