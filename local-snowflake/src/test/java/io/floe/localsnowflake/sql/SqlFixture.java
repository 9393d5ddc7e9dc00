package io.floe.localsnowflake.sql;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.localsnowflake.core.Bind;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.StatementRouter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An in-memory local Snowflake catalog behind a router, with an admin session. */
final class SqlFixture implements AutoCloseable {
  final DuckStore store;
  final DuckCatalog catalog;
  final StatementRouter router;
  final SessionState admin;

  SqlFixture() {
    this(DuckStore.open(null));
  }

  SqlFixture(DuckStore store) {
    this.store = store;
    this.catalog = new DuckCatalog(store);
    catalog.bootstrap("ADMIN", "secret");
    this.router = new StatementRouter(List.of(new SqlHandler(catalog)));
    this.admin = new SessionState("ADMIN", "ACCOUNTADMIN", null, null, null);
  }

  StatementResult.Rows run(String sql, Bind... binds) {
    return run(admin, sql, binds);
  }

  StatementResult.Rows run(SessionState s, String sql, Bind... binds) {
    return (StatementResult.Rows)
        router.execute(s, UUID.randomUUID().toString(), sql, Arrays.asList(binds));
  }

  /** The rows of a query as lists of wire strings. */
  List<List<String>> rows(String sql, Bind... binds) {
    return run(sql, binds).rows();
  }

  /** The single value of a one-row, one-column query. */
  String value(String sql, Bind... binds) {
    return run(sql, binds).rows().get(0).get(0);
  }

  List<String> column(String sql, int index) {
    List<String> out = new ArrayList<>();
    for (List<String> r : rows(sql)) {
      out.add(r.get(index));
    }
    return out;
  }

  SnowflakeError error(String sql, Bind... binds) {
    return error(admin, sql, binds);
  }

  SnowflakeError error(SessionState s, String sql, Bind... binds) {
    return assertThrows(SnowflakeError.class, () -> run(s, sql, binds));
  }

  static Bind text(String v) {
    return new Bind("TEXT", v);
  }

  @Override
  public void close() {
    store.close();
  }
}
