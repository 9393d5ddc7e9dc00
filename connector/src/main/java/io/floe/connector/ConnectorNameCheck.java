package io.floe.connector;

import io.floe.connector.table.StageOwner;
import io.floe.connector.table.TableObjects;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Whether Floe's objects for this connector name would be another connector's: stage and pipe names
 * keep only the letters, digits and {@code _} of the connector name, so {@code orders-sink} and
 * {@code orders_sink} would share them. Each stage's comment names the connector that created it; a
 * stage under this name's prefix created by a different name with the same letters is the sign.
 * Tasks check again, per table, when they create or find their stage, which also covers two such
 * connectors created at the same time.
 */
final class ConnectorNameCheck {
  private ConnectorNameCheck() {}

  /** A description of the collision, or empty when there is none (or stages cannot be listed). */
  static Optional<String> conflict(Statement s, String connectorName) {
    String prefix = TableObjects.stageNamePrefix(connectorName);
    // '_' is a LIKE wildcard here, so the pattern may match more; the prefix test below is exact.
    try (ResultSet rs = s.executeQuery("show stages like '" + prefix + "%' in account")) {
      while (rs.next()) {
        String name = rs.getString("name");
        Optional<String> owner = StageOwner.connectorIn(rs.getString("comment"));
        if (name.startsWith(prefix)
            && owner.isPresent()
            && StageOwner.collides(connectorName, owner.get())) {
          return Optional.of(
              "Connector name '"
                  + connectorName
                  + "' gives the same Snowflake object names as connector '"
                  + owner.get()
                  + "', which owns stage "
                  + rs.getString("database_name")
                  + "."
                  + rs.getString("schema_name")
                  + "."
                  + name
                  + ".");
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.empty();
    }
  }
}
