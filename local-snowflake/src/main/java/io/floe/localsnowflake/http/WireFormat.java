package io.floe.localsnowflake.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.localsnowflake.core.ResultColumn;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SfType;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.Snowpipe.FileLoad;
import io.floe.localsnowflake.core.StageObjects.Envelope;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.StatementResult.Encryption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The JSON shapes of Snowflake's answers, in one place: the query envelope, result sets, transfer
 * descriptors, errors, login answers and Snowpipe's file entries (see
 * ../shared/reference/snowflake-wire-protocol.md and snowflake-wire-samples/).
 */
final class WireFormat {
  static final String SERVER_VERSION = "8.40.0";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final long PUT_GET_STATEMENT_TYPE = 0x7000;
  private static final int MAX_TEXT = 16777216;

  private final Clock clock;

  WireFormat(Clock clock) {
    this.clock = clock;
  }

  /** {@code {"data":…,"code":null,"message":null,"success":true}} */
  ObjectNode success(JsonNode data) {
    ObjectNode root = JSON.objectNode();
    root.set("data", data);
    root.putNull("code");
    root.putNull("message");
    root.put("success", true);
    return root;
  }

  /** A failed query: the driver raises SnowflakeSQLException(code as int, sqlState). */
  ObjectNode queryError(SnowflakeError error, String queryId) {
    ObjectNode data = JSON.objectNode();
    data.put("internalError", false);
    data.put("errorCode", error.code());
    data.put("age", 0);
    data.put("sqlState", error.sqlState());
    data.put("queryId", queryId);
    data.put("line", -1);
    data.put("pos", -1);
    data.put("type", "COMPILATION");
    ObjectNode root = JSON.objectNode();
    root.set("data", data);
    root.put("code", error.code());
    root.put("message", error.getMessage());
    root.put("success", false);
    root.putNull("headers");
    return root;
  }

  /** A session-level failure (login refused, session expired, …): no query id, no SQLSTATE. */
  ObjectNode sessionError(String code, String message, JsonNode data) {
    ObjectNode root = JSON.objectNode();
    root.set("data", data == null ? JSON.nullNode() : data);
    root.put("code", code);
    root.put("message", message);
    root.put("success", false);
    return root;
  }

  ObjectNode loginAnswer(
      String token,
      String masterToken,
      long validitySeconds,
      long masterValiditySeconds,
      long sessionId,
      SessionState state) {
    ObjectNode data = JSON.objectNode();
    data.put("token", token);
    data.put("masterToken", masterToken);
    data.put("validityInSeconds", validitySeconds);
    data.put("masterValidityInSeconds", masterValiditySeconds);
    data.put("sessionId", sessionId);
    data.put("serverVersion", SERVER_VERSION);
    data.putNull("idToken");
    data.putNull("mfaToken");
    data.put("healthCheckInterval", 45);
    ArrayNode parameters = data.putArray("parameters");
    parameter(parameters, "AUTOCOMMIT", true);
    parameter(parameters, "CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY", 3600);
    parameter(parameters, "TIMEZONE", "UTC");
    ObjectNode info = data.putObject("sessionInfo");
    info.put("databaseName", state.database());
    info.put("schemaName", state.schema());
    info.put("warehouseName", state.warehouse());
    info.put("roleName", state.role());
    return success(data);
  }

  ObjectNode renewAnswer(String token, long validity, String masterToken, long masterValidity) {
    ObjectNode data = JSON.objectNode();
    data.put("sessionToken", token);
    data.put("validityInSecondsST", validity);
    data.put("masterToken", masterToken);
    data.put("validityInSecondsMT", masterValidity);
    data.put("sessionId", 0);
    return success(data);
  }

