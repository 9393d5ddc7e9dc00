package io.floe.localsnowflake.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.localsnowflake.core.Bind;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.SqlLexer;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.StatementRouter;
import io.floe.localsnowflake.core.Token;
import io.floe.localsnowflake.http.Faults.Endpoint;
import io.floe.localsnowflake.http.SessionRegistry.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** POST /queries/v1/query-request: runs one statement for a session and renders its answer. */
final class QueryEndpoint {
  /** Statements that only read, so that a describe-only request may safely run them. */
  private static final Set<String> READS =
      Set.of("SELECT", "WITH", "SHOW", "DESC", "DESCRIBE", "LIST", "LS");

  private final SessionRegistry sessions;
  private final StatementRouter router;
  private final WireFormat wire;
  private final FaultGate faults;

  QueryEndpoint(
      SessionRegistry sessions, StatementRouter router, WireFormat wire, FaultGate faults) {
    this.sessions = sessions;
    this.router = router;
    this.wire = wire;
    this.faults = faults;
  }

  void query(JsonExchange ex) throws IOException {
    Optional<Session> session = sessions.byToken(ex.authorizationToken());
    if (session.isEmpty() || session.get().expired()) {
      ex.bodyBytes();
      ex.respond(200, wire.sessionError("390112", FaultGate.SESSION_EXPIRED_MESSAGE, null));
      return;
    }
    JsonNode body = ex.bodyJson();
    String sql = body.path("sqlText").asText("");
    String kind = statementKind(sql);
    if (faults.intercept(ex, Endpoint.QUERY, kind)) {
      return;
    }
    String queryId = UUID.randomUUID().toString();
    Session s = session.get();
    try {
      if (body.path("asyncExec").asBoolean(false)) {
        throw SnowflakeError.unsupported("asynchronous query execution");
      }
      List<Bind> binds = binds(body.path("bindings"));
      boolean describeOnly = body.path("describeOnly").asBoolean(false);
      ObjectNode answer;
      if (describeOnly && !READS.contains(kind)) {
        // The driver describes prepared statements before running them; describing must not
        // execute a statement with effects.
        answer =
            wire.rows(
                new StatementResult.Rows(List.of(), List.of(), describedType(kind)),
                queryId,
                s.state,
                countParams(sql));
      } else {
        StatementResult result = router.execute(s.state, queryId, sql, binds);
        answer =
            result instanceof StatementResult.Rows rows
                ? wire.rows(rows, queryId, s.state, countParams(sql))
                : wire.transfer((StatementResult.Transfer) result, queryId, s.state);
      }
      ex.respond(200, answer);
    } catch (SnowflakeError e) {
      ex.respond(200, wire.queryError(e, queryId));
    }
  }

  private static List<Bind> binds(JsonNode bindings) {
    if (bindings == null || !bindings.isObject()) {
      return List.of();
    }
    Map<Integer, Bind> ordered = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = bindings.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode value = f.getValue().path("value");
      if (value.isArray()) {
        throw SnowflakeError.unsupported("array (batch) binding");
      }
      ordered.put(
          Integer.parseInt(f.getKey()),
          new Bind(
              f.getValue().path("type").asText("TEXT"), value.isNull() ? null : value.asText()));
    }
    return new ArrayList<>(ordered.values());
  }

  /** The statement's first keyword, upper-cased ("UNKNOWN" when it does not even lex). */
  static String statementKind(String sql) {
    try {
      Token first = SqlLexer.tokenize(sql).get(0);
      return first.kind() == Token.Kind.WORD ? first.text().toUpperCase(Locale.ROOT) : "UNKNOWN";
    } catch (SnowflakeError e) {
      return "UNKNOWN";
    }
  }

  private static int countParams(String sql) {
    try {
      return (int)
          SqlLexer.tokenize(sql).stream().filter(t -> t.kind() == Token.Kind.PARAM).count();
    } catch (SnowflakeError e) {
      return 0;
    }
  }

  private static long describedType(String kind) {
    return switch (kind) {
      case "INSERT" -> 0x3100;
      case "UPDATE" -> 0x3200;
      case "DELETE" -> 0x3300;
      case "MERGE" -> 0x3400;
      case "COPY" -> 0x3600;
      case "PUT", "GET" -> 0x7000;
      default -> StatementResult.Rows.DDL;
    };
  }
}
