package io.floe.localsnowflake.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.LocalClock;
import io.floe.localsnowflake.core.Snowpipe;
import io.floe.localsnowflake.core.StageObjects;
import io.floe.localsnowflake.core.StatementRouter;
import io.floe.localsnowflake.http.Faults.Endpoint;
import io.floe.localsnowflake.streaming.StreamingService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local Snowflake's HTTP server on 127.0.0.1: routes Snowflake's REST paths (sessions, OAuth
 * tokens, queries, Snowpipe, Snowpipe Streaming) to their endpoints, the presigned URLs of cloud
 * storage mode ({@code /gcs/…}) to the stage objects, and {@code /__local/…} to the control API.
 * Plain http: the drivers are told {@code ssl=off} / scheme http.
 */
public final class HttpFront implements AutoCloseable {
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private static final Logger LOG = Logger.getLogger(HttpFront.class.getName());

  /** The account name clients derive from this server's host name, 127.0.0.1. */
  static final String HOST_ACCOUNT = "127";

  private final HttpServer server;
  private final ExecutorService executor;
  private final SessionEndpoints sessionEndpoints;
  private final QueryEndpoint queryEndpoint;
  private final SnowpipeEndpoint snowpipeEndpoint;
  private final StreamingEndpoint streamingEndpoint;
  private final StorageEndpoint storageEndpoint;
  private final ControlEndpoint controlEndpoint;
  private final FaultGate faultGate;
  private final SessionRegistry sessions;
  private final OAuthServer oauth;
  private final OAuthEndpoint oauthEndpoint;
  private volatile ExtraRoute extraRoute;

  /**
   * A server without cloud storage (PUT and GET answers must be LOCAL_FS), on a clock of its own
   * that follows the wall clock.
   */
  public HttpFront(
      int port,
      String account,
      Catalog catalog,
      StatementRouter router,
      Snowpipe snowpipe,
      Faults faults,
      Duration tokenValidity)
      throws IOException {
    this(
        port,
        account,
        catalog,
        router,
        snowpipe,
        null,
        faults,
        tokenValidity,
        new LocalClock(Clock.systemUTC()));
  }

  /** A server without Snowpipe Streaming ({@code /v1/streaming/…} answers 404). */
  public HttpFront(
      int port,
      String account,
      Catalog catalog,
      StatementRouter router,
      Snowpipe snowpipe,
      StageObjects objects,
      Faults faults,
      Duration tokenValidity,
      LocalClock clock)
      throws IOException {
    this(port, account, catalog, router, snowpipe, objects, null, faults, tokenValidity, clock);
  }

