package io.floe.localsnowflake.driver;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * snowflake-jdbc 4.x: {@code net.snowflake.client.api.connection.SnowflakeConnection}'s {@code
 * uploadStream(stage, fileName, in, UploadStreamConfig)} and {@code downloadStream(stage, path,
 * DownloadStreamConfig)}. Called by reflection, because the project compiles against 3.x.
 */
final class Jdbc4StageStreams implements StageStreams {
  private static final String API = "net.snowflake.client.api.connection.";

  private final Connection connection;

  Jdbc4StageStreams(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void upload(String stage, String prefix, String fileName, InputStream in, boolean compress)
      throws SQLException {
    Class<?> configType = type("UploadStreamConfig");
    Object builder = call(configType, null, "builder");
    call(builder.getClass(), builder, "setDestPrefix", String.class, prefix);
    call(builder.getClass(), builder, "setCompressData", boolean.class, compress);
    Object config = call(builder.getClass(), builder, "build");
    Class<?> api = type("SnowflakeConnection");
    call(
        api,
        connection.unwrap(api),
        "uploadStream",
        new Class<?>[] {String.class, String.class, InputStream.class, configType},
        new Object[] {stage, fileName, in, config});
  }

  @Override
  public InputStream download(String stage, String path, boolean decompress) throws SQLException {
    Class<?> configType = type("DownloadStreamConfig");
    Object builder = call(configType, null, "builder");
    call(builder.getClass(), builder, "setDecompress", boolean.class, decompress);
    Object config = call(builder.getClass(), builder, "build");
    Class<?> api = type("SnowflakeConnection");
    return (InputStream)
        call(
            api,
            connection.unwrap(api),
            "downloadStream",
            new Class<?>[] {String.class, String.class, configType},
            new Object[] {stage, path, config});
  }

  private static Class<?> type(String simpleName) {
    try {
      return Class.forName(API + simpleName);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("not a 4.x snowflake-jdbc: no " + API + simpleName, e);
    }
  }

  private static Object call(Class<?> owner, Object target, String name) throws SQLException {
    return call(owner, target, name, new Class<?>[0], new Object[0]);
  }

  private static Object call(Class<?> owner, Object target, String name, Class<?> type, Object arg)
      throws SQLException {
    return call(owner, target, name, new Class<?>[] {type}, new Object[] {arg});
  }

  /** Calls {@code owner}'s public method {@code name} on {@code target} (null: static). */
  private static Object call(
      Class<?> owner, Object target, String name, Class<?>[] types, Object[] args)
      throws SQLException {
    try {
      Method m = owner.getMethod(name, types);
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new IllegalStateException(name + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("snowflake-jdbc 4.x has no usable " + name, e);
    }
  }
}
