package io.floe.localsnowflake.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Faults to inject on demand, so tests can prove that a client survives what Snowflake does under
 * stress: make the next N calls of an endpoint answer HTTP 503, answer 390112 (session expired), or
 * stall before being served. Thread-safe; each injected fault is used up by the calls it hits.
 */
public final class Faults {

  /** Where a fault strikes. */
  public enum Endpoint {
    LOGIN,
    /** A query; narrowed by statement kind, the statement's first keyword (PUT, COPY, SELECT…). */
    QUERY,
    /** The bytes of a PUT or stream upload in cloud-storage mode. */
    UPLOAD,
    /** The bytes of a GET or download stream in cloud-storage mode. */
    DOWNLOAD,
    INSERT_FILES,
    INSERT_REPORT,
    LOAD_HISTORY_SCAN,
    /** Snowpipe Streaming's {@code /v1/streaming/client/configure/}. */
    STREAMING_CONFIGURE,
    /** Snowpipe Streaming's {@code /v1/streaming/channels/open/}. */
    OPEN_CHANNEL,
    /** Snowpipe Streaming's {@code /v1/streaming/channels/status/}. */
    CHANNEL_STATUS,
    /** Snowpipe Streaming's {@code /v1/streaming/channels/write/blobs/} (register blobs). */
    REGISTER_BLOBS,
    /** Snowpipe Streaming's {@code /v1/streaming/channels/drop/}. */
    DROP_CHANNEL,
    /**
     * Snowpipe Streaming's blob uploads: the SDK writes each blob into the LOCAL_FS stage itself,
     * with no call to the server, so this takes {@link Kind#WRITE_FAILS} only.
     */
    BLOB_UPLOAD;

    /** Snowpipe's and Snowpipe Streaming's REST calls, authenticated per call (no session). */
    boolean isIngestRest() {
      return this == INSERT_FILES
          || this == INSERT_REPORT
          || this == LOAD_HISTORY_SCAN
          || isStreaming();
    }

    boolean isStreaming() {
      return this == STREAMING_CONFIGURE
          || this == OPEN_CHANNEL
          || this == CHANNEL_STATUS
          || this == REGISTER_BLOBS
          || this == DROP_CHANNEL;
    }
  }

  /** What the call gets (see {@link FaultGate} for the exact answers). */
  public enum Kind {
    /** HTTP 503, a transient failure the clients retry. */
    HTTP_503,
    /** SQL API: 390112 (the driver renews its token); Snowpipe: 401 (the SDK makes a new JWT). */
    SESSION_EXPIRED,
    /** The call waits, then is served. */
    STALL,
    /**
     * Snowpipe Streaming only: the call is served (its effects are committed), then answered HTTP
     * 500 instead of its result, as when a response is lost: the SDK re-sends the same request.
     */
    HTTP_500_AFTER_SERVING,
    /**
     * {@link Endpoint#BLOB_UPLOAD} only: every blob the SDK writes fails to upload, from now until
     * {@code times} channels have been opened. An upload is not a call the server sees, so the
     * fault lasts until what follows a failed upload: the SDK invalidates the blob's channels and
     * the client reopens them.
     */
    WRITE_FAILS
  }

  /** One injected fault as the HTTP layer applies it. */
  public record Fault(Kind kind, Duration stall) {}

  private final List<Rule> rules = new ArrayList<>();

  /** Makes blob uploads fail ({@code true}) or work again; set by the server that owns them. */
  private Consumer<Boolean> blobUploadsFail = failing -> {};

  /** The next {@code times} calls of {@code endpoint} answer HTTP 503. */
  public Faults fail(Endpoint endpoint, int times) {
    return add(endpoint, null, times, new Fault(Kind.HTTP_503, Duration.ZERO));
  }

  /** The next {@code times} queries whose first keyword is {@code statementKind} answer 503. */
  public Faults failQueries(String statementKind, int times) {
    return add(Endpoint.QUERY, statementKind, times, new Fault(Kind.HTTP_503, Duration.ZERO));
  }

  /** The next {@code times} calls of {@code endpoint} answer 390112 (session token expired). */
  public Faults expireSession(Endpoint endpoint, int times) {
    return add(endpoint, null, times, new Fault(Kind.SESSION_EXPIRED, Duration.ZERO));
  }

  /**
   * The next {@code times} calls of a Snowpipe Streaming endpoint are served, then answered HTTP
   * 500: the effect happened, the client does not know it and re-sends.
   */
  public Faults loseResponse(Endpoint endpoint, int times) {
    return add(endpoint, null, times, new Fault(Kind.HTTP_500_AFTER_SERVING, Duration.ZERO));
  }

