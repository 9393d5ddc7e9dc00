package io.floe.connector.config;

import io.floe.connector.ErrorCode;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Snowflake account endpoint from {@code snowflake.url.name}: scheme, host, port and the
 * account name that key-pair (JWT) authentication needs.
 *
 * <p>Accepted forms are those the Snowflake connector accepts ({@code
 * myacct.snowflakecomputing.com}, {@code myacct.snowflakecomputing.com:443}, {@code
 * https://xy12345.eu-west-1.snowflakecomputing.com}, optionally with a trailing {@code /}) plus
 * plain {@code http://host:port} for loopback endpoints without TLS such as the local Snowflake
 * used in tests (never for other hosts, which would see the JWT and the data in cleartext). The
 * account is the first host label of a {@code *.snowflakecomputing.com} host; any other host (a
 * private DNS name, an IP address) needs {@code snowflake.account.name}.
 */
public final class SnowflakeUrl {
  private static final String EXAMPLE =
      "myorg-myaccount.snowflakecomputing.com or"
          + " https://xy12345.eu-west-1.snowflakecomputing.com:443";

  private static final Pattern FORM =
      Pattern.compile(
          "^(?:(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://)?"
              + "(?<host>[^:/?#\\s]*)"
              + "(?::(?<port>[^/?#\\s]*))?"
              + "(?<path>/[^?#\\s]*)?"
              + "(?<rest>[?#].*)?$");
  // Host labels: letters, digits, '-' and '_' (Snowflake account names may contain '_').
  private static final Pattern HOST =
      Pattern.compile("^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$");

  private final boolean ssl;
  private final String host;
  private final int port;
  private final String account;

  private SnowflakeUrl(boolean ssl, String host, int port, String account) {
    this.ssl = ssl;
    this.host = host;
    this.port = port;
    this.account = account;
  }

  /**
   * Parses {@code snowflake.url.name}.
   *
   * @param url the value of {@code snowflake.url.name}
   * @param accountName the value of {@code snowflake.account.name}, or null/blank to derive the
   *     account from the host
   * @throws InvalidConfigException naming {@code snowflake.url.name} when the URL is malformed or
   *     the account cannot be derived
   */
  public static SnowflakeUrl parse(String url, String accountName) {
    SnowflakeUrl address = parseAddress(url);
    String account;
    if (accountName != null && !accountName.isBlank()) {
      account = accountName.trim().toUpperCase(Locale.ROOT);
    } else {
      account = accountFromHost(address.host);
      if (account == null) {
        throw new InvalidConfigException(
            FloeSinkConfig.SNOWFLAKE_URL,
            ErrorCode.FLOE_0002,
            "Host '"
                + address.host
                + "' is not a *.snowflakecomputing.com host, so "
                + FloeSinkConfig.SNOWFLAKE_ACCOUNT
                + " must be set.");
      }
    }
    return new SnowflakeUrl(address.ssl, address.host, address.port, account);
  }

  /** Checks the form of the URL only; the account is not derived (it may be null). */
  static SnowflakeUrl parseAddress(String url) {
    if (url == null || url.isBlank()) {
      throw invalid(url, "The value is empty.");
    }
    String text = url.trim();
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw invalid(text, "It must be [https://]host[:port] with no spaces.");
    }
    String scheme = m.group("scheme");
    boolean ssl;
    if (scheme == null || scheme.equalsIgnoreCase("https")) {
      ssl = true;
    } else if (scheme.equalsIgnoreCase("http")) {
      ssl = false;
    } else {
      throw invalid(text, "The scheme '" + scheme + "' is not supported; use https.");
    }
    String host = m.group("host").toLowerCase(Locale.ROOT);
    if (host.equals("app.snowflake.com") || host.endsWith(".app.snowflake.com")) {
      throw invalid(
          text, "This is the address of the Snowsight web interface, not of the account.");
    }
    if (host.isEmpty() || !HOST.matcher(host).matches()) {
      throw invalid(text, "'" + host + "' is not a valid host name.");
    }
    String path = m.group("path");
    if ((path != null && !path.equals("/")) || m.group("rest") != null) {
      throw invalid(text, "It must not contain a path, query or fragment.");
    }
    if (!ssl && !isLoopback(host)) {
      throw new InvalidConfigException(
          FloeSinkConfig.SNOWFLAKE_URL,
          ErrorCode.FLOE_0040,
          "Got '" + text + "'; '" + host + "' is not a loopback host.");
    }
    return new SnowflakeUrl(ssl, host, port(text, m.group("port"), ssl), null);
  }

  /**
   * Whether traffic to the host stays on this machine, the only case where unencrypted http cannot
   * expose the JWT or the data. IPv6 literals such as ::1 cannot be written in this URL form.
   */
  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  }

  private static int port(String url, String text, boolean ssl) {
    if (text == null) {
      return ssl ? 443 : 80;
    }
    if (!text.matches("[0-9]{1,5}")) {
      throw invalid(url, "The port '" + text + "' is not a number.");
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw invalid(url, "The port " + port + " is not between 1 and 65535.");
    }
    return port;
  }

  /** The account a {@code *.snowflakecomputing.com} host belongs to, or null for other hosts. */
  static String accountFromHost(String host) {
    if (!isSnowflakeHost(host)) {
      return null;
    }
    String label = host.substring(0, host.indexOf('.'));
    // Global URLs carry a deployment suffix after the last '-' (<account>-<id>.global....);
    // the Snowflake JDBC driver strips it the same way.
    if (host.contains(".global.") && label.lastIndexOf('-') > 0) {
      label = label.substring(0, label.lastIndexOf('-'));
    }
    return label.toUpperCase(Locale.ROOT);
  }

  static boolean isSnowflakeHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".snowflakecomputing.com") || h.endsWith(".snowflakecomputing.cn");
  }

  private static InvalidConfigException invalid(String url, String why) {
    return new InvalidConfigException(
        FloeSinkConfig.SNOWFLAKE_URL,
        ErrorCode.FLOE_0001,
        "Got '" + url + "'. " + why + " Example: " + EXAMPLE + ".");
  }

  /** {@code https} or {@code http}. */
  public String scheme() {
    return ssl ? "https" : "http";
  }

  public boolean ssl() {
    return ssl;
  }

  /** The host name, lower case. */
  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The account name, upper case, e.g. {@code XY12345} or {@code MYORG-MYACCOUNT}. */
  public String account() {
    return account;
  }

  /** {@code host:port}. */
  public String hostAndPort() {
    return host + ":" + port;
  }

  /**
   * The Snowflake JDBC URL for this endpoint: {@code jdbc:snowflake://host:port/}, with {@code
   * ?ssl=off} for http.
   */
  public String jdbcUrl() {
    return "jdbc:snowflake://" + host + ":" + port + "/" + (ssl ? "" : "?ssl=off");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SnowflakeUrl u
        && ssl == u.ssl
        && port == u.port
        && host.equals(u.host)
        && Objects.equals(account, u.account);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ssl, host, port, account);
  }

  /** {@code scheme://host:port (account ACCOUNT)}. */
  @Override
  public String toString() {
    return scheme()
        + "://"
        + host
        + ":"
        + port
        + (account == null ? "" : " (account " + account + ")");
  }
}
