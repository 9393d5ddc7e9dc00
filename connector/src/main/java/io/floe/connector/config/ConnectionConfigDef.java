package io.floe.connector.config;

import static io.floe.connector.config.FloeConfigDef.CONNECTION;
import static io.floe.connector.config.FloeConfigDef.PROXY;
import static io.floe.connector.config.FloeSinkConfig.JVM_NON_PROXY_HOSTS;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_HOST;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_PASSWORD;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_PORT;
import static io.floe.connector.config.FloeSinkConfig.JVM_PROXY_USERNAME;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_ACCOUNT;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_AUTHENTICATOR;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_ID;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_OAUTH_CLIENT_SECRET;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_OAUTH_REFRESH_TOKEN;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_OAUTH_TOKEN_ENDPOINT;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_ROLE;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_URL;
import static io.floe.connector.config.FloeSinkConfig.SNOWFLAKE_USER;

import io.floe.connector.ErrorCode;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Defines the settings that say how to reach and log in to Snowflake: Connection and Proxy. */
final class ConnectionConfigDef {
  static final ChoiceValidator AUTHENTICATORS =
      ChoiceValidator.of("snowflake_jwt", "oauth")
          .rejecting(
              "snowflake",
              ErrorCode.FLOE_0007,
              "Password authentication is not supported; use a key pair or OAuth.");

  private ConnectionConfigDef() {}

