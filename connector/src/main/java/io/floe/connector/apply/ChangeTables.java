package io.floe.connector.apply;

import io.floe.connector.snowflake.ObjectRef;
import io.floe.connector.snowflake.SnowflakeClient;

/**
 * The change table beside a mirrored target: {@code <TARGET>_FLOE_CHANGES}, with the two VARIANT
 * columns every Floe table has, so that the file loader (stage, pipe, recovery) loads changes into
 * it exactly once, unchanged.
 */
public final class ChangeTables {
  static final String SUFFIX = "_FLOE_CHANGES";

  private final SnowflakeClient client;

  public ChangeTables(SnowflakeClient client) {
    this.client = client;
  }

  /** The change table of {@code target}, in the target's schema. */
  public static ObjectRef of(ObjectRef target) {
    return target.sibling(target.name().resolved() + SUFFIX);
  }

  /** The target whose change table {@code changes} is, or null for a table of another name. */
  public static ObjectRef targetOf(ObjectRef changes) {
    String name = changes.name().resolved();
    if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
      return null;
    }
    return changes.sibling(name.substring(0, name.length() - SUFFIX.length()));
  }

  /** Creates the change table unless it exists (CREATE … IF NOT EXISTS: safe for racing tasks). */
  public ObjectRef ensure(ObjectRef target) {
    ObjectRef changes = of(target);
    client.createTable(changes);
    return changes;
  }
}
