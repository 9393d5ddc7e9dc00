package io.floe.localsnowflake.stage;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.localsnowflake.core.Bind;
import io.floe.localsnowflake.core.DuckStore;
import io.floe.localsnowflake.core.LocalClock;
import io.floe.localsnowflake.core.ObjectName;
import io.floe.localsnowflake.core.SessionState;
import io.floe.localsnowflake.core.SnowflakeError;
import io.floe.localsnowflake.core.StatementResult;
import io.floe.localsnowflake.core.StatementRouter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * The stage package behind a StatementRouter, over an in-memory DuckStore and {@link
 * InMemoryCatalog}, with a stand-in for the driver's side of PUT (copying into the answered
 * LOCAL_FS directory, gzipping when AUTO_COMPRESS says so).
 */
final class StageFixture implements AutoCloseable {
  static final ObjectName T = new ObjectName("DB", "PUBLIC", "T");

  final Path dir;
  final DuckStore store;
  final InMemoryCatalog catalog = new InMemoryCatalog();

  /** Stopped, so times can be asserted exactly; tests move it with advance. */
  final LocalClock clock =
      new LocalClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  final LocalStages stages;
  final StatementRouter router;
  final SessionState admin = new SessionState("ADMIN", "SYSADMIN", "DB", "PUBLIC", "WH");

  StageFixture(Path dir) {
    this(dir, DuckStore.open(null));
  }

  StageFixture(Path dir, DuckStore store) {
    this.dir = dir;
    this.store = store;
    catalog.addSchema("DB", "PUBLIC").addSchema("DB", "OTHER").addUser("ADMIN", "SYSADMIN");
    this.stages = LocalStages.open(store, catalog, dir.resolve("stages"), clock);
    this.router = new StatementRouter(List.of(stages.handler()));
  }

  StatementResult run(SessionState session, String sql, String... binds) {
    List<Bind> b = new ArrayList<>();
    for (String v : binds) {
      b.add(new Bind("TEXT", v));
    }
    return router.execute(session, UUID.randomUUID().toString(), sql, b);
  }

  StatementResult.Rows rows(String sql, String... binds) {
    return (StatementResult.Rows) run(admin, sql, binds);
  }

  StatementResult.Rows rows(SessionState session, String sql) {
    return (StatementResult.Rows) run(session, sql);
  }

  SnowflakeError error(String sql) {
    return error(admin, sql);
  }

  SnowflakeError error(SessionState session, String sql) {
    return assertThrows(SnowflakeError.class, () -> run(session, sql));
  }

  /** A local file with this content, as a client would PUT it. */
  Path localFile(String name, String content) {
    return localFile(name, content.getBytes(StandardCharsets.UTF_8));
  }

  Path localFile(String name, byte[] content) {
    try {
      Path p = dir.resolve("local").resolve(name);
      Files.createDirectories(p.getParent());
      return Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(String content) {
    try {
      var bytes = new java.io.ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(bytes)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PUT as the driver does it: ask for the plan, then copy into the answered directory. */
  StatementResult.Transfer put(SessionState session, Path local, String stage, String options) {
    StatementResult.Transfer plan =
        (StatementResult.Transfer)
            run(session, "PUT file://" + local.toAbsolutePath() + " " + stage + " " + options);
    try {
      byte[] bytes = Files.readAllBytes(local);
      String name = local.getFileName().toString();
      boolean gzipped = bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
      if (plan.autoCompress() && !gzipped) {
        bytes = gzip(new String(bytes, StandardCharsets.UTF_8));
        name = name + ".gz";
      }
      Path target = Path.of(plan.location()).resolve(name);
      if (plan.overwrite() || !Files.exists(target)) {
        Files.write(target, bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return plan;
  }

  StatementResult.Transfer put(Path local, String stage) {
    return put(admin, local, stage, "");
  }

  /** Stages {@code content} as {@code stage/…/name} without compression (AUTO_COMPRESS=FALSE). */
  void stageFile(String stage, String name, String content) {
    put(admin, localFile(name, content), stage, "AUTO_COMPRESS=FALSE OVERWRITE=TRUE");
  }

  @Override
  public void close() {
    stages.close();
    store.close();
  }
}
