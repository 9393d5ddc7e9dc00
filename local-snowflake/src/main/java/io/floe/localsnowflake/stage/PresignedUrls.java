package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.StageObjects;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * GCS-style presigned URLs for stage objects, served by the local Snowflake on its own port: {@code
 * http://127.0.0.1:PORT/gcs/<bucket>/<object>?X-Goog-…&sfqid=<query>&X-Goog-Signature=<sig>}. The
 * X-Goog parameters look like Google's (drivers do not read them); the signature is ours and binds
 * method, object and query, so a URL only serves what its PUT or GET answer granted.
 */
final class PresignedUrls {
  static final String BUCKET = "local-bucket";
  private static final DateTimeFormatter GOOG_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Supplier<String> serverUrl;
  private final StageKeys keys;
  private final Clock clock;

  /**
   * @param serverUrl {@code http://127.0.0.1:PORT}, asked per URL (the port is known only once the
   *     HTTP server is bound)
   */
  PresignedUrls(Supplier<String> serverUrl, StageKeys keys, Clock clock) {
    this.serverUrl = serverUrl;
    this.keys = keys;
    this.clock = clock;
  }

  /** {@code <bucket>/<object prefix>/}: the {@code stageInfo.location} of a transfer. */
  static String location(String objectPrefix) {
    return BUCKET + "/" + objectPrefix + "/";
  }

  String url(String method, String objectName, String queryId) {
    String date = GOOG_DATE.format(clock.instant());
    return serverUrl.get()
        + StageObjects.PATH_PREFIX
        + BUCKET
        + "/"
        + encodePath(objectName)
        + "?X-Goog-Algorithm=GOOG4-RSA-SHA256"
        + "&X-Goog-Credential=local%2F"
        + date.substring(0, 8)
        + "%2Fauto%2Fstorage%2Fgoog4_request"
        + "&X-Goog-Date="
        + date
        + "&X-Goog-Expires=3600&X-Goog-SignedHeaders=host&"
        + StageObjects.QUERY_ID_PARAM
        + "="
        + queryId
        + "&"
        + StageObjects.SIGNATURE_PARAM
        + "="
        + keys.sign(method, objectName, queryId);
  }

  /** Percent-encodes every byte of each segment except RFC 3986's unreserved characters. */
  static String encodePath(String objectName) {
    StringBuilder b = new StringBuilder();
    for (byte raw : objectName.getBytes(StandardCharsets.UTF_8)) {
      int c = raw & 0xff;
      if (c == '/'
          || (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }
}
