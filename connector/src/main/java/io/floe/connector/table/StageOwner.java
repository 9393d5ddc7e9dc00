package io.floe.connector.table;

import io.floe.connector.snowflake.ObjectRef;
import java.util.Optional;

/**
 * Which connector a Floe stage belongs to, as recorded in the stage's comment when it was created:
 * {@code Floe connector <exact connector name> stages files for <table>}. Object names keep only
 * letters, digits and {@code _} of the connector's name, so {@code orders-sink}, {@code
 * orders_sink} and {@code Orders.Sink} map to the same stage; the comment still tells them apart.
 * Every Floe version has written this comment, so existing stages are recognised unchanged.
 */
public final class StageOwner {
  private static final String PREFIX = "Floe connector ";
  private static final String INFIX = " stages files for ";

  private StageOwner() {}

  /** The comment for {@code connectorName}'s stage for {@code table}. */
  public static String comment(String connectorName, ObjectRef table) {
    return PREFIX + connectorName + INFIX + table;
  }

  /**
   * The connector named in a Floe stage comment, or empty when the comment is not one (the stage
   * was made by hand, or its comment changed): such a stage is taken to be shared on purpose.
   */
  public static Optional<String> connectorIn(String comment) {
    if (comment == null || !comment.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int infix = comment.lastIndexOf(INFIX);
    if (infix < PREFIX.length()) {
      return Optional.empty();
    }
    return Optional.of(comment.substring(PREFIX.length(), infix));
  }

  /**
   * Whether {@code other}'s objects have the same names as {@code connectorName}'s: the two names
   * differ, but not in their letters and digits.
   */
  public static boolean collides(String connectorName, String other) {
    return !connectorName.equals(other)
        && TableObjects.identifierPart(connectorName).equals(TableObjects.identifierPart(other));
  }
}