  /**
   * @param port 0 for a free port
   * @param objects what the presigned URLs of cloud storage mode serve (null: none)
   * @param streaming Snowpipe Streaming's server side (null: none)
   * @param tokenValidity how long a session token lives before the driver must renew it
   * @param clock the server's time (session and JWT expiry; the control API moves it)
   */
  public HttpFront(
      int port,
      String account,
      Catalog catalog,
      StatementRouter router,
      Snowpipe snowpipe,
      StageObjects objects,
      StreamingService streaming,
      Faults faults,
      Duration tokenValidity,
      LocalClock clock)
      throws IOException {
    WireFormat wire = new WireFormat(clock);
    JwtVerifier jwt = new JwtVerifier(catalog, account, clock);
    this.sessions =
        new SessionRegistry(clock, tokenValidity, Duration.ofHours(4), router::sessionClosed);
    this.faultGate = new FaultGate(faults, wire);
    if (streaming != null) {
      faults.blobUploads(streaming::blobUploadsFail);
    }
    this.oauth = new OAuthServer(catalog, clock);
    this.oauthEndpoint = new OAuthEndpoint(oauth);
    this.sessionEndpoints = new SessionEndpoints(catalog, sessions, jwt, oauth, wire);
    this.queryEndpoint = new QueryEndpoint(sessions, router, wire, faultGate);
    this.snowpipeEndpoint =
        new SnowpipeEndpoint(snowpipe, new IngestAuth(List.of(jwt), oauth, wire), wire, faultGate);
    // The streaming SDK takes the account for its JWTs from the URL's host, "127" of 127.0.0.1.
    IngestAuth streamingAuth =
        new IngestAuth(List.of(jwt, new JwtVerifier(catalog, HOST_ACCOUNT, clock)), oauth, wire);
    this.streamingEndpoint = new StreamingEndpoint(streaming, streamingAuth, wire, faultGate);
    this.storageEndpoint = new StorageEndpoint(objects, wire, faultGate);
    this.controlEndpoint = new ControlEndpoint(faults, snowpipe, clock, oauth, streaming);
    this.server = createServer(port);
    // Drivers upload and poll in parallel; a cached pool keeps a stalled call from blocking others.
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Serves paths the Snowflake API does not own (cloud-storage objects, the control API) through
   * another component; it sees every request whose path starts with {@code prefix}.
   */
  public void route(String prefix, RouteHandler handler) {
    this.extraRoute = new ExtraRoute(prefix, handler);
  }

  private void dispatch(HttpExchange raw) {
    JsonExchange ex = new JsonExchange(raw);
    String path = ex.path();
    try {
      ExtraRoute extra = extraRoute;
      if (extra != null && path.startsWith(extra.prefix)) {
        extra.handler.handle(raw);
        return;
      }
      switch (path) {
        case "/session/v1/login-request" -> {
          if (!faultGate.intercept(ex, Endpoint.LOGIN, null)) {
            sessionEndpoints.login(ex);
          }
        }
        case "/session/token-request" -> sessionEndpoints.renew(ex);
        case "/oauth/token-request" -> oauthEndpoint.tokenRequest(ex);
        case "/session" -> sessionEndpoints.acknowledge(ex, "true".equals(ex.query("delete")));
        case "/session/heartbeat",
            "/telemetry/send",
            "/telemetry/send/sessionless",
            "/queries/v1/abort-request" ->
            sessionEndpoints.acknowledge(ex, false);
        case "/queries/v1/query-request" -> queryEndpoint.query(ex);
        default -> {
          if (path.startsWith(StreamingEndpoint.PREFIX)) {
            streamingEndpoint.handle(ex);
          } else if (path.startsWith("/v1/data/pipes/")) {
            snowpipeEndpoint.handle(ex, path.substring("/v1/data/pipes/".length()));
          } else if (path.startsWith(StageObjects.PATH_PREFIX)) {
            storageEndpoint.handle(ex, path.substring(StageObjects.PATH_PREFIX.length()));
          } else if (path.startsWith(ControlEndpoint.PREFIX)) {
            controlEndpoint.handle(ex);
          } else {
            ex.bodyBytes();
            ex.respondBytes(404, new byte[0]);
          }
        }
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "local Snowflake failed to serve " + path, e);
      try {
        ex.respondBytes(500, String.valueOf(e).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        raw.close();
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Makes every open session's token expire now (the drivers renew transparently). */
  public void expireAllSessionTokens() {
    sessions.expireAll();
  }

  /** Registers (or replaces) an OAuth client for {@code POST /oauth/token-request}. */
  public void registerOAuthClient(String clientId, String clientSecret) {
    oauth.registerClient(clientId, clientSecret);
  }

  /** A refresh token for {@code user} through a registered client, as a user's consent gives. */
  public String issueOAuthRefreshToken(String clientId, String user) {
    return oauth.issueRefreshToken(clientId, user);
  }

  /** Revokes a refresh token: refreshing with it then fails with invalid_grant. */
  public void revokeOAuthRefreshToken(String refreshToken) {
    oauth.revokeRefreshToken(refreshToken);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "local-snowflake-http");
      t.setDaemon(true);
      return t;
    };
  }

  /** Handles requests under a prefix given to {@link #route}. */
  @FunctionalInterface
  public interface RouteHandler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private record ExtraRoute(String prefix, RouteHandler handler) {}

  /**
   * The JDK's HTTP server leaves Nagle's algorithm on, so a response written as headers and then
   * body waits for the client's delayed ACK: about 40 ms per request, five times what a query costs
   * here, where Snowflake answers at once. The JDK reads the switch once, when its server
   * configuration first loads, so it is set before the first server of this JVM unless the user set
   * it.
   */
  private static HttpServer createServer(int port) throws IOException {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
  }
}
