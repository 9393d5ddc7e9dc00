package io.floe.connector.snowflake;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import net.snowflake.client.jdbc.internal.apache.http.HttpHost;
import net.snowflake.client.jdbc.internal.apache.http.HttpRequest;
import net.snowflake.client.jdbc.internal.apache.http.auth.AuthScope;
import net.snowflake.client.jdbc.internal.apache.http.auth.UsernamePasswordCredentials;
import net.snowflake.client.jdbc.internal.apache.http.client.config.RequestConfig;
import net.snowflake.client.jdbc.internal.apache.http.impl.client.BasicCredentialsProvider;
import net.snowflake.client.jdbc.internal.apache.http.impl.client.CloseableHttpClient;
import net.snowflake.client.jdbc.internal.apache.http.impl.client.HttpClientBuilder;
import net.snowflake.client.jdbc.internal.apache.http.impl.conn.DefaultRoutePlanner;
import net.snowflake.client.jdbc.internal.apache.http.impl.conn.DefaultSchemePortResolver;
import net.snowflake.client.jdbc.internal.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import net.snowflake.client.jdbc.internal.apache.http.protocol.HttpContext;

/**
 * The HTTP client Floe's Snowpipe REST calls use, instead of the ingest SDK's: that one is a single
 * client for the whole JVM, takes its proxy only from JVM-wide system properties and waits up to a
 * minute to connect. This one belongs to one task, goes through the session's proxy ({@link
 * HttpProxy}, the same one JDBC uses) and gives up on a silent endpoint after {@link
 * #READ_TIMEOUT}. It is the Apache client bundled (relocated) in the JDBC driver, the type the
 * SDK's request and response helpers work with. It does not retry by itself: {@link Retrier} does.
 */
final class SnowpipeHttp {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Snowpipe answers within a second or two; a minute is a sign that nothing will come. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  /** Upload threads may submit at the same time; more than the Apache default of 2 per route. */
  private static final int MAX_CONNECTIONS = 16;

  private SnowpipeHttp() {}

  /**
   * @param readTimeout how long to wait for a connection from the pool and for each read; {@link
   *     #READ_TIMEOUT} except in tests
   */
  static CloseableHttpClient create(SessionSettings settings, Duration readTimeout) {
    return create(settings.jdbcOverrides(), readTimeout);
  }

  /** The same for the JDBC properties that name the proxy (OAuth's token requests use it too). */
  static CloseableHttpClient create(Map<String, String> jdbcOverrides, Duration readTimeout) {
    RequestConfig timeouts =
        RequestConfig.custom()
            .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
            .setConnectionRequestTimeout((int) readTimeout.toMillis())
            .setSocketTimeout((int) readTimeout.toMillis())
            .build();
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    pool.setMaxTotal(MAX_CONNECTIONS);
    pool.setDefaultMaxPerRoute(MAX_CONNECTIONS);
    HttpClientBuilder builder =
        HttpClientBuilder.create()
            .setConnectionManager(pool)
            .setDefaultRequestConfig(timeouts)
            .disableAutomaticRetries();
    Optional<HttpProxy> proxy = HttpProxy.of(jdbcOverrides).or(HttpProxy::fromSystemProperties);
    proxy.ifPresent(
        p -> {
          HttpHost via = new HttpHost(p.host(), p.port(), p.protocol());
          builder.setRoutePlanner(
              new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE) {
                @Override
                protected HttpHost determineProxy(
                    HttpHost target, HttpRequest request, HttpContext context) {
                  return p.bypasses(target.getHostName()) ? null : via;
                }
              });
          if (p.user().isPresent()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(
                new AuthScope(p.host(), p.port()),
                new UsernamePasswordCredentials(p.user().get(), p.password().orElse("")));
            builder.setDefaultCredentialsProvider(credentials);
          }
        });
    return builder.build();
  }
}
