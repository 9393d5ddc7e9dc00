package io.floe.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each record of the latency phase became queryable in Snowpipe Streaming mode, from the local
 * Snowflake's history of channel token commits ({@code GET /__local/streaming/commits}): a record
 * is queryable when its channel commits a token at or past its offset. Read once, after the phase,
 * so nothing queries the server while it is measured; exact to the commit, where polling the table
 * was late by up to a poll.
 */
final class CommitTimes {
  private CommitTimes() {}

  /** Per record sent, milliseconds from send to its channel's commit, sorted. */
  static long[] latencies(
      URI server, String database, String schema, String table, BenchRecords.Sent sent)
      throws IOException, InterruptedException {
    Map<Integer, List<long[]>> commits = read(server, database, schema, table);
    long[] out = new long[(int) sent.count()];
    int n = 0;
    for (int p = 0; p < sent.sizes().length; p++) {
      List<long[]> partition = commits.getOrDefault(p, List.of());
      for (int i = 0; i < sent.sizes()[p]; i++) {
        long offset = sent.firstOffset()[p] + i;
        long at = -1;
        for (long[] commit : partition) {
          if (commit[0] >= offset) {
            at = commit[1];
            break;
          }
        }
        if (at < 0) {
          throw new IllegalStateException(
              "partition " + p + " offset " + offset + " never committed");
        }
        out[n++] = at - sent.sendTime(p, offset);
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** Per partition, its channel's commits oldest first: {offset token, epoch millis}. */
  private static Map<Integer, List<long[]>> read(
      URI server, String database, String schema, String table)
      throws IOException, InterruptedException {
    URI uri =
        server.resolve(
            "/__local/streaming/commits?database="
                + database
                + "&schema="
                + schema
                + "&table="
                + table);
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("GET " + uri + ": HTTP " + answer.statusCode() + " " + answer.body());
    }
    Map<Integer, List<long[]>> out = new HashMap<>();
    for (JsonNode c : new ObjectMapper().readTree(answer.body()).path("commits")) {
      // Floe's channels are FLOE_<connector>_<topic>_<partition>_<hash>.
      String[] parts = c.get("channel").asText().split("_");
      int partition = Integer.parseInt(parts[parts.length - 2]);
      out.computeIfAbsent(partition, k -> new ArrayList<>())
          .add(
              new long[] {
                Long.parseLong(c.get("offsetToken").asText()), c.get("committedOnMillis").asLong()
              });
    }
    return out;
  }
}
