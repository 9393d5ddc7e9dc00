package io.floe.localsnowflake.http;

import com.sun.net.httpserver.HttpExchange;
import io.floe.localsnowflake.core.StageObjects;
import io.floe.localsnowflake.core.StageObjects.Download;
import io.floe.localsnowflake.core.StageObjects.Envelope;
import io.floe.localsnowflake.core.StageObjects.ObjectError;
import io.floe.localsnowflake.core.StageObjects.ObjectRequest;
import io.floe.localsnowflake.http.Faults.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Cloud storage, GCS style, at the presigned URLs of PUT and GET answers: {@code PUT
 * /gcs/<bucket>/<object>} stores an upload with its {@code x-goog-meta-*} encryption metadata,
 * {@code GET} returns an object with them. Injected UPLOAD and DOWNLOAD faults strike here.
 */
final class StorageEndpoint {
  private static final String META = "x-goog-meta-";

  private final StageObjects objects;
  private final WireFormat wire;
  private final FaultGate faults;

  StorageEndpoint(StageObjects objects, WireFormat wire, FaultGate faults) {
    this.objects = objects;
    this.wire = wire;
    this.faults = faults;
  }

  /** {@code rest} is the path after /gcs/: {@code <bucket>/<object name>}. */
  void handle(JsonExchange ex, String rest) throws IOException {
    int slash = rest.indexOf('/');
    String method = ex.method();
    Endpoint endpoint =
        switch (method) {
          case "PUT" -> Endpoint.UPLOAD;
          case "GET" -> Endpoint.DOWNLOAD;
          default -> null;
        };
    if (slash <= 0 || endpoint == null || objects == null) {
      ex.bodyBytes();
      ex.respondBytes(
          endpoint == null ? 405 : 404,
          WireFormat.storageError("NotFound", method + " " + ex.path() + " is not served here."));
      return;
    }
    if (faults.intercept(ex, endpoint, null)) {
      return;
    }
    ObjectRequest request =
        new ObjectRequest(
            method,
            rest.substring(slash + 1),
            ex.query(StageObjects.QUERY_ID_PARAM),
            ex.query(StageObjects.SIGNATURE_PARAM));
    try {
      if (endpoint == Endpoint.UPLOAD) {
        upload(ex, request);
      } else {
        download(ex, request);
      }
    } catch (ObjectError e) {
      // The request body is already consumed: uploads close (and so drain) it, GETs have none.
      ex.raw().getResponseHeaders().set("Content-Type", "application/xml; charset=UTF-8");
      ex.respondBytes(e.httpStatus(), WireFormat.storageError(e.code(), e.getMessage()));
    }
  }

  private void upload(JsonExchange ex, ObjectRequest request) throws IOException {
    Envelope envelope =
        wire.envelope(ex.header(META + "encryptiondata"), ex.header(META + "matdesc"));
    String digest = ex.header(META + "sfc-digest");
    // The raw body: the driver blanks Content-Encoding for gzip files, which stay as they are.
    try (InputStream body = ex.raw().getRequestBody()) {
      objects.upload(request, envelope, digest, body);
    }
    ex.raw().getResponseHeaders().set("ETag", "\"" + request.queryId() + "\"");
    ex.respondBytes(200, new byte[0]);
  }

  private void download(JsonExchange ex, ObjectRequest request) throws IOException {
    ex.bodyBytes();
    Download d = objects.download(request);
    HttpExchange raw = ex.raw();
    raw.getResponseHeaders().set("Content-Type", "application/octet-stream");
    raw.getResponseHeaders().set(META + "encryptiondata", wire.encryptionData(d.envelope()));
    raw.getResponseHeaders().set(META + "matdesc", wire.matdesc(d.envelope()));
    try (InputStream in = d.body()) {
      raw.sendResponseHeaders(200, d.length() == 0 ? -1 : d.length());
      if (d.length() > 0) {
        try (OutputStream out = raw.getResponseBody()) {
          in.transferTo(out);
        }
      }
    } finally {
      raw.close();
    }
  }
}