  ObjectNode rows(StatementResult.Rows rows, String queryId, SessionState s, int binds) {
    ObjectNode data = JSON.objectNode();
    // The driver keeps getAutoCommit() from the parameters each answer carries.
    parameter(data.putArray("parameters"), "AUTOCOMMIT", s.autocommit());
    ArrayNode rowtype = data.putArray("rowtype");
    for (ResultColumn c : rows.columns()) {
      ObjectNode col = rowtype.addObject();
      col.put("name", c.name());
      col.put("database", s.database() == null ? "" : s.database());
      col.put("schema", s.schema() == null ? "" : s.schema());
      col.put("table", "");
      col.put("type", c.type().wireName());
      col.put("nullable", c.nullable());
      boolean text = c.type() == SfType.TEXT || c.type() == SfType.BINARY;
      col.put("byteLength", text ? MAX_TEXT : null);
      col.put("length", text ? MAX_TEXT : null);
      col.put("precision", c.precision());
      col.put("scale", c.scale());
      col.putNull("collation");
    }
    ArrayNode rowset = data.putArray("rowset");
    for (List<String> row : rows.rows()) {
      ArrayNode r = rowset.addArray();
      row.forEach(r::add);
    }
    data.put("total", rows.rows().size());
    data.put("returned", rows.rows().size());
    envelope(data, queryId, s, binds, rows.statementTypeId());
    return success(data);
  }

  ObjectNode transfer(StatementResult.Transfer t, String queryId, SessionState s) {
    boolean upload = "UPLOAD".equals(t.command());
    ObjectNode data = JSON.objectNode();
    data.put("command", t.command());
    ArrayNode src = data.putArray("src_locations");
    t.sourceLocations().forEach(src::add);
    data.put("parallel", upload ? 4 : 10);
    data.put("threshold", 209715200);
    data.put("autoCompress", t.autoCompress());
    data.put("overwrite", t.overwrite());
    data.put("sourceCompression", "auto_detect");
    data.put("clientShowEncryptionParameter", false);
    if (!upload) {
      data.put("localLocation", t.localLocation());
      ArrayNode urls = data.putArray("presignedUrls");
      t.presignedUrls().forEach(urls::add);
    }
    ObjectNode stage = data.putObject("stageInfo");
    boolean local = "LOCAL_FS".equals(t.locationType());
    stage.put("locationType", t.locationType());
    stage.put("location", t.location());
    stage.put("path", t.stagePath());
    stage.put("region", local ? null : "US-CENTRAL1");
    stage.putNull("storageAccount");
    // The driver dereferences endPoint for cloud stages; null is what GCS accounts answer.
    stage.putNull("endPoint");
    stage.put("isClientSideEncrypted", t.encryption() != null);
    stage.putObject("creds");
    if (upload && !t.presignedUrls().isEmpty()) {
      stage.put("presignedUrl", t.presignedUrls().get(0));
    }
    if (t.encryption() == null) {
      data.putNull("encryptionMaterial");
    } else if (upload) {
      data.set("encryptionMaterial", encryption(t.encryption()));
    } else {
      ArrayNode materials = data.putArray("encryptionMaterial");
      t.sourceLocations().forEach(x -> materials.add(encryption(t.encryption())));
    }
    envelope(data, queryId, s, 0, PUT_GET_STATEMENT_TYPE);
    return success(data);
  }

  private ObjectNode encryption(Encryption e) {
    ObjectNode m = JSON.objectNode();
    m.put("queryStageMasterKey", e.queryStageMasterKey());
    m.put("queryId", e.queryId());
    m.put("smkId", e.smkId());
    return m;
  }

  /**
   * {@code x-goog-meta-encryptiondata} of a stage object, in the driver's own layout (it reads
   * WrappedContentKey.EncryptedKey and ContentEncryptionIV; the labels say AES_CBC_256 whatever the
   * key size, as the driver writes them).
   */
  String encryptionData(Envelope e) {
    ObjectNode root = JSON.objectNode();
    root.put("EncryptionMode", "FullBlob");
    ObjectNode key = root.putObject("WrappedContentKey");
    key.put("KeyId", "symmKey1");
    key.put("EncryptedKey", e.wrappedKey());
    key.put("Algorithm", "AES_CBC_256");
    ObjectNode agent = root.putObject("EncryptionAgent");
    agent.put("Protocol", "1.0");
    agent.put("EncryptionAlgorithm", "AES_CBC_256");
    root.put("ContentEncryptionIV", e.iv());
    root.putObject("KeyWrappingMetadata").put("EncryptionLibrary", "Java 5.3.0");
    return root.toString();
  }