  static void connection(ConfigDef def) {
    int order = 0;
    def.define(
        SNOWFLAKE_URL,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        new ParsingValidator(
            SnowflakeUrl::parseAddress, "[https://]<account>.snowflakecomputing.com[:port]"),
        Importance.HIGH,
        "Snowflake account URL, in any form the Snowflake connector accepts:"
            + " <account>.snowflakecomputing.com with optional https:// and :port (default 443),"
            + " e.g. myorg-myaccount.snowflakecomputing.com:443 or"
            + " https://xy12345.eu-west-1.snowflakecomputing.com. http://host:port (default port"
            + " 80) connects without TLS and is meant for local test endpoints. The account name"
            + " used for key-pair authentication is the first label of a"
            + " *.snowflakecomputing.com host; for any other host set "
            + SNOWFLAKE_ACCOUNT
            + ".",
        CONNECTION,
        ++order,
        Width.LONG,
        "Snowflake URL",
        List.of(SNOWFLAKE_ACCOUNT));
    def.define(
        SNOWFLAKE_ACCOUNT,
        Type.STRING,
        null,
        new ParsingValidator(ConnectionConfigDef::checkAccountName, "account identifier"),
        Importance.LOW,
        "Floe only. The account identifier used in key-pair (JWT) authentication, e.g."
            + " MYORG-MYACCOUNT or XY12345. Optional for *.snowflakecomputing.com URLs, where it"
            + " is taken from the host (this setting overrides it); required for any other host,"
            + " such as a private DNS name or an IP address.",
        CONNECTION,
        ++order,
        Width.MEDIUM,
        "Snowflake account name",
        List.of(),
        new AccountNameRecommender());
    def.define(
        SNOWFLAKE_USER,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        NonBlankValidator.INSTANCE,
        Importance.HIGH,
        "Snowflake user Floe logs in as. For key-pair authentication its RSA public key must be"
            + " registered with ALTER USER <user> SET RSA_PUBLIC_KEY='...'; with OAuth it must be"
            + " the user the refresh token was issued to.",
        CONNECTION,
        ++order,
        Width.MEDIUM,
        "User name");
    def.define(
        SNOWFLAKE_PRIVATE_KEY,
        Type.PASSWORD,
        null,
        NonBlankValidator.INSTANCE,
        Importance.HIGH,
        "Required with "
            + SNOWFLAKE_AUTHENTICATOR
            + "=snowflake_jwt (the default); not used with oauth."
            + " The user's RSA private key: the contents of the PEM file, with or without its"
            + " -----BEGIN/END----- lines; line breaks, spaces and escaped \\n are ignored."
            + " Unencrypted PKCS#8, encrypted PKCS#8 (e.g. from openssl pkcs8 -topk8 -v2 des3 or"
            + " -v2 aes256) and PKCS#1 (BEGIN RSA PRIVATE KEY) are accepted. Consider a config"
            + " provider (${provider:path:key}) to keep it out of the connector configuration.",
        CONNECTION,
        ++order,
        Width.LONG,
        "Private key",
        List.of(SNOWFLAKE_PRIVATE_KEY_PASSPHRASE));
    def.define(
        SNOWFLAKE_PRIVATE_KEY_PASSPHRASE,
        Type.PASSWORD,
        "",
        Importance.MEDIUM,
        "Passphrase of an encrypted "
            + SNOWFLAKE_PRIVATE_KEY
            + ". Ignored, with a warning in the log, when the key is not encrypted.",
        CONNECTION,
        ++order,
        Width.MEDIUM,
        "Private key passphrase");
    def.define(
        SNOWFLAKE_ROLE,
        Type.STRING,
        null,
        NonBlankValidator.INSTANCE,
        Importance.MEDIUM,
        "Role for Floe's Snowflake sessions; when not set, the user's default role is used."
            + " The role needs to use the database and schema and to create (or use) the target"
            + " tables and Floe's stages and pipes there.",
        CONNECTION,
        ++order,
        Width.MEDIUM,
        "Role");
    def.define(
        SNOWFLAKE_AUTHENTICATOR,
        Type.STRING,
        "snowflake_jwt",
        AUTHENTICATORS,
        Importance.LOW,
        "Authentication method: snowflake_jwt (key pair, with "
            + SNOWFLAKE_PRIVATE_KEY
            + ") or oauth (Snowflake OAuth: Floe exchanges "
            + SNOWFLAKE_OAUTH_REFRESH_TOKEN
            + " for access tokens at the token endpoint and refreshes them before they expire;"
            + " see docs/snowflake-setup.md).",
        CONNECTION,
        ++order,
        Width.SHORT,
        "Authenticator",
        List.of(
            SNOWFLAKE_PRIVATE_KEY,
            SNOWFLAKE_OAUTH_CLIENT_ID,
            SNOWFLAKE_OAUTH_CLIENT_SECRET,
            SNOWFLAKE_OAUTH_REFRESH_TOKEN,
            SNOWFLAKE_OAUTH_TOKEN_ENDPOINT),
        AUTHENTICATORS);
    String oauthOnly = "Required with " + SNOWFLAKE_AUTHENTICATOR + "=oauth; ignored otherwise. ";
    def.define(
        SNOWFLAKE_OAUTH_CLIENT_ID,
        Type.STRING,
        "",
        Importance.MEDIUM,
        oauthOnly
            + "The OAuth client id of the Snowflake security integration (OAUTH_CLIENT_ID from"
            + " SYSTEM$SHOW_OAUTH_CLIENT_SECRETS).",
        CONNECTION,
        ++order,
        Width.MEDIUM,
        "OAuth client id");
    def.define(
        SNOWFLAKE_OAUTH_CLIENT_SECRET,
        Type.PASSWORD,
        "",
        Importance.MEDIUM,
        oauthOnly + "The integration's OAuth client secret.",
        CONNECTION,
        ++order,
        Width.MEDIUM,
        "OAuth client secret");
    def.define(
        SNOWFLAKE_OAUTH_REFRESH_TOKEN,
        Type.PASSWORD,
        "",
        Importance.MEDIUM,
        oauthOnly
            + "A refresh token issued to "
            + SNOWFLAKE_USER
            + " through that client; Floe uses it for refresh_token grants and never changes it."
            + " When it expires (OAUTH_REFRESH_TOKEN_VALIDITY, 90 days by default) or is revoked,"
            + " logins fail with FLOE-1020 until it is replaced.",
        CONNECTION,
        ++order,
        Width.LONG,
        "OAuth refresh token");
    def.define(
        SNOWFLAKE_OAUTH_TOKEN_ENDPOINT,
        Type.STRING,
        null,
        new ParsingValidator(ConnectionConfigDef::checkEndpoint, "http(s) URL"),
        Importance.LOW,
        "Used with "
            + SNOWFLAKE_AUTHENTICATOR
            + "=oauth. The OAuth token endpoint; by default"
            + " <snowflake.url.name>/oauth/token-request.",
        CONNECTION,
        ++order,
        Width.LONG,
        "OAuth token endpoint");
  }

