package io.floe.localsnowflake.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.localsnowflake.core.Catalog.UserAccount;
import io.floe.localsnowflake.http.FaultGate.Pass;
import io.floe.localsnowflake.http.Faults.Endpoint;
import io.floe.localsnowflake.streaming.StreamingCalls.Blob;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelKey;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelOutcome;
import io.floe.localsnowflake.streaming.StreamingCalls.ChannelStatus;
import io.floe.localsnowflake.streaming.StreamingCalls.Chunk;
import io.floe.localsnowflake.streaming.StreamingCalls.ChunkChannel;
import io.floe.localsnowflake.streaming.StreamingCalls.ChunkStatus;
import io.floe.localsnowflake.streaming.StreamingCalls.ColumnMetadata;
import io.floe.localsnowflake.streaming.StreamingCalls.Configured;
import io.floe.localsnowflake.streaming.StreamingCalls.Opened;
import io.floe.localsnowflake.streaming.StreamingCalls.StatusQuery;
import io.floe.localsnowflake.streaming.StreamingCalls.StreamingException;
import io.floe.localsnowflake.streaming.StreamingCode;
import io.floe.localsnowflake.streaming.StreamingService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Snowpipe Streaming's REST API ({@code /v1/streaming/…}) as the classic ingest SDK calls it: JSON
 * in and out, authenticated per call like Snowpipe's. Outcomes travel in the body's {@code
 * status_code} (HTTP 200), per channel where the call names several; only authentication (401),
 * unknown paths (404) and faults use HTTP statuses.
 */
final class StreamingEndpoint {
  static final String PREFIX = "/v1/streaming/";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final StreamingService service;
  private final IngestAuth auth;
  private final WireFormat wire;
  private final FaultGate faults;

  StreamingEndpoint(StreamingService service, IngestAuth auth, WireFormat wire, FaultGate faults) {
    this.service = service;
    this.auth = auth;
    this.wire = wire;
    this.faults = faults;
  }

  void handle(JsonExchange ex) throws IOException {
    String path = ex.path().endsWith("/") ? ex.path() : ex.path() + "/";
    Endpoint endpoint =
        switch (path.substring(PREFIX.length())) {
          case "client/configure/" -> Endpoint.STREAMING_CONFIGURE;
          case "channels/open/" -> Endpoint.OPEN_CHANNEL;
          case "channels/status/" -> Endpoint.CHANNEL_STATUS;
          case "channels/write/blobs/" -> Endpoint.REGISTER_BLOBS;
          case "channels/drop/" -> Endpoint.DROP_CHANNEL;
          default -> null;
        };
    if (endpoint == null || service == null) {
      ex.bodyBytes();
      ex.respond(404, wire.ingestError("404", "Unknown Snowpipe Streaming endpoint: " + path));
      return;
    }
    Pass pass = faults.pass(ex, endpoint, null);
    if (pass == Pass.ANSWERED) {
      return;
    }
    Optional<UserAccount> user = auth.authenticate(ex);
    if (user.isEmpty()) {
      return;
    }
    JsonNode request = ex.bodyJson();
    String name = user.get().name();
    String role = text(request, "role");
    ObjectNode answer;
    try {
      answer =
          switch (endpoint) {
            case STREAMING_CONFIGURE -> configure(service.configure(name, role));
            case OPEN_CHANNEL -> open(request, name, role);
            case CHANNEL_STATUS -> status(request, name, role);
            case REGISTER_BLOBS -> register(request, name, role);
            default -> drop(request, name, role);
          };
    } catch (StreamingException e) {
      answer = status(e.code(), e.getMessage());
    }
    if (endpoint == Endpoint.OPEN_CHANNEL) {
      faults.channelOpened();
    }
    if (pass == Pass.SERVE_THEN_FAIL) {
      ex.respondBytes(500, new byte[0]);
    } else {
      ex.respond(200, answer);
    }
  }

  private static ObjectNode configure(Configured c) {
    ObjectNode body = status(StreamingCode.SUCCESS, null);
    body.put("prefix", c.prefix());
    body.put("deployment_id", c.deploymentId());
    ObjectNode stage = body.putObject("stage_location");
    // LOCAL_FS: the SDK writes the blob into this directory itself (see docs/local-snowflake.md).
    stage.put("locationType", "LOCAL_FS");
    stage.put("location", c.localLocation());
    stage.put("path", "");
    stage.putObject("creds");
    stage.putNull("region");
    stage.putNull("endPoint");
    stage.putNull("storageAccount");
    stage.putNull("presignedUrl");
    stage.put("isClientSideEncrypted", true);
    stage.putNull("volumeHash");
    return body;
  }