  /** {@code x-goog-meta-matdesc}: which stage master key wraps the file key. */
  String matdesc(Envelope e) {
    ObjectNode root = JSON.objectNode();
    root.put("queryId", e.queryId());
    root.put("smkId", Long.toString(e.smkId()));
    root.put("keySize", Integer.toString(e.keyBits()));
    return root.toString();
  }

  /**
   * The envelope of an upload from its two metadata headers, or null when the upload is not
   * encrypted (no encryptiondata).
   */
  Envelope envelope(String encryptionData, String matdesc) throws IOException {
    if (encryptionData == null || encryptionData.isBlank()) {
      return null;
    }
    JsonNode data = JsonExchange.MAPPER.readTree(encryptionData);
    JsonNode desc = matdesc == null ? JSON.objectNode() : JsonExchange.MAPPER.readTree(matdesc);
    return new Envelope(
        desc.path("queryId").asText(null),
        desc.path("smkId").asLong(0),
        desc.path("keySize").asInt(128),
        data.path("WrappedContentKey").path("EncryptedKey").asText(null),
        data.path("ContentEncryptionIV").asText(null));
  }

  /** A cloud-storage error body, as Google's XML API writes one. */
  static byte[] storageError(String code, String message) {
    String escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return ("<?xml version='1.0' encoding='UTF-8'?><Error><Code>"
            + code
            + "</Code><Message>"
            + escaped
            + "</Message></Error>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A Snowpipe REST failure body, as the SDK's IngestExceptionBody parses it. */
  ObjectNode ingestError(String code, String message) {
    ObjectNode root = JSON.objectNode();
    root.put("code", code);
    root.put("message", message);
    root.put("success", false);
    root.putNull("data");
    root.putNull("headers");
    return root;
  }

  ArrayNode fileEntries(List<FileLoad> files) {
    ArrayNode out = JSON.arrayNode();
    for (FileLoad f : files) {
      ObjectNode e = out.addObject();
      e.put("path", f.path());
      e.put("stageLocation", f.stageLocation());
      e.put("fileSize", f.fileSize());
      e.put("timeReceived", f.timeReceived().toString());
      e.put("lastInsertTime", f.lastInsertTime() == null ? null : f.lastInsertTime().toString());
      e.put("rowsInserted", f.rowsInserted());
      e.put("rowsParsed", f.rowsParsed());
      e.put("errorsSeen", f.errorsSeen());
      e.put("errorLimit", f.errorLimit());
      if (f.firstError() != null) {
        e.put("firstError", f.firstError());
        e.put("firstErrorLineNum", f.firstErrorLineNum());
        e.put("firstErrorCharacterPos", f.firstErrorCharacterPos());
        e.put("firstErrorColumnName", f.firstErrorColumnName());
      }
      if (f.systemError() != null) {
        e.put("systemError", f.systemError());
      }
      e.put("complete", f.complete());
      e.put("status", f.status());
    }
    return out;
  }

  private void envelope(ObjectNode data, String queryId, SessionState s, int binds, long type) {
    data.put("queryId", queryId);
    data.putNull("databaseProvider");
    data.put("finalDatabaseName", s.database());
    data.put("finalSchemaName", s.schema());
    data.put("finalWarehouseName", s.warehouse());
    data.put("finalRoleName", s.role());
    data.put("numberOfBinds", binds);
    data.put("arrayBindSupported", false);
    data.put("statementTypeId", type);
    data.put("version", 1);
    data.put("sendResultTime", clock.millis());
    data.put("queryResultFormat", "json");
  }

  private static void parameter(ArrayNode parameters, String name, Object value) {
    ObjectNode p = parameters.addObject();
    p.put("name", name);
    p.putPOJO("value", value);
  }
}
