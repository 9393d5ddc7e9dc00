package io.floe.connector.config;

import io.floe.connector.snowflake.OAuthTokens;
import io.floe.connector.snowflake.OAuthTokens.OAuthCredentials;
import io.floe.connector.snowflake.SessionSettings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to open a Snowflake session for this connector, parsed and checked. {@link
 * #toString()} never shows the key or passwords.
 *
 * @param url the account endpoint and account name
 * @param user {@code snowflake.user.name}
 * @param key the parsed {@code snowflake.private.key}; null under OAuth
 * @param oauth the OAuth client and refresh token when {@code snowflake.authenticator=oauth}
 * @param role {@code snowflake.role.name}, empty for the user's default role
 * @param database {@code snowflake.database.name}
 * @param schema {@code snowflake.schema.name}
 * @param jdbcProperties extra JDBC properties from {@code snowflake.jdbc.map}
 * @param proxy the proxy from {@code jvm.proxy.*}, if any
 */
public record ConnectionSettings(
    SnowflakeUrl url,
    String user,
    SnowflakeKey key,
    Optional<OAuthCredentials> oauth,
    Optional<String> role,
    String database,
    String schema,
    Map<String, String> jdbcProperties,
    Optional<ProxySettings> proxy) {

  public ConnectionSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(oauth, "oauth");
    if ((key == null) == oauth.isEmpty()) {
      throw new IllegalArgumentException("exactly one of a private key and OAuth credentials");
    }
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(schema, "schema");
    jdbcProperties = Map.copyOf(jdbcProperties);
    Objects.requireNonNull(proxy, "proxy");
  }

  /**
   * What the Snowflake client needs (under OAuth with a token source of its own: everything built
   * from one result shares its access tokens) to open sessions and call Snowpipe. The proxy, when
   * set, becomes the driver's proxy properties, from which Floe's Snowpipe REST client takes the
   * same proxy (HttpProxy), so every call follows it without JVM-wide system properties.
   */
  public SessionSettings session() {
    Map<String, String> jdbc = new java.util.LinkedHashMap<>(jdbcProperties);
    proxy.ifPresent(p -> jdbc.putAll(p.jdbcProperties()));
    return new SessionSettings(
        url.scheme(),
        url.host(),
        url.port(),
        url.account(),
        user,
        key == null ? null : key.privateKey(),
        role.orElse(null),
        database,
        schema,
        jdbc,
        oauth.map(o -> new OAuthTokens(o, jdbc)).orElse(null));
  }

  @Override
  public String toString() {
    return "ConnectionSettings[url="
        + url
        + ", user="
        + user
        + (key != null ? ", key=" + key : ", oauth=" + oauth.get())
        + ", role="
        + role.orElse("(default)")
        + ", database="
        + database
        + ", schema="
        + schema
        + ", jdbcProperties="
        + jdbcProperties.keySet()
        + ", proxy="
        + proxy.map(ProxySettings::toString).orElse("none")
        + "]";
  }
}
