package io.floe.localsnowflake.http;

import io.floe.localsnowflake.http.Faults.Endpoint;
import io.floe.localsnowflake.http.Faults.Fault;
import java.io.IOException;
import java.util.Optional;

/**
 * Applies an injected {@link Faults.Fault} to a call before it is served, answering as Snowflake
 * (or its cloud storage) would: 503 is the same everywhere; an expired session is 390112 for the
 * SQL API and HTTP 401 (an expired JWT) for the REST APIs of Snowpipe and Snowpipe Streaming.
 */
final class FaultGate {
  private final Faults faults;
  private final WireFormat wire;

  FaultGate(Faults faults, WireFormat wire) {
    this.faults = faults;
    this.wire = wire;
  }

  /** Ends a blob upload fault's turn (see {@link Faults.Kind#WRITE_FAILS}). */
  void channelOpened() {
    faults.channelOpened();
  }

  /** What the caller does with a call after {@link #pass}. */
  enum Pass {
    /** A fault answered it: do not serve it. */
    ANSWERED,
    SERVE,
    /** Serve it, then answer HTTP 500 instead of the result ({@code HTTP_500_AFTER_SERVING}). */
    SERVE_THEN_FAIL
  }

  /** True when the fault already answered the call (the caller must not serve it). */
  boolean intercept(JsonExchange ex, Endpoint endpoint, String statementKind) throws IOException {
    return pass(ex, endpoint, statementKind) == Pass.ANSWERED;
  }

  /** Applies the first fault for this call, if any, and says how the call goes on. */
  Pass pass(JsonExchange ex, Endpoint endpoint, String statementKind) throws IOException {
    Optional<Fault> fault = faults.take(endpoint, statementKind);
    if (fault.isEmpty()) {
      return Pass.SERVE;
    }
    switch (fault.get().kind()) {
      case STALL -> {
        try {
          Thread.sleep(fault.get().stall().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Pass.SERVE;
      }
      case HTTP_500_AFTER_SERVING -> {
        return Pass.SERVE_THEN_FAIL;
      }
      case HTTP_503 -> {
        // Drain the request so the client sees a clean answer, not a reset connection.
        ex.bodyBytes();
        ex.respondBytes(503, new byte[0]);
        return Pass.ANSWERED;
      }
      case SESSION_EXPIRED -> {
        ex.bodyBytes();
        if (endpoint.isIngestRest()) {
          ex.respond(401, wire.ingestError("390144", JWT_EXPIRED_MESSAGE));
        } else {
          ex.respond(200, wire.sessionError("390112", SESSION_EXPIRED_MESSAGE, null));
        }
        return Pass.ANSWERED;
      }
      default -> throw new IllegalStateException("unknown fault " + fault.get());
    }
  }

  static final String SESSION_EXPIRED_MESSAGE = "Your session has expired. Please login again.";

  static final String JWT_EXPIRED_MESSAGE = "JWT token is invalid. The token has expired.";
}
