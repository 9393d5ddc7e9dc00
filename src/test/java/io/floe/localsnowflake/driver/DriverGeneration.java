package io.floe.localsnowflake.driver;

/**
 * Which snowflake-jdbc the tests run against (the driver matrix puts 3.x or 4.x on the test
 * classpath), and what that version can do.
 */
public enum DriverGeneration {
  JDBC_3,
  JDBC_4;

  private static final String JDBC_4_API = "net.snowflake.client.api.connection.SnowflakeConnection";

  public static DriverGeneration current() {
    try {
      Class.forName(JDBC_4_API, false, DriverGeneration.class.getClassLoader());
      return JDBC_4;
    } catch (ClassNotFoundException e) {
      return JDBC_3;
    }
  }

  /** The driver's version, e.g. "3.24.0", from its jar manifest. */
  public static String version() {
    try {
      Package p = Class.forName("net.snowflake.client.jdbc.SnowflakeDriver").getPackage();
      String v = p.getImplementationVersion();
      if (v != null) {
        return v;
      }
      return String.valueOf(
          Class.forName("net.snowflake.client.jdbc.SnowflakeDriver")
              .getField("implementVersion")
              .get(null));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no snowflake-jdbc on the classpath", e);
    }
  }

  /**
   * Whether {@code SnowflakeFileTransferAgent.uploadWithoutConnection} works with presigned URLs:
   * from 3.24.1 on (4.x included) the driver dereferences a null session before sending anything
   * (see ../shared/reference/snowflake-wire-protocol.md).
   */
  public static boolean uploadsWithoutConnectionToPresignedUrls() {
    String[] parts = version().split("[.-]");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    int patch = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
    return major < 3 || (major == 3 && (minor < 24 || (minor == 24 && patch == 0)));
  }
}
