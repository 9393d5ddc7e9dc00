package io.floe.connector.conversion;

import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Where and how to reach the schema registry.
 *
 * @param baseUrls registry base URLs ending in {@code /}, without credentials; tried in turn
 * @param authorization the {@code Authorization} header value, or null
 * @param sslContext TLS settings for https URLs, or null for the JVM's defaults
 * @param proxy an explicit proxy, or null for the JVM's default proxy selector
 * @param connectTimeout how long to wait for a connection ({@code http.connect.timeout.ms})
 * @param requestTimeout how long to wait for an answer ({@code http.read.timeout.ms})
 */
record RegistryEndpoint(
    List<URI> baseUrls,
    String authorization,
    SSLContext sslContext,
    ProxySelector proxy,
    Duration connectTimeout,
    Duration requestTimeout) {
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  RegistryEndpoint {
    baseUrls = List.copyOf(baseUrls);
  }

  @Override
  public String toString() {
    // Never print the authorization header.
    return "RegistryEndpoint" + baseUrls;
  }
}
