package io.floe.localsnowflake.driver;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import net.snowflake.client.jdbc.SnowflakeConnection;

/**
 * snowflake-jdbc 3.x: the stream methods of {@code net.snowflake.client.jdbc.SnowflakeConnection}.
 */
final class Jdbc3StageStreams implements StageStreams {
  private final Connection connection;

  Jdbc3StageStreams(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void upload(String stage, String prefix, String fileName, InputStream in, boolean compress)
      throws SQLException {
    connection
        .unwrap(SnowflakeConnection.class)
        .uploadStream(stage, prefix, in, fileName, compress);
  }

  @Override
  public InputStream download(String stage, String path, boolean decompress) throws SQLException {
    return connection.unwrap(SnowflakeConnection.class).downloadStream(stage, path, decompress);
  }
}
