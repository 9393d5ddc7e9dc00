package io.floe.connector.conversion;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of {@link SnowflakeAvroConverter}, under the keys of the incumbent connector and
 * Confluent's serializers (Connect strips the {@code value.converter.} or {@code key.converter.}
 * prefix before the converter sees them).
 */
final class AvroConverterConfig {
  static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  static final String BREAK_ON_SCHEMA_REGISTRY_ERROR = "break.on.schema.registry.error";
  static final String READER_SCHEMA = "reader.schema";
  static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  static final String USER_INFO = "basic.auth.user.info";
  static final String LEGACY_USER_INFO = "schema.registry.basic.auth.user.info";
  static final String BEARER_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
  static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
  static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
  static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
  static final String KEY_PASSWORD = "schema.registry.ssl.key.password";
  static final String PROXY_HOST = "proxy.host";
  static final String PROXY_PORT = "proxy.port";
  // Confluent's schema registry client settings, same names and meaning.
  static final String MAX_RETRIES = "max.retries";
  static final String RETRIES_WAIT_MS = "retries.wait.ms";
  static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
  static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";

  static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              SCHEMA_REGISTRY_URL,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              Importance.HIGH,
              "Comma-separated base URLs of Confluent-compatible schema registries; tried in turn.")
          .define(
              BREAK_ON_SCHEMA_REGISTRY_ERROR,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              "When true a schema the registry does not have or that cannot be used fails the"
                  + " conversion, so Connect's errors.tolerance decides; when false the record"
                  + " becomes broken and goes to the dead-letter queue or table stage. A registry"
                  + " that cannot be reached stops the task either way.")
          .define(
              READER_SCHEMA,
              Type.STRING,
              null,
              Importance.LOW,
              "Avro schema (JSON) to read every record with, resolved against its writer schema.")
          .define(
              CREDENTIALS_SOURCE,
              Type.STRING,
              null,
              Importance.MEDIUM,
              "USER_INFO (basic.auth.user.info) or URL (user:password@ in the URL). Unset: user"
                  + " info when given, else the URL's.")
          .define(
              USER_INFO,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "user:password for HTTP basic authentication to the schema registry.")
          .define(
              LEGACY_USER_INFO,
              Type.PASSWORD,
              null,
              Importance.LOW,
              "Older name of basic.auth.user.info.")
          .define(
              TRUSTSTORE_LOCATION,
              Type.STRING,
              null,
              Importance.MEDIUM,
              "Truststore (JKS or PKCS12) with the CA certificates to trust for https registries.")
          .define(
              TRUSTSTORE_PASSWORD,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "Password of the truststore.")
          .define(TRUSTSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "JKS or PKCS12.")
          .define(
              KEYSTORE_LOCATION,
              Type.STRING,
              null,
              Importance.LOW,
              "Keystore with a client certificate, for registries that require mutual TLS.")
          .define(
              KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Password of the keystore.")
          .define(KEYSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "JKS or PKCS12.")
          .define(
              KEY_PASSWORD,
              Type.PASSWORD,
              null,
              Importance.LOW,
              "Password of the key in the keystore; defaults to the keystore password.")
          .define(
              PROXY_HOST,
              Type.STRING,
              null,
              Importance.LOW,
              "HTTP proxy host for schema registry requests.")
          .define(PROXY_PORT, Type.INT, -1, Importance.LOW, "HTTP proxy port.")
          .define(
              MAX_RETRIES,
              Type.INT,
              RegistryRetries.DEFAULT.maxRetries(),
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "How often a schema registry that does not answer (timeout, connection failure,"
                  + " HTTP 408, 429 or 5xx) is asked again before the task stops.")
          .define(
              RETRIES_WAIT_MS,
              Type.INT,
              (int) RegistryRetries.DEFAULT.initialWait().toMillis(),
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "Milliseconds before the first retry; each further retry waits twice as long.")
          .define(
              RETRIES_MAX_WAIT_MS,
              Type.INT,
              (int) RegistryRetries.DEFAULT.maxWait().toMillis(),
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "The longest wait, in milliseconds, between two retries.")
          .define(
              HTTP_CONNECT_TIMEOUT_MS,
              Type.INT,
              (int) RegistryEndpoint.DEFAULT_CONNECT_TIMEOUT.toMillis(),
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Milliseconds to wait for a connection to the schema registry.")
          .define(
              HTTP_READ_TIMEOUT_MS,
              Type.INT,
              (int) RegistryEndpoint.DEFAULT_REQUEST_TIMEOUT.toMillis(),
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Milliseconds to wait for the schema registry's answer to a request.");

  private final RegistryEndpoint registry;
  private final RegistryRetries retries;
  private final boolean breakOnRegistryError;
  private final Schema readerSchema;

  private AvroConverterConfig(
      RegistryEndpoint registry,
      RegistryRetries retries,
      boolean breakOnRegistryError,
      Schema readerSchema) {
    this.registry = registry;
    this.retries = retries;
    this.breakOnRegistryError = breakOnRegistryError;
    this.readerSchema = readerSchema;
  }

  RegistryEndpoint registry() {
    return registry;
  }

  RegistryRetries retries() {
    return retries;
  }

  boolean breakOnRegistryError() {
    return breakOnRegistryError;
  }

  /** The configured reader schema, or null to read with each record's writer schema. */
  Schema readerSchema() {
    return readerSchema;
  }

  /**
   * Parses and checks the settings.
   *
   * @param prefix {@code key.converter.} or {@code value.converter.}, to name keys in errors
   */
  static AvroConverterConfig parse(Map<String, ?> props, String prefix) {
    Map<String, Object> values;
    try {
      values = CONFIG_DEF.parse(props);
    } catch (ConfigException e) {
      throw invalid(prefix, e.getMessage());
    }
    if (props.get(BEARER_CREDENTIALS_SOURCE) != null) {
      throw invalid(
          prefix + BEARER_CREDENTIALS_SOURCE,
          "bearer-token authentication to the schema registry is not supported; use basic auth");
    }
    List<URI> urls = new ArrayList<>();
    String urlUserInfo = null;
    @SuppressWarnings("unchecked")
    List<String> listed = (List<String>) values.get(SCHEMA_REGISTRY_URL);
    for (String text : listed) {
      URI uri = uri(prefix, text.trim());
      if (uri.getRawUserInfo() != null && urlUserInfo == null) {
        urlUserInfo = uri.getUserInfo();
      }
      urls.add(withoutUserInfo(uri));
    }
    if (urls.isEmpty()) {
      throw invalid(prefix + SCHEMA_REGISTRY_URL, "no schema registry URL is given");
    }
    String authorization = authorization(values, prefix, urlUserInfo);
    SSLContext ssl =
        RegistryTls.sslContext(
            prefix,
            (String) values.get(TRUSTSTORE_LOCATION),
            (Password) values.get(TRUSTSTORE_PASSWORD),
            (String) values.get(TRUSTSTORE_TYPE),
            (String) values.get(KEYSTORE_LOCATION),
            (Password) values.get(KEYSTORE_PASSWORD),
            (String) values.get(KEYSTORE_TYPE),
            (Password) values.get(KEY_PASSWORD));
    return new AvroConverterConfig(
        new RegistryEndpoint(
            urls,
            authorization,
            ssl,
            proxy(values, prefix),
            millis(values, HTTP_CONNECT_TIMEOUT_MS),
            millis(values, HTTP_READ_TIMEOUT_MS)),
        new RegistryRetries(
            (Integer) values.get(MAX_RETRIES),
            millis(values, RETRIES_WAIT_MS),
            millis(values, RETRIES_MAX_WAIT_MS)),
        (Boolean) values.get(BREAK_ON_SCHEMA_REGISTRY_ERROR),
        readerSchema(prefix, (String) values.get(READER_SCHEMA)));
  }

  private static String authorization(
      Map<String, Object> values, String prefix, String urlUserInfo) {
    Password userInfo = (Password) values.get(USER_INFO);
    if (userInfo == null) {
      userInfo = (Password) values.get(LEGACY_USER_INFO);
    }
    String source = (String) values.get(CREDENTIALS_SOURCE);
    String credentials;
    if (source == null) {
      credentials = userInfo != null ? userInfo.value() : urlUserInfo;
    } else {
      switch (source.trim().toUpperCase(Locale.ROOT)) {
        case "USER_INFO" -> {
          if (userInfo == null) {
            throw invalid(
                prefix + USER_INFO, "it is required when " + CREDENTIALS_SOURCE + "=USER_INFO");
          }
          credentials = userInfo.value();
        }
        case "URL" -> credentials = urlUserInfo;
        default ->
            throw invalid(
                prefix + CREDENTIALS_SOURCE,
                "'" + source + "' is not supported; use USER_INFO or URL");
      }
    }
    if (credentials == null) {
      return null;
    }
    if (!credentials.contains(":")) {
      throw invalid(prefix + USER_INFO, "basic auth credentials must have the form user:password");
    }
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private static Duration millis(Map<String, Object> values, String key) {
    return Duration.ofMillis((Integer) values.get(key));
  }

  private static ProxySelector proxy(Map<String, Object> values, String prefix) {
    String host = (String) values.get(PROXY_HOST);
    int port = (Integer) values.get(PROXY_PORT);
    if (host == null || host.isBlank()) {
      return null;
    }
    if (port <= 0 || port > 65535) {
      throw invalid(
          prefix + PROXY_PORT, "a port between 1 and 65535 is required with " + PROXY_HOST);
    }
    return ProxySelector.of(InetSocketAddress.createUnresolved(host.trim(), port));
  }

  private static Schema readerSchema(String prefix, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw invalid(prefix + READER_SCHEMA, "it is not a valid Avro schema: " + e.getMessage());
    }
  }

  private static URI uri(String prefix, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw invalid(
            prefix + SCHEMA_REGISTRY_URL,
            "'" + withoutUserInfoText(text) + "' is not an http:// or https:// URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw invalid(
          prefix + SCHEMA_REGISTRY_URL, "'" + withoutUserInfoText(text) + "' is not a URL");
    }
  }

  /** The URL as a base for relative paths: no credentials, path ending in one '/'. */
  private static URI withoutUserInfo(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), path + "/", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot rebuild a parsed URL", e);
    }
  }

  /** Hides user:password@ in a URL we could not parse, so messages never show secrets. */
  private static String withoutUserInfoText(String text) {
    return text.replaceAll("//[^/@]*@", "//***@");
  }

  private static FloeException invalid(String key, String detail) {
    return new FloeException(ErrorCode.FLOE_4001, key + ": " + detail + ".");
  }
}