  /**
   * Every Snowpipe Streaming blob upload fails until {@code opens} channels have been opened (the
   * SDK invalidates a failed blob's channels; the client reopens them).
   */
  public Faults failBlobUploads(int opens) {
    return add(Endpoint.BLOB_UPLOAD, null, opens, new Fault(Kind.WRITE_FAILS, Duration.ZERO));
  }

  /** The next {@code times} calls of {@code endpoint} wait {@code stall} before being served. */
  public Faults stall(Endpoint endpoint, int times, Duration stall) {
    return add(endpoint, null, times, new Fault(Kind.STALL, stall));
  }

  /**
   * The general form: {@code statementKind} narrows QUERY faults to one statement kind (null: any).
   * Cloud storage (UPLOAD, DOWNLOAD) has no sessions, so it takes only HTTP_503 and STALL.
   */
  public synchronized Faults add(Endpoint endpoint, String statementKind, int times, Fault fault) {
    if (times <= 0) {
      throw new IllegalArgumentException("times must be positive: " + times);
    }
    if (statementKind != null && endpoint != Endpoint.QUERY) {
      throw new IllegalArgumentException(
          "a statement kind narrows QUERY faults only, not " + endpoint);
    }
    if (fault.kind() == Kind.SESSION_EXPIRED
        && (endpoint == Endpoint.UPLOAD || endpoint == Endpoint.DOWNLOAD)) {
      throw new IllegalArgumentException(
          endpoint + " is cloud storage, which has no session to expire: use HTTP_503 or STALL");
    }
    if (fault.kind() == Kind.HTTP_500_AFTER_SERVING && !endpoint.isStreaming()) {
      throw new IllegalArgumentException(
          "HTTP_500_AFTER_SERVING applies to Snowpipe Streaming's calls only, not " + endpoint);
    }
    if ((fault.kind() == Kind.WRITE_FAILS) != (endpoint == Endpoint.BLOB_UPLOAD)) {
      throw new IllegalArgumentException(
          "WRITE_FAILS is the only fault of BLOB_UPLOAD (and applies to nothing else), not "
              + fault.kind()
              + " on "
              + endpoint);
    }
    String kind = statementKind == null ? null : statementKind.toUpperCase(Locale.ROOT);
    rules.add(new Rule(endpoint, kind, times, fault));
    if (endpoint == Endpoint.BLOB_UPLOAD) {
      blobUploadsFail.accept(true);
    }
    return this;
  }

  /** Drops every fault not yet used up. */
  public synchronized void clear() {
    boolean uploads = failingUploads();
    rules.clear();
    if (uploads) {
      blobUploadsFail.accept(false);
    }
  }

  synchronized void blobUploads(Consumer<Boolean> fail) {
    this.blobUploadsFail = fail;
    fail.accept(failingUploads());
  }

  /** A channel was opened: it uses up a BLOB_UPLOAD fault's turn; the last one ends it. */
  synchronized void channelOpened() {
    Optional<Fault> used = take(Endpoint.BLOB_UPLOAD, null);
    if (used.isPresent() && !failingUploads()) {
      blobUploadsFail.accept(false);
    }
  }

  private boolean failingUploads() {
    return rules.stream().anyMatch(r -> r.endpoint == Endpoint.BLOB_UPLOAD);
  }

  /** How many injected faults are still waiting for a call. */
  public synchronized int pending() {
    return rules.stream().mapToInt(r -> r.remaining).sum();
  }

  /** Takes the first fault that applies to this call, if any. */
  synchronized Optional<Fault> take(Endpoint endpoint, String statementKind) {
    Iterator<Rule> it = rules.iterator();
    while (it.hasNext()) {
      Rule r = it.next();
      if (r.endpoint == endpoint
          && (r.statementKind == null || r.statementKind.equals(statementKind))) {
        if (--r.remaining == 0) {
          it.remove();
        }
        return Optional.of(r.fault);
      }
    }
    return Optional.empty();
  }

  private static final class Rule {
    final Endpoint endpoint;
    final String statementKind;
    final Fault fault;
    int remaining;

    Rule(Endpoint endpoint, String statementKind, int remaining, Fault fault) {
      this.endpoint = endpoint;
      this.statementKind = statementKind;
      this.remaining = remaining;
      this.fault = fault;
    }
  }
}
