package io.floe.localsnowflake.driver;

/**
 * Which snowflake-jdbc the tests run against (the driver matrix puts 3.x or 4.x on the test
 * classpath), and what that version can do.
 */
public enum DriverGeneration {
  JDBC_3,
  JDBC_4;

  private static final String JDBC_4_API =
      "net.snowflake.client.api.connection.SnowflakeConnection";

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
   * Whether snowflake-ingest-sdk 2.3.0 (Floe's Snowpipe REST client) can run beside this driver: it
   * links against 3.x's {@code net.snowflake.client.jdbc.telemetry} classes, which 4.x removed
   * (creating a SimpleIngestManager fails with NoClassDefFoundError).
   */
  public static boolean runsIngestSdk() {
    try {
      Class.forName(
          "net.snowflake.client.jdbc.telemetry.TelemetryClient",
          false,
          DriverGeneration.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Why {@link #runsIngestSdk} is false, for skipped tests. */
  public static final String NO_INGEST_SDK =
      "snowflake-ingest-sdk 2.3.0 needs snowflake-jdbc 3.x classes that 4.x removed";

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