  private ObjectNode open(JsonNode r, String user, String role) {
    Opened o =
        service.open(
            user,
            role,
            text(r, "database"),
            text(r, "schema"),
            text(r, "table"),
            text(r, "channel"),
            text(r, "offset_token"));
    ObjectNode body = status(o.code(), null);
    names(body, o.channel());
    body.put("channel", o.channel().channel());
    body.put("client_sequencer", o.clientSequencer());
    body.put("row_sequencer", o.rowSequencer());
    body.put("offset_token", o.offsetToken());
    ArrayNode columns = body.putArray("table_columns");
    for (ColumnMetadata c : o.columns()) {
      ObjectNode col = columns.addObject();
      col.put("name", identifier(c.name()));
      col.putNull("collation");
      col.put("type", c.type());
      col.put("logical_type", c.logicalType());
      col.put("physical_type", c.physicalType());
      col.put("precision", c.precision());
      col.put("scale", c.scale());
      col.put("byte_length", c.byteLength());
      col.put("length", c.length());
      col.put("nullable", c.nullable());
      col.put("ordinal", c.ordinal());
    }
    body.put("encryption_key", o.encryptionKey());
    body.put("encryption_key_id", o.encryptionKeyId());
    return body;
  }

  /**
   * A column name as Snowflake's open answer gives it: quoted unless it is a plain upper-case
   * identifier, so that the SDK, which upper-cases unquoted names (LiteralQuoteUtils), matches rows
   * to the column of exactly that stored name.
   */
  static String identifier(String column) {
    return PLAIN_IDENTIFIER.matcher(column).matches()
        ? column
        : '"' + column.replace("\"", "\"\"") + '"';
  }

  private static final java.util.regex.Pattern PLAIN_IDENTIFIER =
      java.util.regex.Pattern.compile("[A-Z_][A-Z0-9_$]*");

  private ObjectNode status(JsonNode r, String user, String role) {
    List<StatusQuery> queries = new ArrayList<>();
    for (JsonNode c : r.path("channels")) {
      queries.add(
          new StatusQuery(
              new ChannelKey(
                  text(c, "database"),
                  text(c, "schema"),
                  text(c, "table"),
                  text(c, "channel_name")),
              c.path("client_sequencer").isNumber() ? c.get("client_sequencer").asLong() : null));
    }
    ObjectNode body = status(StreamingCode.SUCCESS, null);
    ArrayNode channels = body.putArray("channels");
    for (ChannelStatus s : service.status(user, role, queries)) {
      ObjectNode ch = channels.addObject();
      ch.put("status_code", s.code().code());
      ch.put("persisted_row_sequencer", s.rowSequencer());
      ch.put("persisted_client_sequencer", s.clientSequencer());
      ch.put("persisted_offset_token", s.offsetToken());
    }
    return body;
  }

  private ObjectNode register(JsonNode r, String user, String role) {
    List<Blob> blobs = new ArrayList<>();
    for (JsonNode b : r.path("blobs")) {
      List<Chunk> chunks = new ArrayList<>();
      for (JsonNode c : b.path("chunks")) {
        List<ChunkChannel> channels = new ArrayList<>();
        for (JsonNode ch : c.path("channels")) {
          channels.add(
              new ChunkChannel(
                  text(ch, "channel_name"),
                  ch.path("client_sequencer").asLong(-1),
                  ch.path("row_sequencer").asLong(-1),
                  text(ch, "offset_token")));
        }
        chunks.add(
            new Chunk(
                text(c, "database"),
                text(c, "schema"),
                text(c, "table"),
                c.path("chunk_start_offset").asLong(-1),
                c.path("chunk_length").asLong(-1),
                text(c, "chunk_md5"),
                channels));
      }
      blobs.add(new Blob(text(b, "path"), chunks));
    }
    ObjectNode body = status(StreamingCode.SUCCESS, null);
    ArrayNode blobStatus = body.putArray("blobs");
    for (List<ChunkStatus> chunks : service.register(user, role, blobs)) {
      ArrayNode chunkArray = blobStatus.addObject().putArray("chunks");
      for (ChunkStatus chunk : chunks) {
        ObjectNode c = chunkArray.addObject();
        c.put("database", chunk.database());
        c.put("schema", chunk.schema());
        c.put("table", chunk.table());
        ArrayNode channels = c.putArray("channels");
        for (ChannelOutcome o : chunk.channels()) {
          ObjectNode ch = channels.addObject();
          ch.put("status_code", o.code().code());
          ch.put("message", o.code().message());
          ch.put("channel", o.channel());
          ch.put("client_sequencer", o.clientSequencer());
        }
      }
    }
    return body;
  }

  private ObjectNode drop(JsonNode r, String user, String role) {
    ChannelKey dropped =
        service.drop(
            user,
            role,
            text(r, "database"),
            text(r, "schema"),
            text(r, "table"),
            text(r, "channel"),
            r.path("client_sequencer").isNumber() ? r.get("client_sequencer").asLong() : null);
    ObjectNode body = status(StreamingCode.SUCCESS, null);
    names(body, dropped);
    body.put("channel", dropped.channel());
    return body;
  }

  private static void names(ObjectNode body, ChannelKey key) {
    body.put("database", key.database());
    body.put("schema", key.schema());
    body.put("table", key.table());
  }

  private static ObjectNode status(StreamingCode code, String message) {
    ObjectNode body = JSON.objectNode();
    body.put("status_code", code.code());
    body.put("message", message == null ? code.message() : message);
    return body;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asText();
  }
}
