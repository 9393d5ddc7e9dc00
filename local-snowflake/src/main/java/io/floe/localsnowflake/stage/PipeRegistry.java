package io.floe.localsnowflake.stage;

import io.floe.localsnowflake.core.ObjectName;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Pipe definitions; dropping or replacing a pipe drops its load history, as in Snowflake. */
final class PipeRegistry {
  private static final String DEFINITION = "definition";

  private final SchemaObjects objects;
  private final PipeFileHistory history;

  PipeRegistry(SchemaObjects objects, PipeFileHistory history) {
    this.objects = objects;
    this.history = history;
  }

  /** Runs a check-and-change of pipes as one step (see {@link SchemaObjects#atomically}). */
  <T> T atomically(Supplier<T> work) {
    return objects.atomically(work);
  }

  Optional<Pipe> find(ObjectName name) {
    return objects.find(SchemaObjects.Kind.PIPE, name).map(PipeRegistry::pipe);
  }

  Optional<Pipe> byId(long id) {
    return objects
        .findById(id)
        .filter(e -> e.kind() == SchemaObjects.Kind.PIPE)
        .map(PipeRegistry::pipe);
  }

  List<Pipe> list(String database, String schema) {
    return objects.list(SchemaObjects.Kind.PIPE, database, schema).stream()
        .map(PipeRegistry::pipe)
        .toList();
  }

  /** Creates the pipe, replacing (and forgetting the history of) any pipe of that name. */
  Pipe create(ObjectName name, String owner, String comment, String definition, Instant now) {
    find(name).ifPresent(old -> history.drop(old.id()));
    Map<String, String> body = new HashMap<>();
    body.put(DEFINITION, definition);
    return pipe(objects.put(SchemaObjects.Kind.PIPE, name, owner, comment, body, now));
  }

  boolean drop(ObjectName name) {
    Optional<Pipe> old = find(name);
    old.ifPresent(p -> history.drop(p.id()));
    return objects.remove(SchemaObjects.Kind.PIPE, name);
  }

  private static Pipe pipe(SchemaObjects.Entry e) {
    return new Pipe(
        e.id(), e.name(), e.owner(), e.comment(), e.body().get(DEFINITION), e.createdOn());
  }
}
