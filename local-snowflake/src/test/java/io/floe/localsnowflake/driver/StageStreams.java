package io.floe.localsnowflake.driver;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The JDBC driver's stream upload and download, whichever driver generation is on the classpath:
 * 3.x has them on {@code net.snowflake.client.jdbc.SnowflakeConnection}, 4.x on {@code
 * net.snowflake.client.api.connection.SnowflakeConnection} with config objects. The wire protocol
 * is the same; tests written against this run unchanged in both legs of the driver matrix.
 */
public interface StageStreams {

  /** Uploads {@code in} as {@code @stage/prefix/fileName} (plus .gz when compressing). */
  void upload(String stage, String prefix, String fileName, InputStream in, boolean compress)
      throws SQLException;

  /** The staged file at {@code path} (relative to the stage), gunzipped when asked. */
  InputStream download(String stage, String path, boolean decompress) throws SQLException;

  /** The stream API of the driver generation on the classpath, for this connection. */
  static StageStreams of(Connection connection) {
    return DriverGeneration.current() == DriverGeneration.JDBC_4
        ? new Jdbc4StageStreams(connection)
        : new Jdbc3StageStreams(connection);
  }
}
