package io.floe.localsnowflake.core;

import java.io.IOException;
import java.io.InputStream;

/**
 * Stage files as the cloud-storage objects that the presigned URLs of PUT and GET answers point at
 * (cloud storage mode). The stage package implements it and builds the URLs; the http package
 * serves it GCS-style under {@link #PATH_PREFIX} on the local Snowflake's own port, parsing and
 * rendering the storage headers. Bodies are as the driver sends and expects them: encrypted with
 * its client-side encryption scheme (see ../shared/reference/snowflake-wire-protocol.md,
 * "Cloud-stage transfers").
 */
public interface StageObjects {
  /** Object URLs are {@code http://127.0.0.1:PORT/gcs/<bucket>/<object name>?…}. */
  String PATH_PREFIX = "/gcs/";

  /** The URL parameter naming the query that issued the URL (as Snowflake's own URLs do). */
  String QUERY_ID_PARAM = "sfqid";

  /** The URL parameter carrying the server's signature over method, object and query. */
  String SIGNATURE_PARAM = "X-Goog-Signature";

  /**
   * Stores an upload. {@code envelope} is null for a plaintext body; {@code digest} (base64 SHA-256
   * of the plaintext) is checked when given.
   */
  void upload(ObjectRequest request, Envelope envelope, String digest, InputStream body)
      throws IOException;

  /** The stored object, encrypted for the query that issued the URL. */
  Download download(ObjectRequest request) throws IOException;

  /**
   * What a presigned URL names: the object (path after the bucket, decoded), the issuing query and
   * the signature. {@code method} is PUT or GET.
   */
  record ObjectRequest(String method, String objectName, String queryId, String signature) {}

  /**
   * The driver's encryption envelope of one object: the per-file key wrapped (AES/ECB) under the
   * stage master key of query {@code queryId}, and the content's CBC initialisation vector, both
   * base64.
   */
  record Envelope(String queryId, long smkId, int keyBits, String wrappedKey, String iv) {}

  /** An object to send: its encrypted body, exactly {@code length} bytes. */
  record Download(InputStream body, long length, Envelope envelope) {}

  /**
   * Refused: {@code httpStatus} and a GCS-style error code (403 SignatureDoesNotMatch, 404
   * NoSuchKey, 400 for a digest or decryption failure).
   */
  final class ObjectError extends RuntimeException {
    private final int httpStatus;
    private final String code;

    public ObjectError(int httpStatus, String code, String message) {
      super(message);
      this.httpStatus = httpStatus;
      this.code = code;
    }

    public int httpStatus() {
      return httpStatus;
    }

    public String code() {
      return code;
    }
  }
}
