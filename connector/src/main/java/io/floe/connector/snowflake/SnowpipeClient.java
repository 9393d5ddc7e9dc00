package io.floe.connector.snowflake;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

import io.floe.connector.ErrorCode;
import io.floe.connector.FloeException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.snowflake.client.jdbc.internal.apache.http.HttpResponse;
import net.snowflake.client.jdbc.internal.apache.http.client.methods.CloseableHttpResponse;
import net.snowflake.client.jdbc.internal.apache.http.client.methods.HttpUriRequest;
import net.snowflake.client.jdbc.internal.apache.http.impl.client.CloseableHttpClient;
import net.snowflake.ingest.connection.HistoryRangeResponse;
import net.snowflake.ingest.connection.HistoryResponse;
import net.snowflake.ingest.connection.IngestResponseException;
import net.snowflake.ingest.connection.RequestBuilder;
import net.snowflake.ingest.connection.ServiceResponseHandler;
import net.snowflake.ingest.utils.BackOffException;
import net.snowflake.ingest.utils.StagedFileWrapper;
import net.snowflake.ingest.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snowpipe's REST API: submit staged files, read load reports and load history. The ingest SDK
 * builds the signed requests and reads the answers; they travel through Floe's own HTTP client
 * ({@link SnowpipeHttp}: the session's proxy, bounded timeouts) rather than the SDK's JVM-wide one.
 * Created on first use.
 */
public final class SnowpipeClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnowpipeClient.class);

  /** Snowflake accepts 5000 paths per request; stay clear of the limit. */
  static final int BATCH = 4000;

  private final SessionSettings settings;
  private final Retrier retrier;
  private final Duration readTimeout;
  private RequestBuilder requests;
  private CloseableHttpClient http;

  public SnowpipeClient(SessionSettings settings, Retrier retrier) {
    this(settings, retrier, SnowpipeHttp.READ_TIMEOUT);
  }

  SnowpipeClient(SessionSettings settings, Retrier retrier, Duration readTimeout) {
    DriverLogging.install();
    this.settings = settings;
    this.retrier = retrier;
    this.readTimeout = readTimeout;
  }

  /** One file's load outcome as Snowpipe reports it. */
  public record FileStatus(
      String path,
      String status,
      long rowsParsed,
      long rowsInserted,
      String firstError,
      Long firstErrorLine,
      String systemError) {

    public boolean loaded() {
      return "LOADED".equals(status);
    }

    /** Processing finished without loading every row: LOAD_FAILED or PARTIALLY_LOADED. */
    public boolean failed() {
      return "LOAD_FAILED".equals(status) || "PARTIALLY_LOADED".equals(status);
    }
  }

  /** Load events since a mark, and the mark to continue from. */
  public record Report(List<FileStatus> files, String nextBeginMark) {}

  /**
   * A non-2xx answer from Snowpipe. Kept as a checked type so {@link Failures} can tell 429/5xx
   * (retry) from 4xx (report).
   */
  public static final class SnowpipeHttpException extends Exception {
    private final int status;

    SnowpipeHttpException(int status, String message, Throwable cause) {
      super(message, cause);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** Submits paths (relative to the pipe's stage) in batches; resubmitting a path is harmless. */
  public void insertFiles(ObjectRef pipe, List<String> paths) {
    for (int from = 0; from < paths.size(); from += BATCH) {
      List<StagedFileWrapper> batch = new ArrayList<>();
      for (String p : paths.subList(from, Math.min(paths.size(), from + BATCH))) {
        batch.add(new StagedFileWrapper(p, null));
      }
      retrier.call(
          CallStats.Kind.INSERT_FILES,
          "submit " + batch.size() + " file(s) to pipe " + pipe,
          () ->
              send(
                  id -> requests().generateInsertRequest(id, pipe.restName(), batch, false),
                  ServiceResponseHandler::unmarshallIngestResponse),
          this::classify);
    }
  }

  public Report report(ObjectRef pipe, String beginMark) {
    HistoryResponse r =
        retrier.call(
            CallStats.Kind.INSERT_REPORT,
            "read the load report of pipe " + pipe,
            () ->
                send(
                    id -> requests().generateHistoryRequest(id, pipe.restName(), null, beginMark),
                    ServiceResponseHandler::unmarshallHistoryResponse),
            this::classify);
    List<FileStatus> files = new ArrayList<>();
    if (r.files != null) {
      r.files.forEach(f -> files.add(status(f)));
    }
    return new Report(files, r.getNextBeginMark());
  }

  /**
   * Load history for [from, to), all of it. Snowflake answers at most 10,000 entries a call and
   * says {@code completeResult=false} when there were more; the rest starts at that page's {@code
   * rangeEndTime} (inclusive, so its last entries come twice: the later report of a path wins).
   */
  public List<FileStatus> history(ObjectRef pipe, Instant from, Instant to) {
    Map<String, FileStatus> byPath = new LinkedHashMap<>();
    Instant start = from;
    while (start.isBefore(to)) {
      HistoryRangeResponse r = historyPage(pipe, start, to);
      if (r.files != null) {
        for (HistoryResponse.FileEntry f : r.files) {
          FileStatus status = status(f);
          byPath.remove(status.path());
          byPath.put(status.path(), status);
        }
      }
      if (r.isCompleteResult() || r.getRangeEndTime() == null) {
        break;
      }
      Instant next = ISO_OFFSET_DATE_TIME.parse(r.getRangeEndTime(), Instant::from);
      if (!next.isAfter(start)) {
        // A full page within one millisecond: the next page would be the same one.
        LOG.warn(
            "More than 10,000 load history entries of pipe {} at {}; reading on from {}",
            pipe,
            start,
            start.plusMillis(1));
        next = start.plusMillis(1);
      }
      start = next;
    }
    return new ArrayList<>(byPath.values());
  }

  private HistoryRangeResponse historyPage(ObjectRef pipe, Instant from, Instant to) {
    return retrier.call(
        CallStats.Kind.LOAD_HISTORY,
        "read the load history of pipe " + pipe,
        () ->
            send(
                id ->
                    requests()
                        .generateHistoryRangeRequest(
                            id, pipe.restName(), from.toString(), to.toString()),
                ServiceResponseHandler::unmarshallHistoryRangeResponse),
        this::classify);
  }

  private static FileStatus status(HistoryResponse.FileEntry f) {
    return new FileStatus(
        f.getPath(),
        f.getStatus() == null ? null : f.getStatus().name(),
        f.getRowsParsed(),
        f.getRowsInserted() == null ? 0 : f.getRowsInserted(),
        f.getFirstError(),
        f.getFirstErrorLineNum(),
        f.getSystemError());
  }

  /**
   * Signs requests with a JWT it renews itself (one SDK thread per client). Under OAuth the SDK's
   * builder still needs a key pair to build requests (its OAuth mode would run a token refresher of
   * its own, outside Floe's proxy and error handling), so it gets a throwaway one and {@link
   * #authorize} replaces the JWT with the access token.
   */
  private synchronized RequestBuilder requests() {
    if (requests == null) {
      try {
        requests =
            new RequestBuilder(
                settings.account(),
                settings.user(),
                settings.oauth() != null
                    ? throwawayKeyPair()
                    : Utils.createKeyPairFromPrivateKey(settings.privateKey()),
                settings.scheme(),
                settings.host(),
                settings.port());
      } catch (Exception e) {
        throw new FloeException(ErrorCode.FLOE_1002, "cannot use the private key for Snowpipe", e);
      }
    }
    return requests;
  }

  private static java.security.KeyPair throwawayKeyPair() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /** Under OAuth: the current access token instead of the SDK's JWT. */
  private void authorize(HttpUriRequest request) throws java.sql.SQLException {
    if (settings.oauth() != null) {
      request.setHeader("Authorization", "Bearer " + settings.oauth().accessToken());
      request.setHeader("X-Snowflake-Authorization-Token-Type", "OAUTH");
    }
  }

  private synchronized CloseableHttpClient http() {
    if (http == null) {
      http = SnowpipeHttp.create(settings, readTimeout);
    }
    return http;
  }

  /** The SDK's request for a request id. */
  @FunctionalInterface
  private interface Request<R extends HttpUriRequest> {
    R make(UUID requestId) throws Exception;
  }

  /** One of the SDK's ServiceResponseHandler.unmarshall* methods. */
  @FunctionalInterface
  private interface Reader<R extends HttpUriRequest, T> {
    T read(
        HttpResponse answer,
        UUID requestId,
        CloseableHttpClient http,
        R request,
        RequestBuilder requests)
        throws Exception;
  }

  /**
   * Sends one request through Floe's client and reads the answer with the SDK, whose failure types
   * become one that carries the HTTP status. Under OAuth a refused access token (expired or revoked
   * early, e.g. with the clocks apart) is refreshed and the request sent once more.
   */
  private <R extends HttpUriRequest, T> T send(Request<R> request, Reader<R, T> reader)
      throws Exception {
    try {
      return sendOnce(request, reader);
    } catch (SnowpipeHttpException | SecurityException e) {
      boolean unauthorized =
          e instanceof SecurityException || ((SnowpipeHttpException) e).status() == 401;
      if (settings.oauth() == null || !unauthorized) {
        throw e;
      }
      LOG.info("Snowpipe refused the OAuth access token; refreshing it and trying again");
      settings.oauth().invalidate();
      return sendOnce(request, reader);
    }
  }

  private <R extends HttpUriRequest, T> T sendOnce(Request<R> request, Reader<R, T> reader)
      throws Exception {
    UUID id = UUID.randomUUID();
    R r = request.make(id);
    authorize(r);
    try (CloseableHttpResponse answer = http().execute(r)) {
      return reader.read(answer, id, http(), r, requests());
    } catch (IngestResponseException e) {
      throw new SnowpipeHttpException(e.getErrorCode(), e.toString(), e);
    } catch (BackOffException e) {
      throw new SnowpipeHttpException(503, "Snowpipe asked to back off", e);
    }
  }

  private FloeException classify(String what, Exception e) {
    if (e instanceof SecurityException) {
      return new FloeException(ErrorCode.FLOE_1002, what + ": " + e.getMessage(), e);
    }
    return new FloeException(ErrorCode.FLOE_3002, what + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    if (requests != null) {
      requests.closeResources();
      requests = null;
    }
    if (http != null) {
      try {
        http.close();
      } catch (IOException e) {
        LOG.debug("Closing the Snowpipe HTTP client failed", e);
      }
      http = null;
    }
  }
}
