package io.floe.it;

/** Connector classes the ITs deploy, by name (Floe's is loaded from the plugin jar, not here). */
public final class ConnectorClasses {
  /** Floe, from the built plugin jar in plugin.path. */
  public static final String FLOE = "io.floe.connector.SnowflakeSinkConnector";

  /** Kafka's own file sink: a known-good sink that proves the test machinery itself. */
  public static final String FILE_SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";

  private ConnectorClasses() {}
}
