package io.floe.localsnowflake.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.localsnowflake.core.Catalog.UserAccount;
import io.floe.localsnowflake.core.Snowpipe;
import io.floe.localsnowflake.core.Snowpipe.SnowpipeError;
import io.floe.localsnowflake.http.Faults.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Snowpipe's REST API: {@code /v1/data/pipes/{DB.SCHEMA.PIPE}/insertFiles|insertReport|
 * loadHistoryScan}, authenticated per call by a key-pair JWT or, with {@code
 * X-Snowflake-Authorization-Token-Type: OAUTH}, an OAuth access token.
 */
final class SnowpipeEndpoint {
  /** Snowflake's documented limit per insertFiles call. */
  private static final int MAX_FILES = 5000;

  private final Snowpipe snowpipe;
  private final IngestAuth auth;
  private final WireFormat wire;
  private final FaultGate faults;

  SnowpipeEndpoint(Snowpipe snowpipe, IngestAuth auth, WireFormat wire, FaultGate faults) {
    this.snowpipe = snowpipe;
    this.auth = auth;
    this.wire = wire;
    this.faults = faults;
  }

  /** {@code rest} is the path after /v1/data/pipes/. */
  void handle(JsonExchange ex, String rest) throws IOException {
    int slash = rest.lastIndexOf('/');
    if (slash <= 0) {
      ex.respond(404, wire.ingestError("404", "Unknown Snowpipe endpoint: " + ex.path()));
      return;
    }
    String pipe = rest.substring(0, slash);
    String operation = rest.substring(slash + 1);
    Endpoint endpoint =
        switch (operation) {
          case "insertFiles" -> Endpoint.INSERT_FILES;
          case "insertReport" -> Endpoint.INSERT_REPORT;
          case "loadHistoryScan" -> Endpoint.LOAD_HISTORY_SCAN;
          default -> null;
        };
    if (endpoint == null) {
      ex.respond(404, wire.ingestError("404", "Unknown Snowpipe operation: " + operation));
      return;
    }
    if (faults.intercept(ex, endpoint, null)) {
      return;
    }
    Optional<UserAccount> user = auth.authenticate(ex);
    if (user.isEmpty()) {
      return;
    }
    try {
      switch (endpoint) {
        case INSERT_FILES -> insertFiles(ex, pipe, user.get().name());
        case INSERT_REPORT -> insertReport(ex, pipe, user.get().name());
        default -> loadHistoryScan(ex, pipe, user.get().name());
      }
    } catch (SnowpipeError e) {
      ex.respond(e.httpStatus(), wire.ingestError(e.code(), e.getMessage()));
    }
  }

  private void insertFiles(JsonExchange ex, String pipe, String user) throws IOException {
    String contentType = String.valueOf(ex.header("Content-Type"));
    List<String> paths = new ArrayList<>();
    if (contentType.startsWith("text/plain")) {
      for (String line : new String(ex.bodyBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          paths.add(line.trim());
        }
      }
    } else {
      for (JsonNode f : ex.bodyJson().path("files")) {
        paths.add(f.path("path").asText());
      }
    }
    if (paths.isEmpty() || paths.size() > MAX_FILES) {
      throw new SnowpipeError(
          400, "400", "A request must name between 1 and " + MAX_FILES + " files.");
    }
    for (String p : paths) {
      if (p.isEmpty() || p.getBytes(StandardCharsets.UTF_8).length > 1024) {
        throw new SnowpipeError(400, "400", "Each file path must be 1 to 1024 bytes: " + p);
      }
    }
    List<String> skipped = snowpipe.insertFiles(pipe, user, paths);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("requestId", ex.query("requestId"));
    body.put("responseCode", "SUCCESS");
    if ("true".equalsIgnoreCase(ex.query("showSkippedFiles"))) {
      skipped.forEach(body.putArray("skippedFiles")::add);
    }
    ex.respond(200, body);
  }

  private void insertReport(JsonExchange ex, String pipe, String user) throws IOException {
    Snowpipe.Report report = snowpipe.insertReport(pipe, user, ex.query("beginMark"));
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("pipe", pipe);
    body.put("completeResult", report.completeResult());
    body.put("nextBeginMark", report.nextBeginMark());
    body.putObject("statistics").put("activeFiles", report.activeFiles());
    body.set("files", wire.fileEntries(report.files()));
    ex.respond(200, body);
  }

  private void loadHistoryScan(JsonExchange ex, String pipe, String user) throws IOException {
    String start = ex.query("startTimeInclusive");
    String end = ex.query("endTimeExclusive");
    Snowpipe.HistoryRange range;
    try {
      if (start == null) {
        throw new SnowpipeError(400, "400", "startTimeInclusive is required.");
      }
      range =
          snowpipe.loadHistory(
              pipe, user, Instant.parse(start), end == null ? null : Instant.parse(end));
    } catch (DateTimeParseException e) {
      throw new SnowpipeError(400, "400", "Times must be ISO-8601 instants: " + e.getMessage());
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("pipe", pipe);
    // A string here, unlike insertReport's boolean (as Snowflake documents both).
    body.put("completeResult", String.valueOf(range.completeResult()));
    body.put("startTimeInclusive", start);
    // Echo the requested end: clients loop "start = endTimeExclusive" until it equals theirs.
    body.put("endTimeExclusive", end);
    // When incomplete, clients go on from rangeEndTime.
    body.put("rangeStartTime", range.rangeStart().toString());
    body.put("rangeEndTime", range.rangeEnd().toString());
    body.set("files", wire.fileEntries(range.files()));
    ex.respond(200, body);
  }
}