  private static void checkEndpoint(String endpoint) {
    if (endpoint.isBlank()) {
      return;
    }
    try {
      java.net.URI uri = new java.net.URI(endpoint.trim());
      if (uri.getHost() == null
          || !("https".equalsIgnoreCase(uri.getScheme())
              || "http".equalsIgnoreCase(uri.getScheme()))) {
        throw new java.net.URISyntaxException(endpoint, "not an http(s) URL with a host");
      }
    } catch (java.net.URISyntaxException e) {
      throw new InvalidConfigException(
          SNOWFLAKE_OAUTH_TOKEN_ENDPOINT,
          ErrorCode.FLOE_0019,
          SNOWFLAKE_OAUTH_TOKEN_ENDPOINT
              + "='"
              + endpoint.trim()
              + "' is not an http(s) URL such as"
              + " https://<account>.snowflakecomputing.com/oauth/token-request.");
    }
  }

  static void proxy(ConfigDef def) {
    int order = 0;
    def.define(
        JVM_PROXY_HOST,
        Type.STRING,
        "",
        Importance.LOW,
        "Host of the HTTP proxy through which Floe reaches Snowflake: JDBC sessions, stage"
            + " uploads and Snowpipe REST calls (set for this connector only, not JVM-wide);"
            + " requires "
            + JVM_PROXY_PORT
            + ".",
        PROXY,
        ++order,
        Width.MEDIUM,
        "Proxy host");
    def.define(
        JVM_PROXY_PORT,
        Type.STRING,
        "",
        new ParsingValidator(
            p -> {
              if (!p.isBlank()) {
                ProxySettings.portNumber(p);
              }
            },
            "port number 1-65535"),
        Importance.LOW,
        "Port of the HTTP proxy; requires " + JVM_PROXY_HOST + ".",
        PROXY,
        ++order,
        Width.SHORT,
        "Proxy port");
    def.define(
        JVM_NON_PROXY_HOSTS,
        Type.STRING,
        "",
        Importance.LOW,
        "Hosts reached without the proxy, separated by |, with * matching any characters,"
            + " e.g. *.internal|localhost.",
        PROXY,
        ++order,
        Width.MEDIUM,
        "Hosts without proxy");
    def.define(
        JVM_PROXY_USERNAME,
        Type.STRING,
        "",
        Importance.LOW,
        "User for proxy authentication; requires " + JVM_PROXY_PASSWORD + ".",
        PROXY,
        ++order,
        Width.MEDIUM,
        "Proxy user");
    def.define(
        JVM_PROXY_PASSWORD,
        Type.PASSWORD,
        "",
        Importance.LOW,
        "Password for proxy authentication; requires " + JVM_PROXY_USERNAME + ".",
        PROXY,
        ++order,
        Width.MEDIUM,
        "Proxy password");
  }

  private static void checkAccountName(String account) {
    if (!account.isBlank() && !account.trim().matches("[A-Za-z0-9_-]+")) {
      throw new InvalidConfigException(
          SNOWFLAKE_ACCOUNT,
          ErrorCode.FLOE_0002,
          SNOWFLAKE_ACCOUNT
              + "='"
              + account.trim()
              + "' may contain only letters, digits, '_' and '-'.");
    }
  }

  /** Shows {@code snowflake.account.name} only when the URL's host does not already give it. */
  private static final class AccountNameRecommender implements ConfigDef.Recommender {
    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
      return List.of();
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
      Object url = parsedConfig.get(SNOWFLAKE_URL);
      try {
        return url == null
            || !SnowflakeUrl.isSnowflakeHost(SnowflakeUrl.parseAddress(url.toString()).host());
      } catch (RuntimeException e) {
        return true;
      }
    }
  }
}
