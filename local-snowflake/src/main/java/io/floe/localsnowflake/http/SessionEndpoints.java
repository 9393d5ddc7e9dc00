package io.floe.localsnowflake.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.localsnowflake.core.Catalog;
import io.floe.localsnowflake.core.Catalog.UserAccount;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.http.SessionRegistry.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/** Login, token renewal, logout, heartbeat and telemetry. */
final class SessionEndpoints {
  private final Catalog catalog;
  private final SessionRegistry sessions;
  private final JwtVerifier jwt;
  private final OAuthServer oauth;
  private final WireFormat wire;

  SessionEndpoints(
      Catalog catalog,
      SessionRegistry sessions,
      JwtVerifier jwt,
      OAuthServer oauth,
      WireFormat wire) {
    this.catalog = catalog;
    this.sessions = sessions;
    this.jwt = jwt;
    this.oauth = oauth;
    this.wire = wire;
  }

  /** POST /session/v1/login-request */
  void login(JsonExchange ex) throws IOException {
    JsonNode data = ex.bodyJson().path("data");
    String authenticator = data.path("AUTHENTICATOR").asText("SNOWFLAKE");
    Optional<UserAccount> user;
    if ("SNOWFLAKE_JWT".equalsIgnoreCase(authenticator)) {
      user = jwt.verify(data.path("TOKEN").asText(null));
      if (user.isEmpty()) {
        ex.respond(200, wire.sessionError("390144", "JWT token is invalid.", null));
        return;
      }
    } else if ("OAUTH".equalsIgnoreCase(authenticator)) {
      OAuthServer.AccessCheck check = oauth.check(data.path("TOKEN").asText(null));
      if (check.expired()) {
        ex.respond(200, wire.sessionError("390318", "OAuth access token expired. [0]", null));
        return;
      }
      if (check.user().isEmpty()) {
        ex.respond(200, wire.sessionError("390303", "Invalid OAuth access token. [0]", null));
        return;
      }
      user = check.user();
    } else if ("SNOWFLAKE".equalsIgnoreCase(authenticator)) {
      user = passwordLogin(data.path("LOGIN_NAME").asText(""), data.path("PASSWORD").asText(null));
      if (user.isEmpty()) {
        ObjectNode next = JsonNodeFactory.instance.objectNode();
        next.put("nextAction", "RETRY_LOGIN");
        next.put("authnMethod", "PASSWORD");
        ex.respond(
            200,
            wire.sessionError("390100", "Incorrect username or password was specified.", next));
        return;
      }
    } else {
      ex.respond(
          200,
          wire.sessionError(
              "390190",
              "The authenticator '"
                  + authenticator
                  + "' is not supported by the local Snowflake; use a password, key-pair"
                  + " (SNOWFLAKE_JWT) or OAUTH.",
              null));
      return;
    }
    UserAccount account = user.get();
    if (account.disabled()) {
      ex.respond(
          200,
          wire.sessionError(
              "390101", "User access disabled. Contact your local system administrator.", null));
      return;
    }
    String role = upper(firstNonBlank(ex.query("roleName"), account.defaultRole(), "PUBLIC"));
    if (!catalog.roleGrantedTo(account.name(), role)) {
      ex.respond(
          200,
          wire.sessionError(
              "390189",
              "Role '"
                  + role
                  + "' specified in the connect string does not exist or not authorized. Contact"
                  + " your local system administrator, or attempt to login with another role,"
                  + " e.g. PUBLIC.",
              null));
      return;
    }
    // As on Snowflake, an unknown database or schema does not fail the login: the session simply
    // has none selected (the driver then warns).
    String database = upper(firstNonBlank(ex.query("databaseName"), account.defaultDatabase()));
    if (database != null && !catalog.databaseExists(database)) {
      database = null;
    }
    String schema =
        database == null
            ? null
            : upper(firstNonBlank(ex.query("schemaName"), account.defaultSchema(), "PUBLIC"));
    if (schema != null && !catalog.schemaExists(database, schema)) {
      schema = null;
    }
    String warehouse = upper(ex.query("warehouse"));
    Session s = sessions.open(new SessionState(account.name(), role, database, schema, warehouse));
    ex.respond(
        200,
        wire.loginAnswer(
            s.token,
            s.masterToken,
            sessions.tokenValidity().toSeconds(),
            sessions.masterValidity().toSeconds(),
            s.id,
            s.state));
  }

  /** POST /session/token-request: the master token in the header renews the session token. */
  void renew(JsonExchange ex) throws IOException {
    JsonNode body = ex.bodyJson();
    String requestType = body.path("requestType").asText("RENEW");
    if (!"RENEW".equalsIgnoreCase(requestType)) {
      ex.respond(200, wire.success(JsonNodeFactory.instance.nullNode()));
      return;
    }
    Optional<Session> s =
        sessions.renew(ex.authorizationToken(), body.path("oldSessionToken").asText(null));
    if (s.isEmpty()) {
      ex.respond(
          200,
          wire.sessionError(
              "390114",
              "Authentication token has expired.  The user must authenticate again.",
              null));
      return;
    }
    Session session = s.get();
    ex.respond(
        200,
        wire.renewAnswer(
            session.token,
            sessions.tokenValidity().toSeconds(),
            session.masterToken,
            sessions.masterValidity().toSeconds()));
  }

  /** POST /session?delete=true (logout), /session/heartbeat, /telemetry/send. */
  void acknowledge(JsonExchange ex, boolean delete) throws IOException {
    if (delete) {
      sessions.byToken(ex.authorizationToken()).ifPresent(sessions::close);
    }
    ex.bodyBytes();
    ex.respond(200, wire.success(JsonNodeFactory.instance.nullNode()));
  }

  private Optional<UserAccount> passwordLogin(String loginName, String password) {
    Optional<UserAccount> user = catalog.user(loginName);
    if (user.isEmpty() || user.get().password() == null || password == null) {
      return Optional.empty();
    }
    boolean same =
        MessageDigest.isEqual(
            user.get().password().getBytes(StandardCharsets.UTF_8),
            password.getBytes(StandardCharsets.UTF_8));
    return same ? user : Optional.empty();
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** Connection parameters are identifiers: upper-cased unless the user quoted them. */
  private static String upper(String name) {
    if (name == null) {
      return null;
    }
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      return name.substring(1, name.length() - 1);
    }
    return name.toUpperCase(Locale.ROOT);
  }
}
