package io.floe.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.floe.localsnowflake.RsaKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snowpipe's loadHistoryScan answers at most 10,000 entries a call ({@code completeResult:
 * "false"}, continue from {@code rangeEndTime}); {@link SnowpipeClient#history} must read all of
 * them. A pipe with a busier history than the local Snowflake can build in a unit test's time
 * (10,001 loaded files) is served here by a stub speaking the documented responses; the local
 * Snowflake's own paging is tested through the SDK in its module (LoadHistoryLimitsDriverTest).
 */
class SnowpipeHistoryPagingTest {
  private static final int ENTRIES = 10_001;
  private static final int PAGE = 10_000;
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer stub;
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/v1/data/pipes/DB.PUBLIC.P/loadHistoryScan", this::scan);
    stub.start();
  }

  @AfterEach
  void stop() {
    stub.stop(0);
  }

  @Test
  void readsEveryPageOfTheLoadHistory() {
    SessionSettings settings =
        new SessionSettings(
            "http",
            "127.0.0.1",
            stub.getAddress().getPort(),
            "LOCAL",
            "ADMIN",
            RsaKeys.generate().getPrivate(),
            null,
            "DB",
            "PUBLIC",
            Map.of());
    try (SnowpipeClient client = new SnowpipeClient(settings, Retrier.standard())) {
      List<SnowpipeClient.FileStatus> files =
          client.history(ObjectRef.of("DB", "PUBLIC", "P"), T0, T0.plus(Duration.ofHours(1)));
      assertEquals(ENTRIES, files.size(), "every entry, each once");
      assertEquals(ENTRIES, new HashSet<>(files.stream().map(f -> f.path()).toList()).size());
      assertEquals(2, calls.get(), "one call per page");
    }
  }

  /** Entries f0 … f10000, 1 ms apart from T0; at most 10,000 per answer, oldest first. */
  private void scan(HttpExchange exchange) throws IOException {
    calls.incrementAndGet();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    Instant start = Instant.parse(query.get("startTimeInclusive"));
    Instant end = Instant.parse(query.get("endTimeExclusive"));
    List<Integer> inRange = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      Instant at = T0.plusMillis(i);
      if (!at.isBefore(start) && at.isBefore(end)) {
        inRange.add(i);
      }
    }
    List<Integer> listed = inRange.subList(0, Math.min(PAGE, inRange.size()));
    ObjectNode body = JSON.createObjectNode();
    body.put("pipe", "DB.PUBLIC.P");
    body.put("completeResult", String.valueOf(listed.size() == inRange.size()));
    body.put("startTimeInclusive", start.toString());
    body.put("endTimeExclusive", end.toString());
    if (!listed.isEmpty()) {
      body.put("rangeStartTime", T0.plusMillis(listed.get(0)).toString());
      body.put("rangeEndTime", T0.plusMillis(listed.get(listed.size() - 1)).toString());
    }
    ArrayNode files = body.putArray("files");
    for (int i : listed) {
      String at = T0.plusMillis(i).toString();
      files
          .addObject()
          .put("path", "f" + i + ".json")
          .put("stageLocation", "stages/p/")
          .put("fileSize", 100)
          .put("timeReceived", at)
          .put("lastInsertTime", at)
          .put("rowsInserted", 1)
          .put("rowsParsed", 1)
          .put("errorsSeen", 0)
          .put("errorLimit", 1)
          .put("complete", true)
          .put("status", "LOADED");
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
