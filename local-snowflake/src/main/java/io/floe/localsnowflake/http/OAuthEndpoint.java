package io.floe.localsnowflake.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.localsnowflake.http.OAuthServer.TokenAnswer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code POST /oauth/token-request}: a form-encoded refresh_token grant with Basic client
 * authentication. Other fields (the Snowflake connector sends {@code redirect_uri} as well) are
 * ignored; other grant types are refused as {@code unsupported_grant_type}.
 */
final class OAuthEndpoint {
  private final OAuthServer oauth;

  OAuthEndpoint(OAuthServer oauth) {
    this.oauth = oauth;
  }

  void tokenRequest(JsonExchange ex) throws IOException {
    Map<String, String> form = form(new String(ex.bodyBytes(), StandardCharsets.UTF_8));
    if (!"POST".equals(ex.method())) {
      ex.respond(405, error("invalid_request", "Use POST."));
      return;
    }
    String grantType = form.getOrDefault("grant_type", "");
    if (!"refresh_token".equals(grantType)) {
      ex.respond(
          400,
          error(
              "unsupported_grant_type",
              "The local Snowflake supports only grant_type=refresh_token, not '"
                  + grantType
                  + "'."));
      return;
    }
    TokenAnswer answer = oauth.refresh(ex.header("Authorization"), form.get("refresh_token"));
    if (answer.error() != null) {
      ex.respond(answer.status(), error(answer.error(), answer.message()));
      return;
    }
    ObjectNode ok = JsonNodeFactory.instance.objectNode();
    ok.put("access_token", answer.accessToken());
    ok.put("token_type", "Bearer");
    ok.put("expires_in", answer.expiresIn());
    ex.respond(200, ok);
  }

  /** Snowflake's OAuth error shape: {@code {"data":null,"message":…,"code":null,…,"error":…}}. */
  private static ObjectNode error(String error, String message) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.putNull("data");
    e.put("message", message);
    e.putNull("code");
    e.put("success", false);
    e.put("error", error);
    return e;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
